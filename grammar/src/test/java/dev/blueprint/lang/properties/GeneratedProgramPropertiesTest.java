package dev.blueprint.lang.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.check.Severity;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every program the generator writes is valid: it checks with no error and no warning. */
class GeneratedProgramPropertiesTest {

  @Provide
  Arbitrary<String> programs() {
    return Arbitraries.longs().map(seed -> ProgramGenerator.generate(seed, false));
  }

  @Provide
  Arbitrary<String> commentedPrograms() {
    return Arbitraries.longs().map(seed -> ProgramGenerator.generate(seed, true));
  }

  @Property(tries = 300)
  void generatedProgramsCheckClean(@ForAll("programs") String text) {
    assertClean(text);
  }

  @Property(tries = 200)
  void commentsChangeNothing(@ForAll("commentedPrograms") String text) {
    assertClean(text);
  }

  static void assertClean(String text) {
    Analysis analysis = Support.analyze(text, Map.of());
    List<Diagnostic> problems = analysis.diagnostics().stream()
        .filter(d -> d.severity() == Severity.ERROR || d.severity() == Severity.WARNING).toList();
    assertThat(problems)
        .withFailMessage(() -> "expected a clean check of\n" + Support.numbered(text) + "\nbut got\n" + Support.describe(problems, text))
        .isEmpty();
    assertThat(analysis.program().entities()).isNotEmpty();
  }
}
