package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.build.JavaCompilation;
import dev.blueprint.codegen.spec.ServiceSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every valid conformance program generates deterministic Java that compiles without a warning. */
class GeneratorTest {

    @TempDir
    Path classes;

    @TestFactory
    Stream<DynamicTest> everyValidProgramCompilesWithoutWarnings() {
        return Blueprints.allPrograms().stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    ServiceSpec spec = Blueprints.spec(file);
                    Map<String, String> files = Generator.generate(spec);
                    assertThat(Generator.generate(Blueprints.spec(file)))
                            .as("deterministic")
                            .isEqualTo(files);
                    JavaCompilation.Result result = JavaCompilation.compile(
                            Generator.javaSources(files),
                            classes.resolve(file.getFileName().toString()),
                            System.getProperty("java.class.path"));
                    assertThat(result.diagnostics()).as("javac -Xlint:all").isEmpty();
                    assertThat(result.success()).isTrue();
                }));
    }
}
