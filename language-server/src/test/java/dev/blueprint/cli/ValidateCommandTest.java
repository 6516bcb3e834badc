package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blueprint.runtime.Postgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code blueprint validate} end to end: the project's examples pass every step on H2 and on PostgreSQL, with
 * well-formed reports; blueprints that are valid but unfit fail the step that should catch them, with a clear reason.
 * Load runs are short (3 s, 32-64 connections) to keep the suite fast; the defaults stay 256 connections for 20 s.
 */
class ValidateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STEPS = List.of("compile", "start", "functional", "load", "fault", "shutdown");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err, JsonNode report, Path folder) {
        JsonNode step(String id) {
            for (JsonNode s : report.get("steps")) if (s.get("id").asText().equals(id)) return s;
            throw new AssertionError("no step " + id + " in " + report);
        }
    }

    private Run validate(Path blueprint, String... extra) throws IOException {
        return validate(blueprint, 32, extra);
    }

    private Run validate(Path blueprint, int connections, String... extra) throws IOException {
        Path folder = dir.resolve("report-" + blueprint.getFileName());
        List<String> args = new ArrayList<>(
                List.of("validate", blueprint.toString(), "--report", folder.toString(), "--duration", "3s"));
        if (connections > 0) args.addAll(List.of("--connections", Integer.toString(connections)));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BlueprintCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args.toArray(String[]::new));
        Path json = folder.resolve("report.json");
        JsonNode report = Files.exists(json) ? JSON.readTree(json.toFile()) : JSON.nullNode();
        return new Run(exit, out.toString(), err.toString(), report, folder);
    }

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.exists(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("the project's examples folder was not found");
    }

    private static void assertEveryStepPassed(Run run) {
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.report().get("passed").asBoolean()).isTrue();
        List<String> ids = new ArrayList<>();
        for (JsonNode s : run.report().get("steps")) {
            ids.add(s.get("id").asText());
            assertThat(s.get("status").asText()).as(s.toString()).isEqualTo("PASSED");
        }
        assertThat(ids).isEqualTo(STEPS);
        assertThat(run.out()).contains("PASSED").contains("report.html");
        JsonNode load = run.report().get("load");
        assertThat(load.get("requests").asLong()).isPositive();
        assertThat(load.get("failed").asLong()).isZero();
        assertThat(load.get("p99Ms").asDouble())
                .isPositive()
                .isGreaterThanOrEqualTo(load.get("p50Ms").asDouble());
        assertThat(load.get("histogram")).isNotEmpty();
        assertThat(load.get("perSecond")).isNotEmpty();
        assertThat(run.report().get("checks")).isNotEmpty();
        for (JsonNode c : run.report().get("checks"))
            assertThat(c.get("passed").asBoolean()).as(c.toString()).isTrue();
        assertWellFormedHtml(run);
    }

    private static void assertWellFormedHtml(Run run) {
        try {
            String html = Files.readString(run.folder().resolve("report.html"));
            Parser parser = Parser.htmlParser().setTrackErrors(100);
            Document doc = Jsoup.parse(html, "", parser);
            assertThat(parser.getErrors()).as("HTML parse errors").isEmpty();
            assertThat(doc.title()).contains(run.report().get("service").asText());
            Element steps = doc.selectFirst("table");
            assertThat(steps).isNotNull();
            assertThat(steps.select("tbody tr")).hasSize(STEPS.size());
            assertThat(doc.select("svg"))
                    .as("latency histogram and throughput charts")
                    .hasSize(2);
            assertThat(doc.select("svg rect").size()).isPositive();
            assertThat(doc.select("script, link, img, iframe"))
                    .as("self-contained")
                    .isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasks.blueprint", "library.blueprint"})
    void theExamplesPassEveryStepOnH2(String example) throws IOException {
        assertEveryStepPassed(validate(root().resolve("examples").resolve(example)));
    }

    @Test
    void theAutoShopPassesEveryStepOnPostgres() throws Exception {
        try (Postgres postgres = Postgres.fresh()) {
            Run run = validate(root().resolve("examples/auto-shop.blueprint"), "--database", postgres.url());
            assertEveryStepPassed(run);
            assertThat(run.report().get("database").asText())
                    .contains("PostgreSQL")
                    .contains(postgres.name());
        }
    }

    @Test
    void theSecureShopPassesEveryStepWithCredentialsValidateMakes() throws IOException {
        // API keys and a JWT public_key from env(…), a rate limit of 10/s (burst 20) that 32 connections exceed,
        // CORS, a management port of its own; validate supplies every key itself
        Run run = validate(root().resolve("examples/secure-shop.blueprint"));
        assertEveryStepPassed(run);
        JsonNode load = run.report().get("load");
        assertThat(load.get("rateLimited").asLong())
                .as("429 answers under load")
                .isPositive();
        assertThat(run.step("load").get("figures").get("429 rate limited").asLong())
                .isEqualTo(load.get("rateLimited").asLong());
        List<String> credentials = new ArrayList<>();
        for (JsonNode c : run.report().get("credentials"))
            credentials.add(c.get("kind").asText() + " " + c.get("name").asText());
        assertThat(credentials).containsExactly("api key desk", "api key admin", "jwt validate");
        List<String> security = new ArrayList<>();
        for (JsonNode c : run.report().get("checks"))
            if (c.get("security").asBoolean())
                security.add(c.get("what").asText() + " -> " + c.get("expected").asInt());
        assertThat(security)
                .anyMatch(c -> c.startsWith("no credential for GET /api/v1/customers") && c.endsWith("401"))
                .anyMatch(c -> c.startsWith("an unknown api key") && c.endsWith("401"))
                .anyMatch(c -> c.startsWith("a jwt signed by another key") && c.endsWith("401"))
                .anyMatch(c -> c.startsWith("jwt validate-without-roles (no roles) for POST /api/v1/parts")
                        && c.endsWith("403"))
                .anyMatch(c -> c.startsWith("public GET /api/v1/catalog without a credential") && c.endsWith("200"))
                .anyMatch(c -> c.startsWith("CORS preflight from the allowed origin https://shop.example.com")
                        && c.endsWith("204"))
                .anyMatch(c -> c.startsWith("CORS preflight from another origin") && c.endsWith("403"));
        // no secret reaches the reports or the terminal
        String everything = Files.readString(run.folder().resolve("report.json"))
                + Files.readString(run.folder().resolve("report.html"))
                + run.out()
                + run.err();
        assertThat(everything)
                .doesNotContain("BEGIN PUBLIC KEY")
                .doesNotContain("Bearer ey")
                .doesNotContainPattern("eyJ[A-Za-z0-9_-]{20,}");
        assertThat(Files.readString(run.folder().resolve("report.html")))
                .contains("<h2>Security</h2>")
                .contains("api key")
                .contains("desk");
    }

    @Test
    void withApiKeysOnlyAnEndpointNoClientMayCallFailsTheFunctionalPassAndTheRestPasses() throws IOException {
        String tasks = Files.readString(root().resolve("examples/tasks.blueprint"))
                .replace(
                        "resource \"/tasks\" Task",
                        "resource \"/tasks\" Task { list public, get requires role(\"reader\", \"writer\"), "
                                + "create requires role(\"writer\"), update requires role(\"writer\"), delete requires role(\"writer\") }")
                .replace("order by due asc", "order by due asc requires role(\"auditor\")");
        Path blueprint = write(
                "tasks-keys.blueprint",
                tasks + "\nsecurity {\n  roles [\"reader\", \"writer\", \"auditor\"]\n"
                        + "  api_keys {\n    clients {\n      reader { key env(\"READER_KEY\", \"reader-dev-key\") roles [\"reader\"] }\n"
                        + "      writer { key env(\"WRITER_KEY\") roles [\"writer\"] }\n    }\n  }\n"
                        + "  rate_limit { per_second 20  burst 20  by address }\n}\n");
        Run run = validate(blueprint);
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode functional = run.step("functional");
        assertThat(functional.get("status").asText()).isEqualTo("FAILED");
        assertThat(functional.get("reason").asText())
                .contains(
                        "validate has no credential for requires role(\"auditor\"): no api_keys client holds the role \"auditor\" and there is no jwt");
        for (JsonNode c : run.report().get("checks")) {
            if (!c.get("passed").asBoolean())
                assertThat(c.get("path").asText()).as(c.toString()).startsWith("/api/tasks/by-status/");
        }
        List<String> checks = new ArrayList<>();
        for (JsonNode c : run.report().get("checks"))
            checks.add(c.get("what").asText() + " -> " + c.get("actual").asText());
        assertThat(checks)
                .anyMatch(c -> c.startsWith("api key reader for GET /api/tasks/{id}") && c.endsWith("200"))
                .anyMatch(c -> c.startsWith("api key reader for POST /api/tasks") && c.endsWith("403"))
                .anyMatch(c -> c.startsWith("an unknown api key") && c.endsWith("401"))
                .anyMatch(c -> c.startsWith("public GET /api/tasks without a credential") && c.endsWith("200"));
        for (String id : List.of("start", "load", "fault", "shutdown")) {
            assertThat(run.step(id).get("status").asText())
                    .as(run.step(id).toString())
                    .isEqualTo("PASSED");
        }
        assertThat(run.report().get("load").get("rateLimited").asLong()).isPositive();
        assertThat(run.report().get("load").get("failed").asLong()).isZero();
    }

    @Test
    void aJwtWithOnlyAJwksUrlAndNoApiKeysFailsTheStartStepSayingWhy() throws IOException {
        Path blueprint = write(
                "jwks-only.blueprint",
                Files.readString(root().resolve("examples/tasks.blueprint"))
                        + "\nsecurity {\n  jwt {\n    issuer \"https://auth.example.com/\"\n    audience \"tasks\"\n"
                        + "    jwks_url \"https://auth.example.com/.well-known/jwks.json\"\n  }\n}\n");
        Run run = validate(blueprint);
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.step("compile").get("status").asText()).isEqualTo("PASSED");
        JsonNode start = run.step("start");
        assertThat(start.get("status").asText()).isEqualTo("FAILED");
        assertThat(start.get("reason").asText())
                .contains("validate cannot authenticate")
                .contains("jwks_url")
                .contains("no api_keys");
        for (String id : STEPS.subList(2, STEPS.size()))
            assertThat(run.step(id).get("status").asText()).isEqualTo("SKIPPED");
    }

    @Test
    void aPoolOfOneConnectionFailsTheLoadStep() throws IOException {
        // 64 workers (not cores x 8) so that as many requests as are in flight (64) queue for the one connection,
        // whatever the machine's cores
        Path blueprint = write(
                "tiny-pool.blueprint",
                Files.readString(root().resolve("examples/tasks.blueprint"))
                        + "\nserver {\n  worker_threads 64\n}\n\nstore main {\n  engine h2\n  pool {\n    max_size 1\n    connect_timeout 250ms\n  }\n}\n");
        Run run = validate(blueprint, 64);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.report().get("passed").asBoolean()).isFalse();
        assertThat(run.step("functional").get("status").asText()).isEqualTo("PASSED");
        JsonNode load = run.step("load");
        assertThat(load.get("status").asText()).isEqualTo("FAILED");
        assertThat(load.get("reason").asText())
                .contains("requests failed")
                .contains("got 503")
                .contains("max_size 1")
                .contains("ran out of connections");
        assertThat(run.out()).contains("FAIL").contains("max_size 1");
    }

    @Test
    void aReadinessProbeThatChecksNoStoreFailsTheFaultStep() throws IOException {
        Path blueprint = write(
                "no-checks.blueprint",
                Files.readString(root().resolve("examples/tasks.blueprint")) + "\nprobes {\n  checks []\n}\n");
        Run run = validate(blueprint);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.step("load").get("status").asText()).isEqualTo("PASSED");
        JsonNode fault = run.step("fault");
        assertThat(fault.get("status").asText()).isEqualTo("FAILED");
        assertThat(fault.get("reason").asText())
                .contains("ready still answered 200")
                .contains("does not notice the store is gone")
                .contains("checks []");
    }

    @Test
    void aBlueprintWithErrorsFailsTheFirstStepAndSkipsTheRest() throws IOException {
        Path blueprint = write(
                "broken.blueprint",
                "service S {}\nentity E { id: uuid @key\n name: Strng }\napi \"/a\" { resource \"/e\" E }\n");
        Run run = validate(blueprint);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.step("compile").get("status").asText()).isEqualTo("FAILED");
        assertThat(run.step("compile").get("reason").asText()).contains("Strng");
        for (String id : STEPS.subList(1, STEPS.size()))
            assertThat(run.step(id).get("status").asText()).isEqualTo("SKIPPED");
        assertWellFormedHtmlWithoutLoad(run);
    }

    private static void assertWellFormedHtmlWithoutLoad(Run run) throws IOException {
        Parser parser = Parser.htmlParser().setTrackErrors(100);
        Document doc = Jsoup.parse(Files.readString(run.folder().resolve("report.html")), "", parser);
        assertThat(parser.getErrors()).isEmpty();
        assertThat(doc.select("table").first().select("tbody tr")).hasSize(STEPS.size());
        assertThat(doc.select(".FAILED").text()).contains("FAILED");
    }

    @Test
    void badUsageExitsTwoNamingTheProblem() throws IOException {
        Path tasks = root().resolve("examples/tasks.blueprint");
        Run zero = validate(tasks, 0, "--connections", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--connections must be at least 1");
        Run mysql = validate(tasks, "--database", "jdbc:mysql://127.0.0.1/x");
        assertThat(mysql.exit()).isEqualTo(2);
        assertThat(mysql.err())
                .contains("--database must be a PostgreSQL JDBC URL")
                .contains("jdbc:mysql");
        Run duration = validate(tasks, "--duration", "soon");
        assertThat(duration.exit()).isEqualTo(2);
        assertThat(duration.err()).contains("'soon' is not a duration");
        Run missing = validate(dir.resolve("nowhere.blueprint"));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere.blueprint");
        assertThat(missing.folder().resolve("report.json")).doesNotExist();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
