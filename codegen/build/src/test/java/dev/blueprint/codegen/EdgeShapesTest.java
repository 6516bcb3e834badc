package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.build.InProcessService;
import dev.blueprint.build.JavaCompilation;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Postgres;
import dev.blueprint.runtime.RunningService;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program shapes {@link GeneratedProjectPropertiesTest} found the generator getting wrong, as a fixed
 * blueprint ({@code blueprints/edge-shapes.blueprint}): its project compiles without a warning, and every entity
 * is created and read back over HTTP, on embedded H2 and on PostgreSQL (skipped when no PostgreSQL is reachable,
 * as {@link AutoShopPostgresTest} is).
 */
class EdgeShapesTest {

    @TempDir
    Path work;

    @Test
    void everyEntityRoundTripsOnH2() throws Exception {
        roundTrips(Map.of("BLUEPRINT_EMBEDDED_DIR", work.resolve("data").toString()));
    }

    @Test
    void everyEntityRoundTripsOnPostgres() throws Exception {
        try (Postgres postgres = Postgres.fresh()) {
            roundTrips(Map.of("DATABASE_URL", postgres.url(), "DATABASE_USER", "postgres"));
        }
    }

    private void roundTrips(Map<String, String> database) throws Exception {
        ServiceSpec spec = Blueprints.spec(Path.of(EdgeShapesTest.class
                .getResource("/blueprints/edge-shapes.blueprint")
                .toURI()));
        Map<String, String> files = Generator.generate(spec);
        JavaCompilation.Result compiled = JavaCompilation.compile(
                Generator.javaSources(files), work.resolve("checked"), System.getProperty("java.class.path"));
        assertThat(compiled.diagnostics()).as("javac -Xlint:all").isEmpty();
        try (RunningService running = InProcessService.load(
                        files,
                        work,
                        Environment.of(Map.of("PORT", "0", "HOST", "127.0.0.1")).with(database))
                .start()) {
            for (ServiceSpec.EntitySpec entity : spec.entities()) {
                RoundTrip.Plan plan = RoundTrip.plan(spec, entity).orElseThrow();
                new RoundTrip(spec, running.uri(), 1).run(plan);
            }
        }
    }
}
