package dev.blueprint.lang.settings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The effective configuration of a checked program: every settings key with its written
 * value or its default from {@link Schema}. What the generator, {@code blueprint validate} and the
 * editor read; there is no other copy of these records.
 *
 * @param name        the service's name, e.g. {@code AutoShop}
 * @param version     its version
 * @param javaPackage the package of the generated code
 * @param description one sentence, or empty
 * @param stores      the stores; the first is the default, which keeps the entities
 * @param security    authentication, rate limit and CORS; {@link Security#NONE} without a {@code security} block
 */
public record ServiceConfig(
        String name,
        String version,
        String javaPackage,
        String description,
        Server server,
        List<Store> stores,
        Probes probes,
        Deploy deploy,
        Security security) {

    public ServiceConfig {
        stores = List.copyOf(stores);
        if (stores.isEmpty()) throw new IllegalArgumentException("a service has at least one store");
    }

    /** The same configuration with another Java package (the editor's package override). */
    public ServiceConfig withJavaPackage(String otherPackage) {
        return new ServiceConfig(name, version, otherPackage, description, server, stores, probes, deploy, security);
    }

    /** The default store: the first declared, or the implicit {@code main} on h2. */
    public Store defaultStore() {
        return stores.get(0);
    }

    /**
     * Server settings; {@code ioThreads} and {@code workerThreads} are empty when they follow the machine's
     * cores; {@code managementPort} is empty when probes and metrics share the main port.
     */
    public record Server(
            int port,
            Optional<Integer> managementPort,
            Optional<Integer> ioThreads,
            Optional<Integer> workerThreads,
            long maxBodyBytes,
            Duration requestTimeout,
            Duration headerTimeout,
            Duration bodyTimeout,
            Duration idleTimeout,
            Duration shutdownGrace,
            int pageSize,
            int maxPageSize) {}

    /** The two engines a store may use. */
    public enum Engine {
        H2,
        POSTGRES
    }

    /**
     * A store; {@code url} is empty for an h2 store that keeps the default file under
     * {@code ./data}; {@code user}, {@code password} and {@code maxConnections} may be empty.
     */
    public record Store(
            String name,
            Engine engine,
            Optional<Configured> url,
            Optional<Configured> user,
            Optional<Configured> password,
            Optional<Integer> maxConnections,
            Pool pool) {}

    /** A HikariCP pool; {@code leakDetection} is empty when off. */
    public record Pool(
            int minIdle,
            int maxSize,
            Duration connectTimeout,
            Duration idleTimeout,
            Duration maxLifetime,
            Optional<Duration> leakDetection) {}

    /** Probe paths, the stores the readiness probe checks and its timeout. */
    public record Probes(String live, String ready, String startup, List<String> checks, Duration timeout) {
        public Probes {
            checks = List.copyOf(checks);
        }
    }

    /** Deployment; CPU in millicores, memory in bytes; {@code autoscaleMin}/{@code Max} are empty when off. */
    public record Deploy(
            String image,
            int replicas,
            int cpuMillis,
            int cpuLimitMillis,
            long memoryBytes,
            long memoryLimitBytes,
            Optional<Integer> autoscaleMin,
            Optional<Integer> autoscaleMax,
            int targetCpuPercent) {}

    /**
     * The {@code security} block. {@code apiKeys}, {@code jwt}, {@code rateLimit} and {@code cors} are empty when
     * not configured; {@link #NONE} when the block is absent. {@code roles} are the declared role names.
     */
    public record Security(
            List<String> roles,
            Optional<ApiKeys> apiKeys,
            Optional<Jwt> jwt,
            Optional<RateLimit> rateLimit,
            Optional<Cors> cors) {
        public static final Security NONE =
                new Security(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public Security {
            roles = List.copyOf(roles);
        }

        /** Whether requests must carry a credential (an API key or a JWT) unless their endpoint is public. */
        public boolean authenticates() {
            return apiKeys.isPresent() || jwt.isPresent();
        }

        /** Whether the service configures anything the runtime enforces (authentication, a rate limit, CORS). */
        public boolean enforced() {
            return authenticates() || rateLimit.isPresent() || cors.isPresent();
        }
    }

    /** API key authentication: the header that carries the key and the clients that hold keys. */
    public record ApiKeys(String header, List<ApiClient> clients) {
        public ApiKeys {
            clients = List.copyOf(clients);
        }
    }

    /** One API key holder: its name (for logs and rate limits), its key and its roles. */
    public record ApiClient(String name, Configured key, List<String> roles) {
        public ApiClient {
            roles = List.copyOf(roles);
        }
    }

    /**
     * JWT bearer authentication; {@code audience} may be empty (a warning); exactly one of {@code jwksUrl} and
     * {@code publicKey} (a PEM) is set. {@code rolesClaim} may be a dotted path ({@code realm_access.roles}).
     */
    public record Jwt(
            String issuer,
            Optional<String> audience,
            Optional<String> jwksUrl,
            Optional<Configured> publicKey,
            List<String> algorithms,
            Duration clockSkew,
            String rolesClaim) {
        public Jwt {
            algorithms = List.copyOf(algorithms);
        }
    }

    /** What a rate limit counts requests by. */
    public enum RateKey {
        /** The authenticated client (API key client or JWT subject), else the remote address. */
        CLIENT,
        /** The remote address. */
        ADDRESS
    }

    /** A token bucket per key: {@code perSecond} refill, up to {@code burst} at once. */
    public record RateLimit(int perSecond, int burst, RateKey by) {}

    /** Cross-origin rules; {@code origins} may hold {@code "*"}. */
    public record Cors(
            List<String> origins, List<String> methods, List<String> headers, boolean credentials, Duration maxAge) {
        public Cors {
            origins = List.copyOf(origins);
            methods = List.copyOf(methods);
            headers = List.copyOf(headers);
        }
    }
}
