package dev.blueprint.lang.settings;

import java.time.Duration;
import java.util.List;

/**
 * The effective configuration of a checked program: every settings key with its written
 * value or its default from {@link Schema}. What the generator reads.
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
    }

    /** The default store: the first declared, or the implicit {@code main} on h2. */
    public Store defaultStore() {
        return stores.get(0);
    }

    /**
     * Server settings; {@code ioThreads} and {@code workerThreads} are null when they follow the machine's
     * cores; {@code managementPort} is null when probes and metrics share the main port.
     */
    public record Server(
            int port,
            Integer managementPort,
            Integer ioThreads,
            Integer workerThreads,
            long maxBodyBytes,
            Duration requestTimeout,
            Duration idleTimeout,
            Duration shutdownGrace,
            int pageSize,
            int maxPageSize) {}

    public enum Engine {
        H2,
        POSTGRES
    }

    /**
     * A store; {@code url} is null for an h2 store that keeps the default file under
     * {@code ./data}; {@code user}, {@code password} and {@code maxConnections} may be null.
     */
    public record Store(
            String name,
            Engine engine,
            Configured url,
            Configured user,
            Configured password,
            Integer maxConnections,
            Pool pool) {}

    /** A HikariCP pool; {@code leakDetection} is null when off. */
    public record Pool(
            int minIdle,
            int maxSize,
            Duration connectTimeout,
            Duration idleTimeout,
            Duration maxLifetime,
            Duration leakDetection) {}

    public record Probes(String live, String ready, String startup, List<String> checks, Duration timeout) {
        public Probes {
            checks = List.copyOf(checks);
        }
    }

    /** Deployment; CPU in millicores, memory in bytes; {@code autoscaleMin}/{@code Max} are null when off. */
    public record Deploy(
            String image,
            int replicas,
            int cpuMillis,
            int cpuLimitMillis,
            long memoryBytes,
            long memoryLimitBytes,
            Integer autoscaleMin,
            Integer autoscaleMax,
            int targetCpuPercent) {}

    /**
     * The {@code security} block. {@code apiKeys}, {@code jwt}, {@code rateLimit} and {@code cors} are null when
     * not configured; {@link #NONE} when the block is absent. {@code roles} are the declared role names.
     */
    public record Security(List<String> roles, ApiKeys apiKeys, Jwt jwt, RateLimit rateLimit, Cors cors) {
        public static final Security NONE = new Security(List.of(), null, null, null, null);

        public Security {
            roles = List.copyOf(roles);
        }

        /** Whether requests must carry a credential (an API key or a JWT) unless their endpoint is public. */
        public boolean authenticates() {
            return apiKeys != null || jwt != null;
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
     * JWT bearer authentication; {@code audience} may be null (a warning); exactly one of {@code jwksUrl} and
     * {@code publicKey} (a PEM) is set. {@code rolesClaim} may be a dotted path ({@code realm_access.roles}).
     */
    public record Jwt(
            String issuer,
            String audience,
            String jwksUrl,
            Configured publicKey,
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
