package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as scripts use it: a subprocess, its output and its exit code. */
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run blueprint(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BlueprintCli.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static final String VALID = """
      service Tasks {
        version "1.0.0"
      }

      entity Task {
        id:    uuid @key
        title: string(200)
      }

      api "/api" {
        resource "/tasks" Task
      }
      """;

    @Test
    void cleanFileExitsZeroAndPrintsNothing() throws Exception {
        write("ok.blueprint", VALID);
        Run r = blueprint(dir, "check", "ok.blueprint");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void textReportLooksLikeACompilersWithSourceLineAndCaret() throws Exception {
        write("bad.blueprint", VALID.replace("string(200)", "strin(200)"));
        Run r = blueprint(dir, "check", "bad.blueprint");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .startsWith("bad.blueprint:7:10: error: unknown type 'strin'; did you mean 'string'? [BP0102]\n"
                        + "    title: strin(200)\n"
                        + "           ^~~~~\n");
        assertThat(r.out()).endsWith("1 error, 0 warnings\n");
    }

    @Test
    void jsonReportFollowsTheContract() throws Exception {
        Path bad = write(
                "bad.blueprint", VALID.replace("string(200)", "strin(200)") + "\nentity Unused { id: long @key }\n");
        Run r = blueprint(dir, "check", "--format", "json", "bad.blueprint");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode diags = JSON.readTree(r.out());
        assertThat(diags.size()).isEqualTo(2);
        JsonNode first = diags.get(0);
        assertThat(first.get("file").asText()).isEqualTo(bad.toRealPath().toString());
        assertThat(first.get("line").asInt()).isEqualTo(7);
        assertThat(first.get("column").asInt()).isEqualTo(10);
        assertThat(first.get("endLine").asInt()).isEqualTo(7);
        assertThat(first.get("endColumn").asInt()).isEqualTo(15);
        assertThat(first.get("severity").asText()).isEqualTo("error");
        assertThat(first.get("code").asText()).isEqualTo("BP0102");
        assertThat(diags.get(1).get("severity").asText()).isEqualTo("warning");
    }

    @Test
    void warningsAloneExitZero() throws Exception {
        write("warn.blueprint", VALID + "\nentity Unused { id: long @key }\n");
        Run r = blueprint(dir, "check", "--format", "json", "warn.blueprint");
        assertThat(r.exit()).isZero();
        assertThat(JSON.readTree(r.out()).get(0).get("code").asText()).isEqualTo("BP0506");
    }

    @Test
    void sarifReportIsVersion210WithRulesAndRegions() throws Exception {
        write("bad.blueprint", VALID.replace("string(200)", "strin(200)"));
        Run r = blueprint(dir, "check", "--format", "sarif", "bad.blueprint");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode sarif = JSON.readTree(r.out());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("blueprint");
        JsonNode result = run.get("results").get(0);
        String ruleId = result.get("ruleId").asText();
        assertThat(run.get("tool")
                        .get("driver")
                        .get("rules")
                        .get(result.get("ruleIndex").asInt())
                        .get("id")
                        .asText())
                .isEqualTo(ruleId);
        assertThat(result.get("level").asText()).isEqualTo("error");
        JsonNode region = result.get("locations").get(0).get("physicalLocation").get("region");
        assertThat(region.get("startLine").asInt()).isEqualTo(7);
        assertThat(result.get("locations")
                        .get(0)
                        .get("physicalLocation")
                        .get("artifactLocation")
                        .get("uri")
                        .asText())
                .startsWith("file:");
    }

    @Test
    void missingFileIsUnreadableInputExitTwo() throws Exception {
        Run r = blueprint(dir, "check", "nowhere.blueprint");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nowhere.blueprint: does not exist");
    }

    @Test
    void nonUtf8InputIsRefusedWithExitTwo() throws Exception {
        Files.write(dir.resolve("latin1.blueprint"), "service Caf\u00e9 {}".getBytes(StandardCharsets.ISO_8859_1));
        Run r = blueprint(dir, "check", "latin1.blueprint");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("latin1.blueprint: is not valid UTF-8 text");
    }

    @Test
    void emptyFileLacksAService() throws Exception {
        write("empty.blueprint", "");
        Run r = blueprint(dir, "check", "empty.blueprint");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("empty.blueprint:1:1: error: no service declared")
                .contains("[BP0106]");
    }

    @Test
    void aDirectoryStandsForItsBlueprintsAndImportedFilesAreCheckedThroughTheirImporter() throws Exception {
        write("shop/common.blueprint", "entity Warehouse { id: long @key }\n");
        write(
                "shop/main.blueprint",
                "import \"common.blueprint\"\n" + VALID.replace("title: string(200)", "home: Warehouse"));
        Run r = blueprint(dir, "check", "shop");
        assertThat(r.out()).isEmpty();
        assertThat(r.exit()).isZero();
        Files.createDirectories(dir.resolve("nothing"));
        Run empty = blueprint(dir, "check", "nothing");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("holds no .blueprint files");
    }

    @Test
    void badUsageExitsTwo() throws Exception {
        assertThat(blueprint(dir, "check", "--format", "xml", "x.blueprint").exit())
                .isEqualTo(2);
        assertThat(blueprint(dir, "check").exit()).isEqualTo(2);
        assertThat(blueprint(dir, "frobnicate").exit()).isEqualTo(2);
    }

    @Test
    void fmtRewritesInPlaceAndCheckOnlyReports() throws Exception {
        Path messy = write(
                "messy.blueprint",
                "// keep me\nservice   S{version \"1\"}\nentity E{id:uuid @key}\napi \"/\"{resource \"/e\" E}\n");
        Run check = blueprint(dir, "fmt", "--check", "messy.blueprint");
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).contains("messy.blueprint: not formatted");
        assertThat(Files.readString(messy)).startsWith("// keep me\nservice   S");
        Run fmt = blueprint(dir, "fmt", "messy.blueprint");
        assertThat(fmt.exit()).isZero();
        assertThat(Files.readString(messy))
                .isEqualTo(
                        "// keep me\nservice S {\n  version \"1\"\n}\n\nentity E {\n  id: uuid @key\n}\n\napi \"/\" {\n  resource \"/e\" E\n}\n");
        assertThat(blueprint(dir, "fmt", "--check", "messy.blueprint").exit()).isZero();
    }

    @Test
    void fmtRefusesAFileWithSyntaxErrorsAndLeavesItAlone() throws Exception {
        String broken = "service S {\nentity E { id uuid }\n";
        Path p = write("broken.blueprint", broken);
        Run r = blueprint(dir, "fmt", "broken.blueprint");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("broken.blueprint:1:12:").contains("fix the syntax error first");
        assertThat(Files.readString(p)).isEqualTo(broken);
    }
}
