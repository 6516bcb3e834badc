package dev.blueprint.lsp.ide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    @Test
    void anImportedFileIsAnalysedThroughItsImporter() {
        Fixture f = Fixture.of(FeaturesTest.MULTI);
        Path common = Fixture.path("common.blueprint");
        assertThat(f.snapshot.rootsOf(common)).containsExactly(Fixture.path("main.blueprint"));
        assertThat(f.snapshot.diagnostics(common)).extracting(Diagnostic::code).doesNotContain(Code.MISSING_SERVICE);
        assertThat(f.snapshot.diagnostics(common)).isEmpty();
    }

    @Test
    void aLoneFileWithoutServiceIsCheckedAlone() {
        Path p = Fixture.path("lone.blueprint");
        Snapshot s = Snapshot.of(Map.of(p, "enum A { X }"));
        assertThat(s.diagnostics(p)).extracting(Diagnostic::code).contains(Code.MISSING_SERVICE);
    }

    @Test
    void diagnosticsEqualAFreshCheck() throws Exception {
        String text = CodeActionsTest.HEAD + "server { port 70000 }\nentity E { n: strng }\n";
        Path p = Fixture.path("x.blueprint");
        Snapshot s = Snapshot.of(Map.of(p, text));
        assertThat(s.diagnostics(p))
                .isEqualTo(new Analyzer()
                        .analyze(p, q -> q.equals(p) ? Optional.of(text) : Optional.empty())
                        .diagnosticsIn(p));
    }

    @Test
    void anEditReanalysesOnlyTheProgramsThatIncludeTheEditedFile() {
        Path a = Fixture.path("a.blueprint");
        Path b = Fixture.path("b.blueprint");
        Path common = Fixture.path("common.blueprint");
        String aText =
                "import \"common.blueprint\"\nservice A { }\nentity X { id: uuid @key  u: Unit }\napi \"/a\" { resource \"/x\" X }\n";
        String bText =
                "import \"other.blueprint\"\nservice B { }\nentity Y { id: uuid @key }\napi \"/b\" { resource \"/y\" Y }\n";
        Analyzer analyzer = new Analyzer();
        Map<Path, String> texts = new java.util.HashMap<>(Map.of(a, aText, b, bText, common, "enum Unit { PIECE }\n"));
        Snapshot first = new Snapshot(1, analyzer, texts, p -> Optional.empty());
        first.allAnalyses();

        // an edit to a file of A's program: A is analysed again, B is reused as it was
        texts.put(common, "enum Unit { PIECE, KILO }\n");
        Snapshot second = new Snapshot(2, analyzer, texts, p -> Optional.empty(), first);
        assertThat(second.analysisOfRoot(b)).isSameAs(first.analysisOfRoot(b));
        assertThat(second.analysisOfRoot(a)).isNotSameAs(first.analysisOfRoot(a));
        assertThat(second.analysisOfRoot(a)
                        .program()
                        .enumNamed("Unit")
                        .orElseThrow()
                        .members())
                .hasSize(2);

        // B's missing import appears: B is analysed again, and its error goes
        assertThat(second.diagnostics(b)).extracting(Diagnostic::code).contains(Code.IMPORT_NOT_FOUND);
        Path other = Fixture.path("other.blueprint");
        texts.put(other, "enum O { P }\n");
        Snapshot third = new Snapshot(3, analyzer, texts, p -> Optional.empty(), second);
        assertThat(third.analysisOfRoot(b)).isNotSameAs(second.analysisOfRoot(b));
        assertThat(third.diagnostics(b)).extracting(Diagnostic::code).doesNotContain(Code.IMPORT_NOT_FOUND);
        // and whatever is reused, the diagnostics equal those of a snapshot made from scratch
        for (Path p : List.of(a, b, common, other)) {
            assertThat(third.diagnostics(p)).isEqualTo(Snapshot.of(texts).diagnostics(p));
        }
    }

    @Test
    void anErrorInAnImportedFileShowsOnThatFile() {
        Fixture f = Fixture.of(FeaturesTest.MULTI.replace("code: string(8)", "code: strin(8)"));
        assertThat(f.snapshot.diagnostics(Fixture.path("common.blueprint")))
                .extracting(Diagnostic::code)
                .containsExactly(Code.UNKNOWN_TYPE);
        assertThat(f.snapshot.diagnostics(Fixture.path("main.blueprint"))).isEmpty();
    }

    @Test
    void aProgramTheToolsFailOnIsThatProgramsDiagnosticAlone() {
        Path broken = Fixture.path("broken.blueprint");
        Path fine = Fixture.path("fine.blueprint");
        String fineText = CodeActionsTest.HEAD + "entity E { n: strng }\n";
        String brokenText = "import \"explodes.blueprint\"\n" + CodeActionsTest.HEAD;
        List<String> logged = new java.util.ArrayList<>();
        // reading the import fails as only a bug would: the program of broken.blueprint cannot be analysed
        Snapshot s = new Snapshot(
                1,
                new Analyzer(),
                Map.of(broken, brokenText, fine, fineText),
                p -> {
                    throw new IllegalStateException("boom");
                },
                null,
                (file, e) -> logged.add(file.getFileName() + ": " + e.getMessage()));
        assertThat(s.diagnostics(broken)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.ANALYSIS_FAILED);
            assertThat(d.message()).contains("IllegalStateException: boom");
        });
        assertThat(s.context(broken)).isEmpty(); // requests on it are answered empty
        assertThat(s.diagnostics(fine)).extracting(Diagnostic::code).contains(Code.UNKNOWN_TYPE);
        assertThat(s.allAnalyses()).hasSize(2);
        s.diagnostics(broken);
        assertThat(logged).containsExactly("broken.blueprint: boom");
    }

    @Test
    void aFilePastABoundAnswersNoFeatureRequest() {
        Path deep = Fixture.path("deep.blueprint");
        Snapshot s = Snapshot.of(Map.of(deep, "service S {\n" + "a {\n".repeat(5000)));
        assertThat(s.diagnostics(deep)).extracting(Diagnostic::code).containsExactly(Code.NESTED_TOO_DEEPLY);
        assertThat(s.context(deep)).isEmpty();
    }
}
