package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.build.InProcessService;
import dev.blueprint.build.LocalService;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Postgres;
import dev.blueprint.runtime.RunningService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus ({@link BadInputCorpus}) against the generated auto-shop service, on embedded H2 (as
 * {@code blueprint run} starts it) and on PostgreSQL (its declared engine). Each run's figures are written to
 * {@code target/bad-input-<engine>.md}.
 */
class BadInputCorpusTest {

    @TempDir
    Path work;

    @Test
    void onH2() throws Exception {
        StringWriter errors = new StringWriter();
        try (LocalService.Started started = LocalService.start(
                Blueprints.valid("auto-shop.blueprint"),
                work,
                Environment.of(Map.of("PORT", "0")),
                new PrintWriter(errors, true))) {
            corpus("H2", started.service());
        }
    }

    @Test
    void onPostgres() throws Exception {
        try (Postgres postgres = Postgres.fresh()) {
            var files = Generator.generate(Blueprints.spec(Blueprints.valid("auto-shop.blueprint")));
            RunningService running = InProcessService.load(
                            files, work, Environment.of(LoopbackEnvironment.onPostgres(postgres.url())))
                    .start();
            try {
                corpus("PostgreSQL", running);
            } finally {
                running.stop();
            }
        }
    }

    private static void corpus(String engine, RunningService service) throws IOException {
        BadInputCorpus corpus = new BadInputCorpus(service.port()).run();
        String figures = corpus.figures(engine);
        Files.writeString(
                Path.of("target", "bad-input-" + engine.toLowerCase(java.util.Locale.ROOT) + ".md"),
                figures,
                StandardCharsets.UTF_8);
        System.out.println(figures);
        corpus.check();
        assertThat(corpus.size()).isGreaterThan(700);
    }
}
