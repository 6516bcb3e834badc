package dev.blueprint.lsp.ide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import java.nio.file.Path;
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
    assertThat(s.diagnostics(p)).isEqualTo(new Analyzer().analyze(p, q -> q.equals(p) ? Optional.of(text) : Optional.empty()).diagnosticsIn(p));
  }

  @Test
  void anErrorInAnImportedFileShowsOnThatFile() {
    Fixture f = Fixture.of(FeaturesTest.MULTI.replace("code: string(8)", "code: strin(8)"));
    assertThat(f.snapshot.diagnostics(Fixture.path("common.blueprint"))).extracting(Diagnostic::code).containsExactly(Code.UNKNOWN_TYPE);
    assertThat(f.snapshot.diagnostics(Fixture.path("main.blueprint"))).isEmpty();
  }
}
