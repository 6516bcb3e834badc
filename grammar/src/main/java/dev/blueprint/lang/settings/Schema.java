package dev.blueprint.lang.settings;

import java.util.List;
import java.util.Optional;

/**
 * The one table of every settings key: kind, unit, bounds, default and doc. The checker
 * validates against it, completion and hover read it, the resolver fills defaults from it
 * and the language guide is checked against it. Nothing else repeats these facts.
 */
public final class Schema {
    private Schema() {}

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long MB = 1_000_000;
    private static final long GIB = 1L << 30;

    public static final BlockSchema SERVICE =
            new BlockSchema("service", "The service: its name, version and Java package.");
    public static final BlockSchema SERVER =
            new BlockSchema("server", "How the HTTP server runs: port, threads, limits and timeouts.");
    public static final BlockSchema STORE = new BlockSchema("store", "A database the service keeps its entities in.");
    public static final BlockSchema POOL = new BlockSchema("pool", "The store's HikariCP connection pool.");
    public static final BlockSchema PROBES =
            new BlockSchema("probes", "The health probes: paths, what readiness checks and how long it waits.");
    public static final BlockSchema DEPLOY =
            new BlockSchema("deploy", "How the service is deployed: image, replicas, resources and autoscaling.");
    public static final BlockSchema SECURITY =
            new BlockSchema("security", "Who may call the service: authentication, roles, rate limits and CORS.");
    public static final BlockSchema API_KEYS =
            new BlockSchema("api_keys", "Authentication by API keys that clients send in a header.");
    public static final BlockSchema CLIENT = new BlockSchema(
            "client", "An entry of `clients`, named after the client that holds the key: its key and its roles.");
    public static final BlockSchema JWT =
            new BlockSchema("jwt", "Authentication by JWT bearer tokens (RFC 7519) that an identity provider signs.");
    public static final BlockSchema RATE_LIMIT = new BlockSchema(
            "rate_limit", "A token bucket per client: how many requests per second, and how many at once.");
    public static final BlockSchema CORS = new BlockSchema(
            "cors", "Which web origins browsers may call the API from (cross-origin resource sharing).");

    // service
    public static final Key VERSION = SERVICE.add(
            string("version", "\"0.1.0\"", "The service's version, shown by /health and in the OpenAPI document."));
    public static final Key PACKAGE = SERVICE.add(new Key(
            "package",
            Kind.PACKAGE,
            null,
            null,
            List.of(),
            false,
            false,
            "derived from the name",
            "The Java package of the generated code.",
            null));
    public static final Key DESCRIPTION = SERVICE.add(string(
            "description", "none", "A sentence on what the service does; used in the OpenAPI document and README."));

    // server
    public static final Key PORT = SERVER.add(intKey(
            "port",
            1,
            65_535,
            "8080",
            "The TCP port the HTTP server listens on (the PORT environment variable overrides it)."));
    public static final Key IO_THREADS = SERVER.add(intKey(
            "io_threads",
            1,
            1_024,
            "the machine's cores",
            "Undertow IO threads: they accept connections and never block."));
    public static final Key WORKER_THREADS = SERVER.add(intKey(
            "worker_threads", 1, 10_000, "cores × 8", "Worker threads that run handlers and wait on the database."));
    public static final Key MAX_BODY = SERVER.add(quantity(
            "max_body", Kind.SIZE, 1L, 1_024 * MB, "1MB", "The largest request body accepted; larger bodies get 413."));
    public static final Key REQUEST_TIMEOUT = SERVER.add(quantity(
            "request_timeout", Kind.DURATION, 1L, HOUR, "30s", "How long a request may take before it is abandoned."));
    public static final Key HEADER_TIMEOUT = SERVER.add(quantity(
            "header_timeout",
            Kind.DURATION,
            SECOND,
            HOUR,
            "10s",
            "How long a request's line and headers may take to arrive; a slower client's connection is closed."));
    public static final Key BODY_TIMEOUT = SERVER.add(quantity(
            "body_timeout",
            Kind.DURATION,
            SECOND,
            HOUR,
            "30s",
            "How long a request's body may take to arrive once its headers have; past it the answer is 408."));
    public static final Key IDLE_TIMEOUT = SERVER.add(quantity(
            "idle_timeout", Kind.DURATION, SECOND, DAY, "60s", "How long an idle keep-alive connection stays open."));
    public static final Key SHUTDOWN_GRACE = SERVER.add(quantity(
            "shutdown_grace",
            Kind.DURATION,
            0L,
            HOUR,
            "20s",
            "How long in-flight requests may run after SIGTERM before the server stops."));
    public static final Key PAGE_SIZE =
            SERVER.add(intKey("page_size", 1, 100_000, "50", "Rows a list returns when the client gives no ?limit."));
    public static final Key MAX_PAGE_SIZE =
            SERVER.add(intKey("max_page_size", 1, 100_000, "500", "The largest ?limit a client may ask for."));
    public static final Key MANAGEMENT_PORT = SERVER.add(new Key(
            "management_port",
            Kind.INT,
            1L,
            65_535L,
            List.of(),
            false,
            true,
            "off",
            "A second port for the probes, /health and /metrics, kept off the main port (MANAGEMENT_PORT overrides it); off serves them on the main port.",
            null));

    // store
    public static final Key ENGINE = STORE.add(new Key(
            "engine",
            Kind.CHOICE,
            null,
            null,
            List.of("h2", "postgres"),
            false,
            false,
            "h2",
            "The database: h2 (embedded, a file under ./data) or postgres.",
            null));
    public static final Key URL = STORE.add(new Key(
            "url",
            Kind.STRING,
            null,
            null,
            List.of(),
            true,
            false,
            "an H2 file under ./data (required for postgres)",
            "The JDBC URL (DATABASE_URL overrides it).",
            null));
    public static final Key USER = STORE.add(new Key(
            "user",
            Kind.STRING,
            null,
            null,
            List.of(),
            true,
            false,
            "none",
            "The database user (DATABASE_USER overrides it).",
            null));
    public static final Key PASSWORD = STORE.add(new Key(
            "password",
            Kind.STRING,
            null,
            null,
            List.of(),
            true,
            false,
            "none",
            "The database password; write it as env(\"…\") and keep it out of the file. Never logged.",
            null));
    public static final Key MAX_CONNECTIONS = STORE.add(intKey(
            "max_connections",
            1,
            1_000_000,
            "unknown",
            "How many connections the database server allows; capacity checks compare pools against it."));
    public static final Key POOL_BLOCK = STORE.add(new Key(
            "pool",
            Kind.BLOCK,
            null,
            null,
            List.of(),
            false,
            false,
            "defaults",
            "The connection pool (HikariCP).",
            POOL));

    // pool
    public static final Key MIN_IDLE = POOL.add(intKey(
            "min_idle",
            0,
            10_000,
            "= max_size",
            "Idle connections the pool keeps open; equal to max_size gives a fixed-size pool."));
    public static final Key MAX_SIZE =
            POOL.add(intKey("max_size", 1, 10_000, "10", "The most connections the pool opens."));
    public static final Key CONNECT_TIMEOUT = POOL.add(quantity(
            "connect_timeout",
            Kind.DURATION,
            250L,
            10 * MINUTE,
            "3s",
            "How long a request waits for a connection before failing with 503."));
    public static final Key POOL_IDLE_TIMEOUT = POOL.add(quantity(
            "idle_timeout",
            Kind.DURATION,
            10 * SECOND,
            DAY,
            "10m",
            "How long a connection above min_idle may sit idle before it is closed."));
    public static final Key MAX_LIFETIME = POOL.add(quantity(
            "max_lifetime",
            Kind.DURATION,
            30 * SECOND,
            7 * DAY,
            "30m",
            "How long a connection lives before it is replaced."));
    public static final Key LEAK_DETECTION = POOL.add(new Key(
            "leak_detection",
            Kind.DURATION,
            2 * SECOND,
            HOUR,
            List.of(),
            false,
            true,
            "off",
            "Log a connection held longer than this (a likely leak).",
            null));

    // probes
    public static final Key LIVE =
            PROBES.add(path("live", "\"/health/live\"", "Liveness: 200 while the process can serve."));
    public static final Key READY = PROBES.add(path(
            "ready",
            "\"/health/ready\"",
            "Readiness: 200 when started, not draining, and every checked store answers."));
    public static final Key STARTUP = PROBES.add(
            path("startup", "\"/health/startup\"", "Startup: 503 until migrations ran and the server listens."));
    public static final Key CHECKS = PROBES.add(new Key(
            "checks",
            Kind.STORE_LIST,
            null,
            null,
            List.of(),
            false,
            false,
            "all stores",
            "The stores readiness checks.",
            null));
    public static final Key PROBE_TIMEOUT = PROBES.add(quantity(
            "timeout", Kind.DURATION, 10L, MINUTE, "2s", "How long readiness waits for each store to answer."));

    // deploy
    public static final Key IMAGE = DEPLOY.add(new Key(
            "image",
            Kind.STRING,
            null,
            null,
            List.of(),
            true,
            false,
            "the service name",
            "The container image name, without tag (the tag is the version).",
            null));
    public static final Key REPLICAS = DEPLOY.add(
            intKey("replicas", 1, 1_000, "2", "How many instances run; 1 by default when every store is embedded h2."));
    public static final Key CPU =
            DEPLOY.add(quantity("cpu", Kind.CPU, 1L, 256_000L, "500m", "CPU requested per instance."));
    public static final Key CPU_LIMIT =
            DEPLOY.add(quantity("cpu_limit", Kind.CPU, 1L, 256_000L, "2", "CPU limit per instance."));
    public static final Key MEMORY =
            DEPLOY.add(quantity("memory", Kind.SIZE, 64 * MB, 1024 * GIB, "512MiB", "Memory requested per instance."));
    public static final Key MEMORY_LIMIT =
            DEPLOY.add(quantity("memory_limit", Kind.SIZE, 64 * MB, 1024 * GIB, "1GiB", "Memory limit per instance."));
    public static final Key AUTOSCALE = DEPLOY.add(new Key(
            "autoscale",
            Kind.INT_RANGE,
            1L,
            1_000L,
            List.of(),
            false,
            true,
            "off",
            "Scale between min..max instances on CPU (a HorizontalPodAutoscaler).",
            null));
    public static final Key TARGET_CPU =
            DEPLOY.add(quantity("target_cpu", Kind.PERCENT, 1L, 100L, "70%", "The CPU use autoscaling aims for."));

    // security
    public static final Key ROLES = SECURITY.add(new Key(
            "roles",
            Kind.STRING_LIST,
            null,
            null,
            List.of(),
            false,
            false,
            "none",
            "The roles access rules may require (`requires role(\"…\")`); API key clients and JWT role claims grant them.",
            null));
    public static final Key API_KEYS_BLOCK = SECURITY.add(new Key(
            "api_keys",
            Kind.BLOCK,
            null,
            null,
            List.of(),
            false,
            false,
            "off",
            "Authenticate callers by an API key in a header.",
            API_KEYS));
    public static final Key JWT_BLOCK = SECURITY.add(new Key(
            "jwt",
            Kind.BLOCK,
            null,
            null,
            List.of(),
            false,
            false,
            "off",
            "Authenticate callers by a JWT bearer token.",
            JWT));
    public static final Key RATE_LIMIT_BLOCK = SECURITY.add(new Key(
            "rate_limit",
            Kind.BLOCK,
            null,
            null,
            List.of(),
            false,
            false,
            "off",
            "Limit how fast each client may call; over the limit, 429 with Retry-After.",
            RATE_LIMIT));
    public static final Key CORS_BLOCK = SECURITY.add(new Key(
            "cors",
            Kind.BLOCK,
            null,
            null,
            List.of(),
            false,
            false,
            "off (browsers on other origins are refused)",
            "Let browsers on the listed origins call the API.",
            CORS));

    // api_keys
    public static final Key HEADER =
            API_KEYS.add(string("header", "\"X-API-Key\"", "The request header that carries the key."));
    public static final Key CLIENTS = API_KEYS.add(new Key(
            "clients",
            Kind.MAP,
            null,
            null,
            List.of(),
            false,
            false,
            "required",
            "The clients that hold keys: `name { key env(\"…\") roles [\"…\"] }` for each.",
            CLIENT));

    // client
    public static final Key KEY = CLIENT.add(new Key(
            "key",
            Kind.STRING,
            null,
            null,
            List.of(),
            true,
            false,
            "required",
            "The client's API key; write it as env(\"…\"). Kept and compared only as a SHA-256 hash, in constant time.",
            null));
    public static final Key CLIENT_ROLES = CLIENT.add(new Key(
            "roles",
            Kind.STRING_LIST,
            null,
            null,
            List.of(),
            false,
            false,
            "none",
            "The roles the client holds; each must be declared in security's roles.",
            null));

    // jwt
    public static final Key ISSUER =
            JWT.add(string("issuer", "required", "The token issuer (the iss claim must equal it)."));
    public static final Key AUDIENCE = JWT.add(
            string(
                    "audience",
                    "none",
                    "This service's audience (the aud claim must contain it); without it, tokens meant for other services are accepted."));
    public static final Key JWKS_URL = JWT.add(
            string(
                    "jwks_url",
                    "none",
                    "Where the issuer publishes its signing keys (a JWKS document); fetched and cached at run time. Give this or public_key."));
    public static final Key PUBLIC_KEY = JWT.add(new Key(
            "public_key",
            Kind.STRING,
            null,
            null,
            List.of(),
            true,
            false,
            "none",
            "The issuer's public key as PEM text, usually env(\"…\"). Give this or jwks_url.",
            null));
    public static final Key ALGORITHMS = JWT.add(new Key(
            "algorithms",
            Kind.CHOICE_LIST,
            null,
            null,
            List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"),
            false,
            false,
            "[RS256, ES256]",
            "The signature algorithms accepted; `none` and shared-secret (HS) algorithms never are.",
            null));
    public static final Key CLOCK_SKEW = JWT.add(quantity(
            "clock_skew",
            Kind.DURATION,
            0L,
            10 * MINUTE,
            "30s",
            "How far clocks may differ when checking exp and nbf."));
    public static final Key ROLES_CLAIM = JWT.add(
            string(
                    "roles_claim",
                    "\"roles\"",
                    "The claim that carries the caller's roles: an array or a space-separated string; a dotted path reaches into objects (\"realm_access.roles\")."));

    // rate_limit
    public static final Key PER_SECOND = RATE_LIMIT.add(
            intKey("per_second", 1, 1_000_000, "required", "Requests each client may make per second, on average."));
    public static final Key BURST = RATE_LIMIT.add(intKey(
            "burst",
            1,
            10_000_000,
            "= per_second",
            "Requests a client may make at once after being idle (the bucket's size)."));
    public static final Key BY = RATE_LIMIT.add(new Key(
            "by",
            Kind.CHOICE,
            null,
            null,
            List.of("client", "address"),
            false,
            false,
            "client",
            "What is counted: client (the authenticated client, else the remote address) or address (the remote address).",
            null));

    // cors
    public static final Key ORIGINS = CORS.add(new Key(
            "origins",
            Kind.STRING_LIST,
            null,
            null,
            List.of(),
            false,
            false,
            "required",
            "The origins allowed, like \"https://shop.example.com\"; \"*\" allows any (not with credentials).",
            null));
    public static final Key METHODS = CORS.add(new Key(
            "methods",
            Kind.CHOICE_LIST,
            null,
            null,
            List.of("GET", "POST", "PUT", "DELETE"),
            false,
            false,
            "[GET, POST, PUT, DELETE]",
            "The methods cross-origin requests may use.",
            null));
    public static final Key HEADERS = CORS.add(new Key(
            "headers",
            Kind.STRING_LIST,
            null,
            null,
            List.of(),
            false,
            false,
            "[\"Content-Type\"]",
            "The request headers cross-origin requests may send; the credential headers (Authorization, the API key header) are always allowed.",
            null));
    public static final Key CREDENTIALS = CORS.add(new Key(
            "credentials",
            Kind.BOOL,
            null,
            null,
            List.of(),
            false,
            false,
            "false",
            "Whether browsers may send cookies and credentials with cross-origin requests.",
            null));
    public static final Key MAX_AGE = CORS.add(
            quantity("max_age", Kind.DURATION, 0L, DAY, "10m", "How long browsers may cache a preflight answer."));

    /** Every top-level settings block, by the keyword that opens it. */
    public static Optional<BlockSchema> block(String keyword) {
        return switch (keyword) {
            case "service" -> Optional.of(SERVICE);
            case "server" -> Optional.of(SERVER);
            case "store" -> Optional.of(STORE);
            case "probes" -> Optional.of(PROBES);
            case "deploy" -> Optional.of(DEPLOY);
            case "pool" -> Optional.of(POOL);
            case "security" -> Optional.of(SECURITY);
            default -> Optional.empty();
        };
    }

    public static List<BlockSchema> blocks() {
        return List.of(SERVICE, SERVER, STORE, POOL, PROBES, DEPLOY, SECURITY, API_KEYS, CLIENT, JWT, RATE_LIMIT, CORS);
    }

    private static Key intKey(String name, long min, long max, String def, String doc) {
        return new Key(name, Kind.INT, min, max, List.of(), false, false, def, doc, null);
    }

    private static Key quantity(String name, Kind kind, Long min, Long max, String def, String doc) {
        return new Key(name, kind, min, max, List.of(), false, false, def, doc, null);
    }

    private static Key string(String name, String def, String doc) {
        return new Key(name, Kind.STRING, null, null, List.of(), false, false, def, doc, null);
    }

    private static Key path(String name, String def, String doc) {
        return new Key(name, Kind.PATH, null, null, List.of(), false, false, def, doc, null);
    }
}
