package dev.blueprint.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.resolve.Reference;
import dev.blueprint.lang.resolve.Symbol;
import dev.blueprint.lang.settings.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The core's behaviour where a fixture file cannot say it: effective settings, references, edge inputs. */
class AnalyzerTest {
    private static final Path MAIN = Path.of("/project/main.blueprint").toAbsolutePath();

    private static Analysis analyze(String text) throws Exception {
        return analyze(Map.of(MAIN, text));
    }

    private static Analysis analyze(Map<Path, String> files) throws Exception {
        return new Analyzer().analyze(MAIN, p -> Optional.ofNullable(files.get(p)));
    }

    private static List<Code> codes(Analysis a) {
        return a.diagnostics().stream().map(Diagnostic::code).toList();
    }

    @Test
    void emptyFileLacksOnlyItsService() throws Exception {
        Analysis a = analyze("");
        assertThat(codes(a)).containsExactly(Code.MISSING_SERVICE);
        assertThat(a.diagnostics().get(0).span().start()).isZero();
        assertThat(a.config().stores()).extracting(ServiceConfig.Store::name).containsExactly("main");
    }

    @Test
    void unreadableRootIsAnException() {
        assertThatThrownBy(() -> new Analyzer().analyze(MAIN, p -> Optional.empty()))
                .isInstanceOf(Analyzer.UnreadableSourceException.class);
    }

    @Test
    void lexicalErrorsAreReportedOnceAndParsingGoesOn() throws Exception {
        Analysis a = analyze(
                "service S { version \"1\" } ~ entity E { id: uuid @key } api \"/\" { resource \"/e\" E } /* open");
        assertThat(a.diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly("unexpected character '~'", "unterminated comment: add the closing '*/'");
        assertThat(a.program().entities()).hasSize(1);
    }

    @Test
    void defaultsComeFromTheSchemaTable() throws Exception {
        Analysis a = analyze("service Tasks { } entity T { id: uuid @key } api \"/\" { resource \"/t\" T }");
        assertThat(a.diagnostics()).isEmpty();
        ServiceConfig c = a.config();
        assertThat(c.version()).isEqualTo("0.1.0");
        assertThat(c.javaPackage()).isEqualTo("com.example.tasks");
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().workerThreads()).isEmpty();
        assertThat(c.server().maxBodyBytes()).isEqualTo(1_000_000);
        assertThat(c.server().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.defaultStore().engine()).isEqualTo(ServiceConfig.Engine.H2);
        assertThat(c.defaultStore().pool().maxSize()).isEqualTo(10);
        assertThat(c.defaultStore().pool().minIdle()).isEqualTo(10);
        assertThat(c.defaultStore().pool().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.defaultStore().pool().leakDetection()).isEmpty();
        assertThat(c.probes().ready()).isEqualTo("/health/ready");
        assertThat(c.probes().checks()).containsExactly("main");
        assertThat(c.deploy().replicas()).isEqualTo(1);
        assertThat(c.deploy().cpuMillis()).isEqualTo(500);
        assertThat(c.deploy().cpuLimitMillis()).isEqualTo(2000);
        assertThat(c.deploy().memoryBytes()).isEqualTo(512L << 20);
        assertThat(c.deploy().image()).isEqualTo("tasks");
    }

    @Test
    void writtenValuesOverrideDefaults() throws Exception {
        Analysis a = analyze("""
        service AutoShop { package "com.acme.shop" }
        server { worker_threads 32 max_body 512KiB request_timeout 4500ms }
        store db { engine postgres url env("DB_URL", "jdbc:postgresql://x/y") password env("PW") pool { max_size 20 min_idle 5 leak_detection 30s } }
        deploy { replicas 3 autoscale 3..6 cpu 0.25 memory 1GiB memory_limit 2GiB }
        entity T { id: long @key }
        api "/" { resource "/t" T }
        """);
        assertThat(a.diagnostics()).isEmpty();
        ServiceConfig c = a.config();
        assertThat(c.javaPackage()).isEqualTo("com.acme.shop");
        assertThat(c.server().workerThreads()).contains(32);
        assertThat(c.server().maxBodyBytes()).isEqualTo(512 * 1024);
        assertThat(c.server().requestTimeout()).isEqualTo(Duration.ofMillis(4500));
        ServiceConfig.Store db = c.defaultStore();
        assertThat(db.url().orElseThrow().env()).contains("DB_URL");
        assertThat(db.url().orElseThrow().fallback()).contains("jdbc:postgresql://x/y");
        assertThat(db.password().orElseThrow().fromEnv()).isTrue();
        assertThat(db.pool().minIdle()).isEqualTo(5);
        assertThat(db.pool().leakDetection()).contains(Duration.ofSeconds(30));
        assertThat(c.deploy().replicas()).isEqualTo(3);
        assertThat(c.deploy().autoscaleMax()).contains(6);
        assertThat(c.deploy().cpuMillis()).isEqualTo(250);
        assertThat(c.deploy().image()).isEqualTo("auto-shop");
    }

    @Test
    void didYouMeanCarriesItsFix() throws Exception {
        Analysis a = analyze(
                "service S {} entity Customer { id: uuid @key } entity Order { id: uuid @key c: Custmer } api \"/\" { resource \"/o\" Order resource \"/c\" Customer }");
        Diagnostic d = a.diagnostics().get(0);
        assertThat(d.code()).isEqualTo(Code.UNKNOWN_TYPE);
        assertThat(d.fix()).isEqualTo("Customer");
    }

    @Test
    void referencesLinkEveryUseToItsDeclarationAcrossFiles() throws Exception {
        Path common = MAIN.resolveSibling("common.blueprint");
        String main = "import \"common.blueprint\"\nservice S {}\nentity Item { id: uuid @key w: Warehouse }\n"
                + "api \"/\" { resource \"/i\" Item route GET \"/w/{id}/items\" -> Item[] where w == $id }";
        String shared = "entity Warehouse { id: long @key }\napi \"/x\" { resource \"/w\" Warehouse }";
        Analysis a = analyze(Map.of(MAIN, main, common, shared));
        assertThat(a.diagnostics()).isEmpty();
        Symbol warehouse = a.program().type("Warehouse").orElseThrow();
        assertThat(warehouse.file()).isEqualTo(common);
        List<Reference> refs = a.program().references().of(warehouse);
        assertThat(refs).extracting(Reference::file).containsExactlyInAnyOrder(common, MAIN, common);
        int use = main.indexOf("w == $id");
        Reference atField = a.program().references().at(MAIN, use + 1).orElseThrow();
        assertThat(atField.target().kind()).isEqualTo(Symbol.Kind.FIELD);
        assertThat(atField.target().qualifiedName()).isEqualTo("Item.w");
    }

    @Test
    void importCycleIsReportedOnceAtTheClosingImport() throws Exception {
        Path b = MAIN.resolveSibling("b.blueprint");
        Analysis a = analyze(Map.of(
                MAIN, "import \"b.blueprint\"\nservice S {}",
                b, "import \"main.blueprint\""));
        assertThat(a.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.IMPORT_CYCLE);
        assertThat(a.diagnostics().get(0).file()).isEqualTo(b);
        assertThat(a.diagnostics().get(0).message()).contains("main.blueprint -> b.blueprint -> main.blueprint");
    }

    @Test
    void emptyRoleNamesAreReportedNotThrown() throws Exception {
        Analysis a = analyze(
                "service S {}\nsecurity { roles [\"\", \"ab\"] api_keys { clients { c { key env(\"K\") roles [\"\", \"x\"] } } } }\n"
                        + "entity E { id: uuid @key }\napi \"/\" { resource \"/e\" E requires role(\"\", \"ab\") }");
        assertThat(codes(a)).contains(Code.UNKNOWN_ROLE).doesNotContain(Code.SYNTAX);
        Analysis undeclared = analyze(
                "service S {}\nsecurity { roles [\"abc\"] api_keys { clients { c { key env(\"K\") roles [\"\"] } } } }\n"
                        + "entity E { id: uuid @key }\napi \"/\" { resource \"/e\" E requires role(\"\") }");
        assertThat(undeclared.diagnostics())
                .filteredOn(d -> d.code() == Code.UNKNOWN_ROLE)
                .hasSize(2)
                .allMatch(d -> d.fix() == null);
    }

    @Test
    void everyCodeIsDistinct() {
        assertThat(java.util.Arrays.stream(Code.values())
                        .map(Code::id)
                        .distinct()
                        .count())
                .isEqualTo(Code.values().length);
    }
}
