package dev.blueprint.runtime;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A named database the service uses. The engine follows the JDBC URL ({@code jdbc:h2:} or
 * {@code jdbc:postgresql:}), so an environment override may move a store from one engine to the other.
 *
 * @param name        the store's name in the blueprint
 * @param url         the JDBC URL; empty when it must come from the environment
 * @param user        the database user, if any
 * @param password    the password, if any; never logged
 * @param pool        the connection pool
 * @param migrations  the classpath location of this store's Flyway migrations, if it has any
 */
public record StoreConfig(
        String name,
        String url,
        Optional<String> user,
        Optional<String> password,
        PoolConfig pool,
        Optional<String> migrations) {

    /** Options every embedded H2 database gets: PostgreSQL compatibility, lower-case identifiers, and no shutdown hook of its own (the pool closes it last, after in-flight requests). */
    static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";

    public StoreConfig {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*"))
            throw new IllegalArgumentException("bad store name '" + name + "'");
        if (!url.isEmpty() && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "store " + name + ": only jdbc:h2: and jdbc:postgresql: URLs are supported");
        }
    }

    /** An embedded H2 database in a file under {@code ./data}. */
    public static StoreConfig h2(String name) {
        return h2(name, Path.of("data"));
    }

    /** An embedded H2 database in a file under {@code directory}. */
    public static StoreConfig h2(String name, Path directory) {
        String file =
                directory.resolve(name).toAbsolutePath().normalize().toString().replace('\\', '/');
        return new StoreConfig(
                name,
                "jdbc:h2:file:" + file + H2_OPTIONS,
                Optional.empty(),
                Optional.empty(),
                PoolConfig.defaults(),
                Optional.empty());
    }

    /** A PostgreSQL database at {@code url}. */
    public static StoreConfig postgres(String name, String url) {
        return new StoreConfig(name, url, Optional.empty(), Optional.empty(), PoolConfig.defaults(), Optional.empty());
    }

    public StoreConfig url(String value) {
        return new StoreConfig(name, value, user, password, pool, migrations);
    }

    public StoreConfig user(String value) {
        return new StoreConfig(name, url, Optional.of(value).filter(v -> !v.isEmpty()), password, pool, migrations);
    }

    public StoreConfig password(String value) {
        return new StoreConfig(name, url, user, Optional.of(value).filter(v -> !v.isEmpty()), pool, migrations);
    }

    public StoreConfig pool(PoolConfig value) {
        return new StoreConfig(name, url, user, password, value, migrations);
    }

    /** Flyway migrations for this store, e.g. {@code "db/migration"} for {@code classpath:db/migration}. */
    public StoreConfig migrations(String classpathLocation) {
        return new StoreConfig(name, url, user, password, pool, Optional.of(classpathLocation));
    }

    public boolean isEmbedded() {
        return url.startsWith("jdbc:h2:");
    }

    /** The URL without credentials or parameters, safe to log. */
    public String safeUrl() {
        String base = url.replaceAll("//[^/@]*@", "//");
        int cut = base.indexOf(isEmbedded() ? ';' : '?');
        return cut < 0 ? base : base.substring(0, cut);
    }

    /**
     * This store with environment overrides applied: {@code DATABASE_URL}, {@code DATABASE_USER},
     * {@code DATABASE_PASSWORD}, {@code DATABASE_POOL_MAX_SIZE}, {@code DATABASE_POOL_MIN_IDLE} for the default store,
     * the same keys prefixed with {@code NAME_} for every store, and {@code BLUEPRINT_EMBEDDED_DIR}.
     */
    StoreConfig withEnvironment(Environment env, boolean isDefault) {
        StoreConfig result = this;
        String prefix = name.toUpperCase(Locale.ROOT) + "_";
        Optional<String> embeddedDir = env.find("BLUEPRINT_EMBEDDED_DIR");
        if (embeddedDir.isPresent()) {
            StoreConfig embedded = h2(name, Path.of(embeddedDir.get()));
            result = new StoreConfig(name, embedded.url, Optional.empty(), Optional.empty(), pool, migrations);
        } else {
            Optional<String> url = lookup(env, prefix, "DATABASE_URL", isDefault);
            if (url.isPresent()) result = result.url(url.get());
            Optional<String> user = lookup(env, prefix, "DATABASE_USER", isDefault);
            if (user.isPresent()) result = result.user(user.get());
            Optional<String> password = lookup(env, prefix, "DATABASE_PASSWORD", isDefault);
            if (password.isPresent()) result = result.password(password.get());
        }
        PoolConfig pool = result.pool;
        Optional<String> maxSize = lookup(env, prefix, "DATABASE_POOL_MAX_SIZE", isDefault);
        if (maxSize.isPresent()) pool = pool.maxSize(parseInt(prefix, "DATABASE_POOL_MAX_SIZE", maxSize.get()));
        Optional<String> minIdle = lookup(env, prefix, "DATABASE_POOL_MIN_IDLE", isDefault);
        if (minIdle.isPresent()) pool = pool.minIdle(parseInt(prefix, "DATABASE_POOL_MIN_IDLE", minIdle.get()));
        return result.pool(pool);
    }

    private static Optional<String> lookup(Environment env, String prefix, String key, boolean isDefault) {
        Optional<String> specific = env.find(prefix + key);
        return specific.isPresent() || !isDefault ? specific : env.find(key);
    }

    private static int parseInt(String prefix, String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "environment variable " + key + " (or " + prefix + key + ") must be an integer");
        }
    }

    @Override
    public String toString() {
        return "StoreConfig[name=" + name + ", url=" + safeUrl() + ", user=" + user.orElse("") + ", password="
                + (password.isPresent() ? "****" : "") + ", pool=" + pool + "]";
    }
}
