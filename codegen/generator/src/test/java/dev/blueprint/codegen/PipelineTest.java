package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.codegen.spec.Specs;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Severity;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one plan from an analysis to a project: refused with the reason, or the generator's files and their spec. */
class PipelineTest {
    private static final String TASKS = """
            service Tasks { version "1.0.0" }
            entity Task {
              id: uuid @key
              title: string(200)
            }
            api "/api" { resource "/tasks" Task }
            """;

    private static Analysis analyze(String text) throws Exception {
        Path file = Path.of("/p/tasks.blueprint").toAbsolutePath();
        return new Analyzer().analyze(file, p -> p.equals(file) ? Optional.of(text) : Optional.empty());
    }

    @Test
    void aCheckedProgramIsItsSpecAndTheGeneratorsFiles() throws Exception {
        Analysis analysis = analyze(TASKS);
        Pipeline.Ready ready = (Pipeline.Ready) Pipeline.plan(analysis, Pipeline.Options.DEFAULT);
        assertThat(ready.spec()).isEqualTo(Specs.from(analysis));
        assertThat(ready.files()).isEqualTo(Generator.generate(Specs.from(analysis)));
        assertThat(Pipeline.refusal(analysis, Pipeline.Options.DEFAULT)).isEmpty();
    }

    @Test
    void thePackageOverrideGoesIntoTheSpec() throws Exception {
        Analysis analysis = analyze(TASKS);
        Pipeline.Ready ready =
                (Pipeline.Ready) Pipeline.plan(analysis, new Pipeline.Options(Optional.of("org.acme.tasks")));
        assertThat(ready.spec().config().javaPackage()).isEqualTo("org.acme.tasks");
        assertThat(ready.files())
                .isEqualTo(Generator.generate(Specs.from(analysis).withJavaPackage("org.acme.tasks")));
    }

    @Test
    void aProgramWithErrorsIsRefusedWithEveryError() throws Exception {
        Analysis analysis = analyze(TASKS.replace("string(200)", "strin(200)") + "entity E { id: Strng @key }\n");
        Pipeline.Plan plan = Pipeline.plan(analysis, new Pipeline.Options(Optional.of("org.acme.tasks")));
        assertThat(plan).isInstanceOf(Pipeline.HasErrors.class);
        assertThat(((Pipeline.HasErrors) plan).errors())
                .hasSize(2)
                .allMatch(d -> d.severity() == Severity.ERROR)
                .containsExactlyElementsOf(analysis.diagnostics().stream()
                        .filter(d -> d.severity() == Severity.ERROR)
                        .toList());
        assertThat(Pipeline.refusal(analysis, Pipeline.Options.DEFAULT)).contains((Pipeline.Refused) plan);
    }

    @Test
    void aPackageOverrideThatIsNotAJavaPackageIsRefused() throws Exception {
        Analysis analysis = analyze(TASKS);
        assertThat(Pipeline.plan(analysis, new Pipeline.Options(Optional.of("com.example.class"))))
                .isEqualTo(new Pipeline.InvalidJavaPackage("com.example.class"));
    }
}
