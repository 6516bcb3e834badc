package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.cli.BlueprintCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code blueprint compile} and {@code blueprint run} as scripts see them: exit codes and what is written. */
class CliTest {

    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cli = BlueprintCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    @Test
    void compileWritesACompiledProject() {
        Path out = dir.resolve("shop");
        Outcome o = run("compile", Blueprints.valid("auto-shop.blueprint").toString(), "-o", out.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("compiled cleanly");
        assertThat(out.resolve("pom.xml")).exists();
        assertThat(out.resolve("src/main/java/com/example/autoshop/Main.java")).exists();
        assertThat(out.resolve("k8s/deployment.yaml")).exists();
    }

    @Test
    void compileRefusesABlueprintWithErrorsAndWritesNothing() throws Exception {
        Path bad = dir.resolve("bad.blueprint");
        Files.writeString(bad, "service Bad {}\nentity Thing { name: strin }\n");
        Path out = dir.resolve("out");
        Outcome o = run("compile", bad.toString(), "-o", out.toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains("error").contains("nothing was generated");
        assertThat(out).doesNotExist();
    }

    @Test
    void compileAndRunReportUnreadableInputAsUsageErrors() {
        assertThat(run("compile", dir.resolve("missing.blueprint").toString(), "-o", dir.toString()).exit()).isEqualTo(2);
        assertThat(run("run", dir.resolve("missing.blueprint").toString()).exit()).isEqualTo(2);
        assertThat(run("compile", Blueprints.valid("task-api.blueprint").toString()).exit()).isEqualTo(2);
    }

    @Test
    void runRefusesABlueprintWithErrors() throws Exception {
        Path bad = dir.resolve("bad.blueprint");
        Files.writeString(bad, "service Bad {}\nentity Thing { id: uuid @key @key }\n");
        assertThat(run("run", bad.toString(), "--port", "0").exit()).isEqualTo(1);
    }
}
