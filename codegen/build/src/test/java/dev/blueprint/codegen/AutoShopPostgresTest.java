package dev.blueprint.codegen;

import dev.blueprint.build.InProcessService;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Http;
import dev.blueprint.runtime.Postgres;
import dev.blueprint.runtime.RunningService;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The auto-shop blueprint on PostgreSQL (its declared engine), in a fresh database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoShopPostgresTest extends AutoShopContract {

    @TempDir
    static Path work;

    private Postgres postgres;
    private RunningService running;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        postgres = Postgres.fresh();
        var files = Generator.generate(Blueprints.spec(Blueprints.valid("auto-shop.blueprint")));
        running = InProcessService.load(files, work, Environment.of(LoopbackEnvironment.onPostgres(postgres.url())))
                .start();
        http = new Http(running.uri());
    }

    @AfterAll
    void stop() throws Exception {
        if (running != null) running.stop();
        if (postgres != null) postgres.close();
    }

    @Override
    protected Http http() {
        return http;
    }
}
