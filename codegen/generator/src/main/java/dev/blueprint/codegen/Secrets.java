package dev.blueprint.codegen;

import static dev.blueprint.lang.naming.EnvironmentNames.*;

import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.lang.naming.EnvironmentNames;
import dev.blueprint.lang.settings.Configured;
import dev.blueprint.lang.settings.ServiceConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets a service reads from its environment, in one list for the Kubernetes Secret, docker-compose and the
 * README: each PostgreSQL store's connection (under the runtime's override names, {@code DATABASE_URL} and the rest,
 * prefixed for stores other than the first), every API key and the JWT public key the blueprint takes from
 * {@code env(…)}. Keys written as literals are not here (the checker warns about them).
 */
public final class Secrets {

    /**
     * One environment variable that holds a secret.
     *
     * @param variable its name, also the key in the Kubernetes Secret
     * @param required whether the service cannot start without it (the blueprint gives no fallback)
     * @param purpose  what it holds, for people
     * @param pem      whether it is a PEM, which people pass from a file rather than on a command line
     */
    public record Secret(String variable, boolean required, String purpose, boolean pem) {
        /** Whether it holds a store's connection setting (which falls back to the blueprint's when empty). */
        public boolean database() {
            return variable.endsWith(DATABASE_URL)
                    || variable.endsWith(DATABASE_USER)
                    || variable.endsWith(DATABASE_PASSWORD);
        }
    }

    private Secrets() {}

    /** The service's secrets in a stable order: stores first, then API keys, then the JWT key; no name twice. */
    public static List<Secret> of(ServiceSpec spec) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        boolean first = true;
        for (ServiceConfig.Store store : spec.config().stores()) {
            if (store.engine() == ServiceConfig.Engine.POSTGRES) {
                String prefix = EnvironmentNames.storePrefix(store.name(), first);
                String of = "store " + store.name();
                add(secrets, new Secret(prefix + DATABASE_URL, true, "the JDBC URL of " + of, false));
                add(secrets, new Secret(prefix + DATABASE_USER, true, "the database user of " + of, false));
                add(secrets, new Secret(prefix + DATABASE_PASSWORD, false, "the database password of " + of, false));
            }
            first = false;
        }
        ServiceConfig.Security security = spec.config().security();
        security.apiKeys()
                .ifPresent(keys -> keys.clients()
                        .forEach(client -> fromEnv(client.key())
                                .ifPresent(variable -> add(
                                        secrets,
                                        new Secret(
                                                variable,
                                                client.key().fallback().isEmpty(),
                                                "the API key of client " + client.name(),
                                                false)))));
        security.jwt()
                .flatMap(ServiceConfig.Jwt::publicKey)
                .ifPresent(pem -> fromEnv(pem)
                        .ifPresent(variable -> add(
                                secrets,
                                new Secret(
                                        variable,
                                        pem.fallback().isEmpty(),
                                        "the PEM public key that verifies JWTs",
                                        true))));
        return List.copyOf(secrets.values());
    }

    private static Optional<String> fromEnv(Configured text) {
        return text.literal().isPresent() ? Optional.empty() : text.env();
    }

    /** Adds a secret; a variable seen before stays where it was, required when either use requires it. */
    private static void add(Map<String, Secret> secrets, Secret secret) {
        secrets.merge(
                secret.variable(),
                secret,
                (was, now) -> new Secret(
                        was.variable(),
                        was.required() || now.required(),
                        was.purpose() + "; " + now.purpose(),
                        was.pem() || now.pem()));
    }
}
