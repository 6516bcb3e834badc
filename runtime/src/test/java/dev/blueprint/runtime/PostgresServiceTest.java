package dev.blueprint.runtime;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The same contract on PostgreSQL, in a fresh database reached through the DATABASE_URL override. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresServiceTest extends ServiceContract {

    private Postgres postgres;
    private RunningService running;
    private Http http;

    @BeforeAll
    void start() {
        postgres = Postgres.fresh();
        StoreConfig store = StoreConfig.postgres("main", "jdbc:postgresql://127.0.0.1:1/wrong")
                .user("nobody");
        running = PetShop.start(PetShop.builder(
                store, Map.of("HOST", "127.0.0.1", "DATABASE_URL", postgres.url(), "DATABASE_USER", "postgres")));
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
