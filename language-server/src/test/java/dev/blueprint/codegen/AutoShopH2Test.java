package dev.blueprint.codegen;

import dev.blueprint.build.LocalService;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Http;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The auto-shop blueprint started the way {@code blueprint run} starts it: in-process, on embedded H2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoShopH2Test extends AutoShopContract {

    @TempDir
    static Path work;

    private LocalService.Started started;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        StringWriter errors = new StringWriter();
        started = LocalService.start(
                Blueprints.valid("auto-shop.blueprint"),
                work,
                Environment.of(Map.of("PORT", "0")),
                new PrintWriter(errors, true));
        http = new Http(started.service().uri());
    }

    @AfterAll
    void stop() {
        if (started != null) started.close();
    }

    @Override
    protected Http http() {
        return http;
    }
}
