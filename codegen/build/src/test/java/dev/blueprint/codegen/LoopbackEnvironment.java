package dev.blueprint.codegen;

import java.util.LinkedHashMap;
import java.util.Map;

/** The environment an end-to-end test starts a generated service with: a free loopback port, and its database. */
final class LoopbackEnvironment {

    private LoopbackEnvironment() {}

    /** A free port on 127.0.0.1, the default store on the PostgreSQL database at {@code url} as user postgres. */
    static Map<String, String> onPostgres(String url) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.put("DATABASE_URL", url);
        env.put("DATABASE_USER", "postgres");
        return env;
    }
}
