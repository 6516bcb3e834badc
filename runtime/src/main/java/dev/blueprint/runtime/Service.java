package dev.blueprint.runtime;

import dev.blueprint.runtime.security.Security;
import dev.blueprint.runtime.telemetry.DatabaseTracing;
import dev.blueprint.runtime.telemetry.Logging;
import dev.blueprint.runtime.telemetry.RequestTelemetry;
import dev.blueprint.runtime.telemetry.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service: an Undertow server, its stores, probes, metrics and routes. Build one with {@link #builder},
 * register routes, then {@link #start()} it (tests, tools) or {@link #run()} it (a {@code main}: stops
 * gracefully on SIGTERM and SIGINT). Resources (migrations, the OpenAPI document) are loaded through the
 * thread's context class loader at the time the service is built.
 *
 * <p>{@link #start()} composes the listeners' chains of Undertow handlers once ({@link Chains}: observation, security
 * headers, graceful shutdown, CORS, management endpoints, dispatch, router); starting and stopping are
 * {@link Lifecycle}'s, the probes' answers {@link Health}'s, the registry {@link Metrics}'.
 */
public final class Service {

    /** Service's: a service's own lines (started, stopping, a request failed) share one logger name. */
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    /** Collects a service's settings. */
    public static final class Builder {
        private final String name;
        private final String version;
        private Environment environment = Environment.system();
        private ServerConfig server = ServerConfig.defaults();
        private final List<StoreConfig> stores = new ArrayList<>();
        private ProbeConfig probes = ProbeConfig.defaults();
        private Optional<String> openApiResource = Optional.empty();
        private SecurityConfig security = SecurityConfig.none();
        private OpenTelemetry openTelemetry;

        private Builder(String name, String version) {
            this.name = name;
            this.version = version;
        }

        /** Where overrides come from; the process environment unless set. */
        public Builder environment(Environment value) {
            this.environment = value;
            return this;
        }

        public Builder server(ServerConfig value) {
            this.server = value;
            return this;
        }

        /** Adds a store; the first one added is the default store. */
        public Builder store(StoreConfig value) {
            for (StoreConfig store : stores) {
                if (store.name().equals(value.name()))
                    throw new IllegalArgumentException("store " + value.name() + " is declared twice");
            }
            stores.add(value);
            return this;
        }

        public Builder probes(ProbeConfig value) {
            this.probes = value;
            return this;
        }

        /** Authentication, rate limit and CORS; {@link SecurityConfig#none()} unless set. */
        public Builder security(SecurityConfig value) {
            if (value == null)
                throw new IllegalArgumentException("security must not be null; use SecurityConfig.none()");
            this.security = value;
            return this;
        }

        /** Serves the classpath resource {@code resource} (an OpenAPI JSON document) at {@code /openapi.json}. */
        public Builder openApi(String resource) {
            this.openApiResource = Optional.of(resource);
            return this;
        }

        /**
         * Traces through {@code value} (a test hook; the caller keeps ownership and shuts it down). Unset, tracing is
         * configured from the {@code OTEL_*} environment variables, and off when none is set (see {@link Tracing}).
         */
        public Builder openTelemetry(OpenTelemetry value) {
            this.openTelemetry = java.util.Objects.requireNonNull(value, "openTelemetry");
            return this;
        }

        public Service build() {
            return new Service(this);
        }
    }

    private final String name;
    private final String version;
    private final ServerConfig server;
    private final ProbeConfig probes;
    private final String host;
    private final Map<String, Store> stores = new LinkedHashMap<>();
    /** The stores readiness checks. */
    private final List<Store> readinessStores = new ArrayList<>();

    private final Routes routes = new Routes();
    private final Optional<byte[]> openApi;
    private final Security security;
    private final ClassLoader resources;
    private final Optional<AccessLog> accessLog;
    /** Request spans, the X-Trace-Id header and the logging MDC; see {@link RequestTelemetry}. */
    private final RequestTelemetry telemetry;

    /** Set by {@link #start()}. */
    private Lifecycle lifecycle;

    private Service(Builder builder) {
        this.name = builder.name;
        this.version = builder.version;
        this.server = builder.server.withEnvironment(builder.environment);
        if (server.pageSize() > server.maxPageSize()) {
            throw new IllegalArgumentException(
                    "page size " + server.pageSize() + " is above max page size " + server.maxPageSize());
        }
        this.probes = builder.probes;
        this.host = builder.environment.get("HOST", "0.0.0.0");
        Logging.configure(builder.environment);
        boolean jsonLines = Logging.format(builder.environment) == Logging.Format.JSON;
        this.accessLog = builder.environment.get("ACCESS_LOG", "on").equals("off")
                ? Optional.empty()
                : Optional.of(new AccessLog(jsonLines));
        boolean first = true;
        for (StoreConfig config : builder.stores) {
            StoreConfig effective = config.withEnvironment(builder.environment, first);
            if (effective.url().isEmpty()) {
                throw new IllegalArgumentException("store " + config.name() + " has no JDBC URL: set "
                        + (first
                                ? "DATABASE_URL"
                                : config.name().toUpperCase(java.util.Locale.ROOT) + "_DATABASE_URL"));
            }
            stores.put(config.name(), new Store(effective, server.requestTimeout()));
            first = false;
        }
        for (String checked : probes.checks().orElse(List.copyOf(stores.keySet()))) {
            Store store = stores.get(checked);
            if (store == null) throw new IllegalArgumentException("probes check unknown store " + checked);
            readinessStores.add(store);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.resources = context != null ? context : Service.class.getClassLoader();
        this.openApi = builder.openApiResource.map(this::resource);
        this.security = new Security(name, builder.security);
        this.telemetry = builder.openTelemetry != null
                ? new RequestTelemetry(builder.openTelemetry, false)
                : new RequestTelemetry(Tracing.fromEnvironment(builder.environment, name, version), true);
        for (Store store : stores.values()) {
            store.database()
                    .trace(DatabaseTracing.of(
                            telemetry.openTelemetry(),
                            store.config().url(),
                            store.config().name()));
        }
    }

    /** A builder for the service {@code name} at {@code version}. */
    public static Builder builder(String name, String version) {
        // Undertow and XNIO log through JBoss Logging; send that to SLF4J like everything else.
        if (System.getProperty("org.jboss.logging.provider") == null)
            System.setProperty("org.jboss.logging.provider", "slf4j");
        return new Builder(name, version);
    }

    /** The default (first) store's database. */
    public Database database() {
        if (stores.isEmpty()) throw new IllegalStateException("the service has no store");
        return stores.values().iterator().next().database();
    }

    /** The database of the store {@code storeName}. */
    public Database database(String storeName) {
        Store store = stores.get(storeName);
        if (store == null) throw new IllegalArgumentException("no store named " + storeName);
        return store.database();
    }

    /** Registers {@code api}'s routes. */
    public Service register(Api api) {
        routes.add(api);
        return this;
    }

    /** The effective server configuration (blueprint values with environment overrides). */
    public ServerConfig serverConfig() {
        return server;
    }

    /** Starts the service, blocks until it is stopped by SIGTERM or SIGINT. */
    public void run() {
        start();
        lifecycle.stopOnSignal();
        lifecycle.awaitStopped();
    }

    /**
     * Listens, opens the stores, runs the migrations; answers once the service is ready. Routes registered later are
     * not served.
     */
    public synchronized RunningService start() {
        if (lifecycle != null) throw new IllegalStateException("the service was started already");
        long began = System.nanoTime();
        checkAccessRules();
        lifecycle = new Lifecycle(name, server);
        Metrics metrics = new Metrics(accessLog);
        Health health = new Health(
                name, version, probes.timeout(), List.copyOf(stores.values()), readinessStores, lifecycle::state);
        Chains chains = new Chains(probes, openApi, security, telemetry, accessLog, metrics, health);
        Undertow.Builder builder = Undertow.builder().addHttpListener(server.port(), host);
        server.managementPort()
                .ifPresent(managementPort -> builder.addListener(new Undertow.ListenerBuilder()
                        .setType(Undertow.ListenerType.HTTP)
                        .setPort(managementPort)
                        .setHost(host)
                        .setRootHandler(chains.management())));
        Router router = new Router(routes.all(), security, server);
        Undertow undertow = builder.setIoThreads(server.ioThreads())
                .setWorkerThreads(server.workerThreads())
                .setServerOption(
                        UndertowOptions.IDLE_TIMEOUT, (int) server.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int)
                        server.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int)
                        server.headerTimeout().toMillis())
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                .setHandler(chains.main(
                        lifecycle,
                        server,
                        maxWait(),
                        router,
                        server.managementPort().isEmpty()))
                .build();

        List<AutoCloseable> release = new ArrayList<>();
        release.add(health);
        release.addAll(stores.values());
        accessLog.ifPresent(release::add);
        release.add(metrics);
        // last: the spans of the requests that finished during the drain are flushed to the collector
        release.add(() -> telemetry.shutdown(server.shutdownGrace().toMillis()));
        lifecycle.start(
                undertow,
                () -> {
                    for (Store store : stores.values())
                        store.start(metrics.registry(), name, server.requestTimeout(), resources);
                },
                release);

        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        int managementPort = server.managementPort().isPresent()
                ? ((InetSocketAddress) undertow.getListenerInfo().get(1).getAddress()).getPort()
                : port;
        LOG.info(
                "{} {} ready on http://{}:{} in {} ms (io threads {}, workers {})",
                name,
                version,
                host,
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began),
                server.ioThreads(),
                server.workerThreads());
        if (managementPort != port) LOG.info("{} probes, /health and /metrics on port {}", name, managementPort);
        return new RunningService(lifecycle, port, managementPort);
    }

    /**
     * The longest a request waits for a worker: the shortest connect timeout of the stores' pools (a request waiting
     * longer would have failed waiting for a connection anyway), the request timeout without a store.
     */
    private Duration maxWait() {
        Duration shortest = server.requestTimeout();
        for (Store store : stores.values()) {
            Duration connect = store.config().pool().connectTimeout();
            if (connect.compareTo(shortest) < 0) shortest = connect;
        }
        return shortest;
    }

    /** Access rules are never silently ignored: a route that demands a credential needs authentication configured. */
    private void checkAccessRules() {
        if (security.authenticates()) return;
        for (Routes.Route route : routes.all()) {
            if (route.access().isPresent() && route.access().get().needsCredential()) {
                throw new IllegalStateException("route " + route.method() + " " + route.template() + " requires "
                        + route.access().get() + " but " + name + " configures no authentication (API keys or JWT)");
            }
        }
    }

    private byte[] resource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        try (InputStream in = resources.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no classpath resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }
}
