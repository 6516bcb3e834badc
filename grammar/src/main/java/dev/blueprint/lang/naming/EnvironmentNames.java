package dev.blueprint.lang.naming;

import java.util.Locale;

/**
 * The environment variables a generated service reads by convention. A store's connection settings: the default
 * store's are {@code DATABASE_URL}, {@code DATABASE_USER} and so on, every other store's carry its name in front
 * ({@code STOCK_DATABASE_URL}); the generated README, Compose file, Kubernetes secret and {@code blueprint validate}
 * name them through {@link #store}, and a test in {@code codegen/build} holds the runtime (which reads them) to it.
 */
public final class EnvironmentNames {

    /** A store's JDBC URL. */
    public static final String DATABASE_URL = "DATABASE_URL";
    /** A store's database user. */
    public static final String DATABASE_USER = "DATABASE_USER";
    /** A store's database password. */
    public static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";
    /** A store's pool size. */
    public static final String DATABASE_POOL_MAX_SIZE = "DATABASE_POOL_MAX_SIZE";
    /** A store's idle connections. */
    public static final String DATABASE_POOL_MIN_IDLE = "DATABASE_POOL_MIN_IDLE";

    private EnvironmentNames() {}

    /** The prefix of a store's variables: none for the default store, {@code STOCK_} for a store {@code stock}. */
    public static String storePrefix(String store, boolean isDefault) {
        return isDefault ? "" : store.toUpperCase(Locale.ROOT) + "_";
    }

    /** The variable that sets {@code setting} (such as {@link #DATABASE_URL}) for a store: {@link #storePrefix} and it. */
    public static String store(String store, boolean isDefault, String setting) {
        return storePrefix(store, isDefault) + setting;
    }

    /**
     * The variable an API client's key is read from by convention: {@code desk} gives {@code DESK_API_KEY},
     * {@code backOffice} gives {@code BACK_OFFICE_API_KEY}.
     */
    public static String clientKey(String client) {
        return Identifiers.upperSnake(client) + "_API_KEY";
    }
}
