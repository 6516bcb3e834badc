package dev.blueprint.codegen.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the generator needs from a checked program, in the generator's own terms: every name resolved, every
 * setting with its effective value. Built by {@link Specs#from}; nothing here refers back to syntax.
 *
 * @param name         the service's name, e.g. {@code AutoShop}
 * @param version      its version
 * @param javaPackage  the package of the generated code
 * @param description  one sentence, or empty
 * @param server       server settings
 * @param stores       stores; the first is the default, which keeps the entities
 * @param probes       probe settings
 * @param deploy       deployment settings
 * @param security     authentication, rate limit and CORS; {@link Security#NONE} when the blueprint has no
 *                     {@code security} block
 * @param enums        enums in program order
 * @param entities     entities in program order
 * @param endpoints    every HTTP operation, in written order
 * @param source       the blueprint the spec came from (its file name and the fingerprint of its program's text)
 */
public record ServiceSpec(
        String name,
        String version,
        String javaPackage,
        String description,
        Server server,
        List<Store> stores,
        Probes probes,
        Deploy deploy,
        Security security,
        List<EnumSpec> enums,
        List<EntitySpec> entities,
        List<EndpointSpec> endpoints,
        Source source) {

    public ServiceSpec {
        stores = List.copyOf(stores);
        enums = List.copyOf(enums);
        entities = List.copyOf(entities);
        endpoints = List.copyOf(endpoints);
        if (stores.isEmpty()) throw new IllegalArgumentException("a service has at least one store");
    }

    /** The same spec with another Java package (the editor's package override). */
    public ServiceSpec withJavaPackage(String otherPackage) {
        return new ServiceSpec(
                name,
                version,
                otherPackage,
                description,
                server,
                stores,
                probes,
                deploy,
                security,
                enums,
                entities,
                endpoints,
                source);
    }

    /**
     * Where a spec came from: the blueprint's file name (no folders, so generation does not depend on where the
     * checkout lives) and a fingerprint of the program's text ({@code sha256:} and hex), which the generated project
     * records so that editors can tell when it is stale.
     */
    public record Source(String blueprint, String fingerprint) {}

    public Store defaultStore() {
        return stores.get(0);
    }

    public Optional<EntitySpec> entity(String entityName) {
        return entities.stream().filter(e -> e.name().equals(entityName)).findFirst();
    }

    public Optional<EnumSpec> enumNamed(String enumName) {
        return enums.stream().filter(e -> e.name().equals(enumName)).findFirst();
    }

    /**
     * Server settings; thread counts are empty when they follow the machine's cores; {@code managementPort} is empty
     * when probes and metrics share the main port.
     */
    public record Server(
            int port,
            Optional<Integer> managementPort,
            Optional<Integer> ioThreads,
            Optional<Integer> workerThreads,
            long maxBodyBytes,
            Duration requestTimeout,
            Duration idleTimeout,
            Duration shutdownGrace,
            int pageSize,
            int maxPageSize) {}

    /** The two engines. */
    public enum Engine {
        H2,
        POSTGRES
    }

    /** A string setting: written literally, or read from an environment variable with an optional fallback. */
    public record Text(Optional<String> literal, Optional<String> env, Optional<String> fallback) {
        public static Text literal(String value) {
            return new Text(Optional.of(value), Optional.empty(), Optional.empty());
        }

        public static Text env(String variable, Optional<String> fallback) {
            return new Text(Optional.empty(), Optional.of(variable), fallback);
        }
    }

    /** A store; {@code url} is empty for an h2 store that keeps the default file under {@code ./data}. */
    public record Store(
            String name,
            Engine engine,
            Optional<Text> url,
            Optional<Text> user,
            Optional<Text> password,
            Optional<Integer> maxConnections,
            Pool pool) {}

    /** A HikariCP pool. */
    public record Pool(
            int minIdle,
            int maxSize,
            Duration connectTimeout,
            Duration idleTimeout,
            Duration maxLifetime,
            Optional<Duration> leakDetection) {}

    /** Probe paths, the stores readiness checks and its timeout. */
    public record Probes(String live, String ready, String startup, List<String> checks, Duration timeout) {
        public Probes {
            checks = List.copyOf(checks);
        }
    }

    /** Deployment; CPU in millicores, memory in bytes; autoscale empty when off. */
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
     * The {@code security} block: who may call the service and how often, and which browsers may. Every part is empty
     * when not configured.
     *
     * @param roles     the declared role names
     * @param apiKeys   API key authentication
     * @param jwt       JWT bearer authentication
     * @param rateLimit a token bucket per client or address
     * @param cors      cross-origin rules
     */
    public record Security(
            List<String> roles,
            Optional<ApiKeys> apiKeys,
            Optional<Jwt> jwt,
            Optional<RateLimit> rateLimit,
            Optional<Cors> cors) {

        /** No {@code security} block. */
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

    /** API keys: the header that carries one and the clients that hold them. */
    public record ApiKeys(String header, List<ApiClient> clients) {
        public ApiKeys {
            clients = List.copyOf(clients);
        }
    }

    /** One holder of an API key: its name (in logs and rate limits), its key and its roles. */
    public record ApiClient(String name, Text key, List<String> roles) {
        public ApiClient {
            roles = List.copyOf(roles);
        }
    }

    /**
     * JWT bearer tokens; exactly one of {@code jwksUrl} and {@code publicKey} (a PEM) is present.
     *
     * @param rolesClaim the claim that carries roles, possibly a dotted path ({@code realm_access.roles})
     */
    public record Jwt(
            String issuer,
            Optional<String> audience,
            Optional<String> jwksUrl,
            Optional<Text> publicKey,
            List<String> algorithms,
            Duration clockSkew,
            String rolesClaim) {
        public Jwt {
            algorithms = List.copyOf(algorithms);
        }
    }

    /** What a rate limit counts requests by: the authenticated client (else the address), or the address. */
    public enum RateKey {
        CLIENT,
        ADDRESS
    }

    /** A token bucket per key: {@code perSecond} refill, up to {@code burst} at once. */
    public record RateLimit(int perSecond, int burst, RateKey by) {}

    /** Cross-origin rules; {@code origins} may be {@code ["*"]}. */
    public record Cors(
            List<String> origins, List<String> methods, List<String> headers, boolean credentials, Duration maxAge) {
        public Cors {
            origins = List.copyOf(origins);
            methods = List.copyOf(methods);
            headers = List.copyOf(headers);
        }
    }

    /** {@code enum Name { A, B }}. */
    public record EnumSpec(String name, List<String> members, String doc) {
        public EnumSpec {
            members = List.copyOf(members);
        }
    }

    /** An entity and its fields in written order. */
    public record EntitySpec(String name, List<FieldSpec> fields, String doc) {
        public EntitySpec {
            fields = List.copyOf(fields);
        }

        /** The {@code @key} field. */
        public FieldSpec key() {
            return fields.stream()
                    .filter(FieldSpec::key)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("entity " + name + " has no @key"));
        }

        public Optional<FieldSpec> field(String fieldName) {
            return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
        }
    }

    /** The kinds of field types. */
    public enum Kind {
        STRING,
        TEXT,
        INT,
        LONG,
        DECIMAL,
        BOOL,
        UUID,
        TIMESTAMP,
        DATE,
        ENUM,
        REFERENCE
    }

    /**
     * A field.
     *
     * @param name        as written
     * @param kind        its type's kind
     * @param length      for {@code string(n)}
     * @param precision   for {@code decimal(p, s)}
     * @param scale       for {@code decimal(p, s)}
     * @param typeName    the enum's or referenced entity's name, for ENUM and REFERENCE
     * @param optional    {@code ?}
     * @param key         {@code @key}
     * @param unique      {@code @unique}
     * @param index       {@code @index}
     * @param range       {@code @range(a..b)}
     * @param lengthRange {@code @length(a..b)}
     * @param pattern     {@code @pattern("…")}
     * @param created     {@code @created}
     * @param updated     {@code @updated}
     * @param defaultValue the default: an enum member, a number, a string or a boolean, as text
     * @param doc         the doc comment, or empty
     */
    public record FieldSpec(
            String name,
            Kind kind,
            int length,
            int precision,
            int scale,
            String typeName,
            boolean optional,
            boolean key,
            boolean unique,
            boolean index,
            Optional<Bounds> range,
            Optional<Bounds> lengthRange,
            Optional<String> pattern,
            boolean created,
            boolean updated,
            Optional<String> defaultValue,
            String doc) {

        /** Whether clients write this field (not the generated key, not a server timestamp). */
        public boolean writable() {
            return !(key && (kind == Kind.UUID || kind == Kind.LONG)) && !created && !updated;
        }
    }

    /** {@code low..high}. */
    public record Bounds(BigDecimal low, BigDecimal high) {}

    /** The operations an endpoint may be. */
    public enum Operation {
        LIST,
        GET,
        CREATE,
        UPDATE,
        DELETE,
        ROUTE
    }

    /**
     * One HTTP operation.
     *
     * @param method     GET, POST, PUT or DELETE
     * @param path       the full path template, prefix included
     * @param operation  which operation
     * @param entity     the entity it serves or returns
     * @param many       for a route: whether it returns a list
     * @param where      for a route: {@code field == $param} conditions
     * @param orderBy    for a route: the field to order by
     * @param descending for a route: whether the order is descending
     * @param limit      for a route: the most rows it returns
     * @param access     who may call it
     */
    public record EndpointSpec(
            String method,
            String path,
            Operation operation,
            String entity,
            boolean many,
            List<Condition> where,
            Optional<String> orderBy,
            boolean descending,
            Optional<Integer> limit,
            Access access) {

        public EndpointSpec {
            where = List.copyOf(where);
        }

        /** A resource operation. */
        public static EndpointSpec resource(
                String method, String path, Operation operation, String entity, Access access) {
            return new EndpointSpec(
                    method,
                    path,
                    operation,
                    entity,
                    operation == Operation.LIST,
                    List.of(),
                    Optional.empty(),
                    false,
                    Optional.empty(),
                    access);
        }
    }

    /** Who may call an endpoint, as the blueprint writes it. */
    public enum AccessKind {
        /** Nothing written: any authenticated caller when the service authenticates, anyone otherwise. */
        DEFAULT,
        /** {@code public}: anyone, also when the service authenticates. */
        PUBLIC,
        /** {@code requires role(…)}: a caller holding any one of the roles. */
        ROLES
    }

    /** An endpoint's access rule; {@code roles} is empty unless the kind is {@link AccessKind#ROLES}. */
    public record Access(AccessKind kind, List<String> roles) {
        public static final Access DEFAULT = new Access(AccessKind.DEFAULT, List.of());
        public static final Access PUBLIC = new Access(AccessKind.PUBLIC, List.of());

        public Access {
            roles = List.copyOf(roles);
            if ((kind == AccessKind.ROLES) == roles.isEmpty()) {
                throw new IllegalArgumentException("roles go with ROLES and only with it: " + kind + " " + roles);
            }
        }

        public static Access anyRole(List<String> roles) {
            return new Access(AccessKind.ROLES, roles);
        }
    }

    /** {@code field == $param}. */
    public record Condition(String field, String param) {}
}
