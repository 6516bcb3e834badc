package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.cli.BlueprintCli;
import dev.blueprint.runtime.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code blueprint compile} and {@code blueprint run} as scripts see them: exit codes and what is written. */
class CliTest {

    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {}

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
        assertThat(run("compile", dir.resolve("missing.blueprint").toString(), "-o", dir.toString())
                        .exit())
                .isEqualTo(2);
        assertThat(run("run", dir.resolve("missing.blueprint").toString()).exit())
                .isEqualTo(2);
        assertThat(run("compile", Blueprints.valid("task-api.blueprint").toString())
                        .exit())
                .isEqualTo(2);
    }

    @Test
    void runStartsTheServicePrintsItsUrlAndProbesAndStopsOnSigterm() throws Exception {
        Path blueprint = dir.resolve("tasks.blueprint");
        Files.copy(Blueprints.valid("task-api.blueprint"), blueprint);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.blueprint.cli.BlueprintCli",
                        "run",
                        blueprint.toString(),
                        "--port",
                        "0")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String url = null;
            List<String> lines = new ArrayList<>();
            while (url == null) {
                String line = out.readLine();
                if (line == null) break;
                lines.add(line);
                Matcher m = Pattern.compile("running at (http://127\\.0\\.0\\.1:\\d+)")
                        .matcher(line);
                if (m.find()) url = m.group(1);
            }
            assertThat(url).as(String.join("\n", lines)).isNotNull();
            List<String> more = new ArrayList<>();
            for (int i = 0; i < 3; i++) more.add(out.readLine());
            assertThat(more.get(0)).contains(url + "/health/live");
            assertThat(more.get(1)).contains(url + "/health/ready");
            assertThat(more.get(2)).contains(url + "/health/startup");
            Http http = new Http(URI.create(url));
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            assertThat(http.post("/api/tasks", "{\"title\": \"from run\"}").status())
                    .isEqualTo(201);
            process.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops the service gracefully
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(dir.resolve(".blueprint/run/tasks/data/main.mv.db")).exists();
            assertThat(dir.resolve(".blueprint/run/tasks/project/pom.xml")).exists();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void runRefusesABlueprintWithErrors() throws Exception {
        Path bad = dir.resolve("bad.blueprint");
        Files.writeString(bad, "service Bad {}\nentity Thing { id: uuid @key @key }\n");
        assertThat(run("run", bad.toString(), "--port", "0").exit()).isEqualTo(1);
    }

    @Test
    void runNamesEverySecretTheBlueprintTakesFromTheEnvironmentBeforeStarting() {
        Outcome o = run(
                "run",
                Blueprints.root().resolve("examples/secure-shop.blueprint").toString(),
                "--port",
                "0");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err())
                .contains("SecureShop reads secrets from its environment")
                .contains("DESK_KEY")
                .contains("the API key of client desk")
                .contains("ADMIN_KEY")
                .contains("JWT_PUBLIC_KEY")
                .contains("$(cat public.pem)");
        assertThat(o.out()).doesNotContain("running at");
    }
}
