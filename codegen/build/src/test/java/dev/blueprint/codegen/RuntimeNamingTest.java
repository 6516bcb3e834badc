package dev.blueprint.codegen;

import static dev.blueprint.lang.naming.EnvironmentNames.DATABASE_URL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.build.InProcessService;
import dev.blueprint.lang.naming.EnvironmentNames;
import dev.blueprint.lang.naming.SqlNames;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Http;
import dev.blueprint.runtime.RunningService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime knows nothing of the language, yet must agree with two of its naming rules: it reads constraint names
 * ({@link SqlNames#constraint}) back out of database errors to name the field at fault, and it reads each store's
 * connection from the variables {@link EnvironmentNames#store} names (which the README, Compose file, Kubernetes
 * secret and {@code blueprint validate} use). A generated service, started in-process, holds it to both.
 */
class RuntimeNamingTest {

    private static final String H2_MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private static final String BLUEPRINT = """
            service Names { }
            store main { engine h2 }
            store stockRoom { engine h2 }
            entity Owner { id: uuid @key }
            entity ServiceItem {
              id:         uuid @key
              partNumber: string(20) @unique
              ownedBy:    Owner?
            }
            api "/x" {
              resource "/owners" Owner
              resource "/items" ServiceItem
            }
            """;

    @TempDir
    Path work;

    @Test
    void theRuntimeReadsTheNamesTheLanguageGives() throws Exception {
        Path blueprint = work.resolve("names.blueprint");
        Files.writeString(blueprint, BLUEPRINT);
        var files = Generator.generate(Blueprints.spec(blueprint));

        Path mainDb = work.resolve("main-from-env");
        Path stockDb = work.resolve("stock-from-env");
        Environment env = Environment.of(Map.of(
                "PORT",
                "0",
                "HOST",
                "127.0.0.1",
                EnvironmentNames.store("main", true, DATABASE_URL),
                "jdbc:h2:file:" + mainDb + H2_MODE,
                EnvironmentNames.store("stockRoom", false, DATABASE_URL),
                "jdbc:h2:file:" + stockDb + H2_MODE));
        try (RunningService running =
                InProcessService.load(files, work.resolve("build"), env).start()) {
            Http http = new Http(running.uri());
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            assertThat(work.resolve("main-from-env.mv.db")).exists();
            assertThat(work.resolve("stock-from-env.mv.db")).exists();

            String column = SqlNames.column("partNumber");
            assertThat(http.post("/x/items", "{\"partNumber\": \"P-1\"}").status())
                    .isEqualTo(201);
            Http.Response duplicate = http.post("/x/items", "{\"partNumber\": \"P-1\"}");
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.body()).contains(column);

            Http.Response dangling =
                    http.post("/x/items", "{\"partNumber\": \"P-2\", \"ownedBy\": \"" + UUID.randomUUID() + "\"}");
            assertThat(dangling.status()).as(dangling.toString()).isBetween(400, 422);
            assertThat(dangling.body()).contains(SqlNames.column("ownedBy"));
        }
    }
}
