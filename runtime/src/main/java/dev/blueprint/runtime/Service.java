package dev.blueprint.runtime;

import dev.blueprint.runtime.security.Security;
import dev.blueprint.runtime.telemetry.DatabaseTracing;
import dev.blueprint.runtime.telemetry.Logging;
import dev.blueprint.runtime.telemetry.RequestTelemetry;
import dev.blueprint.runtime.telemetry.Tracing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.PathTemplateMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service: an Undertow server, its stores, probes, metrics and routes. Build one with {@link #builder},
 * register routes, then {@link #start()} it (tests, tools) or {@link #run()} it (a {@code main}: stops
 * gracefully on SIGTERM and SIGINT). Resources (migrations, the OpenAPI document) are loaded through the
 * thread's context class loader at the time the service is built.
 *
 * <p>Lifecycle: the server listens first, so the startup probe can answer 503 while stores open and migrate;
 * then the service is ready. On stop, readiness turns 503; after the drain delay new requests get 503 while
 * in-flight requests get up to the shutdown grace to finish; then the listener closes and the pools close last.
 */
public final class Service {

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);
    private static final AttachmentKey<String> ROUTE = AttachmentKey.create(String.class);
    /** Marks an exchange that arrived on the management listener. */
    private static final AttachmentKey<Boolean> MANAGEMENT = AttachmentKey.create(Boolean.class);

    private static final String PROBLEM_JSON = "application/problem+json";

    enum State {
        STARTING,
        READY,
        DRAINING,
        STOPPED
    }

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
    private final List<Store> checkedStores = new ArrayList<>();
    private final Routes routes = new Routes();
    private final Optional<byte[]> openApi;
    private final Security security;
    private final ClassLoader resources;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Optional<AccessLog> accessLog;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    /** Request spans, the X-Trace-Id header and the logging MDC; see {@link RequestTelemetry}. */
    private final RequestTelemetry telemetry;
    /** Readiness, startup and /health run here, off the worker pool (each waits at most one probe timeout). */
    private final java.util.concurrent.ExecutorService probeThreads =
            java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "probe");
                t.setDaemon(true);
                return t;
            });

    private volatile State state = State.STARTING;
    private Undertow undertow;
    /** Built once at start; routes registered later are not served. */
    private volatile PathTemplateMatcher<Map<String, Handler>> matcher;

    private GracefulShutdownHandler graceful;
    private List<JvmGcMetrics> gcMetrics = List.of();

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
            checkedStores.add(store);
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
        RunningService running = start();
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "shutdown"));
        running.awaitStopped();
    }

    /** Listens, opens the stores, runs the migrations; answers once the service is ready. */
    public synchronized RunningService start() {
        if (undertow != null) throw new IllegalStateException("the service was started already");
        long began = System.nanoTime();
        checkAccessRules();
        matcher = buildMatcher();
        bindMetrics();
        graceful = new GracefulShutdownHandler(this::handle);
        Undertow.Builder builder = Undertow.builder().addHttpListener(server.port(), host);
        server.managementPort().ifPresent(managementPort -> builder.addListener(managementListener(managementPort)));
        undertow = builder.setIoThreads(server.ioThreads())
                .setWorkerThreads(server.workerThreads())
                .setServerOption(
                        UndertowOptions.IDLE_TIMEOUT, (int) server.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int)
                        server.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int)
                        server.requestTimeout().toMillis())
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                .setHandler(exchange -> {
                    begin(exchange);
                    security.headers(exchange);
                    graceful.handleRequest(exchange);
                })
                .build();
        undertow.start();
        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        int managementPort = server.managementPort().isPresent()
                ? ((InetSocketAddress) undertow.getListenerInfo().get(1).getAddress()).getPort()
                : port;
        try {
            for (Store store : stores.values()) store.start(registry, name, server.requestTimeout(), resources);
        } catch (RuntimeException e) {
            LOG.error("{} failed to start: {}", name, e.toString());
            undertow.stop();
            probeThreads.shutdownNow();
            stores.values().forEach(Store::close);
            accessLog.ifPresent(AccessLog::close);
            telemetry.shutdown(server.shutdownGrace().toMillis());
            state = State.STOPPED;
            stopped.countDown();
            throw e;
        }
        state = State.READY;
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
        return new RunningService(this, port, managementPort);
    }

    State state() {
        return state;
    }

    /** The graceful stop; see the class comment. Safe to call more than once. */
    void stop() {
        synchronized (this) {
            if (state == State.STOPPED || state == State.DRAINING || undertow == null) {
                // a concurrent or repeated stop waits below for the first one to finish
            } else {
                state = State.DRAINING;
                new Thread(this::drainAndStop, "drain").start();
            }
        }
        awaitStopped();
    }

    private void drainAndStop() {
        try {
            LOG.info(
                    "{} stopping: readiness is 503, draining for {} ms",
                    name,
                    server.drainDelay().toMillis());
            sleep(server.drainDelay());
            // From here new requests get 503 (Undertow's ListenerInfo.suspend() would also close the open
            // connections, failing the requests in flight on them); the listener closes after the grace.
            graceful.shutdown();
            if (!graceful.awaitShutdown(server.shutdownGrace().toMillis())) {
                LOG.warn(
                        "{}: requests still running after the shutdown grace of {} ms",
                        name,
                        server.shutdownGrace().toMillis());
            }
            undertow.stop();
            probeThreads.shutdownNow();
            stores.values().forEach(Store::close);
            accessLog.ifPresent(AccessLog::close);
            gcMetrics.forEach(JvmGcMetrics::close);
            registry.close();
            // last: the spans of the requests that finished during the drain are flushed to the collector
            telemetry.shutdown(server.shutdownGrace().toMillis());
            LOG.info("{} stopped", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            state = State.STOPPED;
            stopped.countDown();
        }
    }

    void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) Thread.sleep(duration.toMillis());
    }

    private void bindMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        accessLog.ifPresent(log -> Gauge.builder("http.access.log.dropped", log, AccessLog::dropped)
                .description("access log lines dropped because the output could not keep up")
                .register(registry));
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        gcMetrics = List.of(gc);
    }

    // ---- request handling ----------------------------------------------------------------------------------

    /** What a request timer is registered under. */
    private record TimerKey(String method, String route, int status) {}

    /** On the io thread, before anything else: request id, access log and metrics at completion. */
    private void begin(HttpServerExchange exchange) {
        String requestId = RequestIds.assign(exchange);
        long start = System.nanoTime();
        // probes, /health and /metrics are polled all the time (and the management listener serves nothing else): not
        // traced
        telemetry.begin(
                exchange,
                requestId,
                exchange.getAttachment(MANAGEMENT) == null && !isManagementPath(exchange.getRelativePath()));
        exchange.addExchangeCompleteListener((done, next) -> {
            try {
                long nanos = System.nanoTime() - start;
                String route = done.getAttachment(ROUTE);
                telemetry.end(done, route);
                String method = done.getRequestMethod().toString();
                TimerKey key = new TimerKey(method, route == null ? "unmatched" : route, done.getStatusCode());
                timers.computeIfAbsent(
                                key,
                                k -> Timer.builder("http.server.requests")
                                        .description("HTTP requests by route template")
                                        .tag("method", k.method())
                                        .tag("route", k.route())
                                        .tag("status", Integer.toString(k.status()))
                                        .publishPercentileHistogram()
                                        .register(registry))
                        .record(nanos, TimeUnit.NANOSECONDS);
                boolean probe = route != null
                        && (route.equals(probes.live())
                                || route.equals(probes.ready())
                                || route.equals(probes.startup()));
                if (!probe) {
                    accessLog.ifPresent(log -> log.log(new AccessLog.Entry(
                            System.currentTimeMillis(),
                            method,
                            done.getRequestPath(),
                            done.getStatusCode(),
                            done.getResponseBytesSent(),
                            nanos,
                            requestId,
                            telemetry.traceId(done).orElse(null))));
                }
            } finally {
                next.proceed();
            }
        });
    }

    /** Every route by template, then by method: the probes, /health and the registered routes. */
    private PathTemplateMatcher<Map<String, Handler>> buildMatcher() {
        Map<String, Map<String, Handler>> byTemplate = new LinkedHashMap<>();
        byTemplate.computeIfAbsent(probes.ready(), t -> new TreeMap<>()).put("GET", r -> ready());
        byTemplate.computeIfAbsent(probes.startup(), t -> new TreeMap<>()).put("GET", r -> startup());
        byTemplate.computeIfAbsent("/health", t -> new TreeMap<>()).put("GET", r -> health());
        for (Routes.Route route : routes.all()) {
            byTemplate.computeIfAbsent(route.template(), t -> new TreeMap<>()).put(route.method(), guarded(route));
        }
        PathTemplateMatcher<Map<String, Handler>> built = new PathTemplateMatcher<>();
        byTemplate.forEach(built::add);
        return built;
    }

    /** {@code route}'s handler behind the security checks (401, 429, 403), which run on the worker first. */
    private Handler guarded(Routes.Route route) {
        return request -> {
            security.admit(request.exchange(), route.access());
            return route.handler().handle(request);
        };
    }

    private void handle(HttpServerExchange exchange) {
        String path = exchange.getRelativePath();
        String method = exchange.getRequestMethod().toString();
        if (wrongListener(exchange, path)) return;
        // Answered on the io thread: nothing here blocks.
        try {
            if (security.cors(exchange)) return;
        } catch (Problem refused) {
            sendProblem(exchange, refused);
            return;
        }
        if (path.equals(probes.live())) {
            exchange.putAttachment(ROUTE, probes.live());
            if (!allowGet(exchange, method)) return;
            sendJson(exchange, 200, Map.of("status", "UP"));
            return;
        }
        if (path.equals("/metrics")) {
            exchange.putAttachment(ROUTE, "/metrics");
            if (!allowGet(exchange, method)) return;
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            exchange.getResponseSender().send(registry.scrape());
            return;
        }
        if (path.equals("/openapi.json") && openApi.isPresent()) {
            exchange.putAttachment(ROUTE, "/openapi.json");
            if (!allowGet(exchange, method)) return;
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send(ByteBuffer.wrap(openApi.get()));
            return;
        }
        if (exchange.isInIoThread()) {
            if (path.equals(probes.ready()) || path.equals(probes.startup()) || path.equals("/health")) {
                // never queued behind data requests that wait for a database connection: an outage under load
                // must turn readiness 503 within the probe timeout, not leave the probe unanswered
                exchange.dispatch(probeThreads, this::routeInContext);
            } else {
                exchange.dispatch(this::routeInContext);
            }
        } else {
            routeInContext(exchange);
        }
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

    // ---- the management port -----------------------------------------------------------------------------------

    /**
     * The second listener, when {@link ServerConfig#managementPort()} is set: same io and worker threads, its own
     * root handler; not behind the graceful-shutdown handler, so probes answer (readiness 503) until it closes.
     */
    private Undertow.ListenerBuilder managementListener(int managementPort) {
        return new Undertow.ListenerBuilder()
                .setType(Undertow.ListenerType.HTTP)
                .setPort(managementPort)
                .setHost(host)
                .setRootHandler(exchange -> {
                    exchange.putAttachment(MANAGEMENT, Boolean.TRUE);
                    begin(exchange);
                    security.headers(exchange);
                    handle(exchange);
                });
    }

    private boolean isManagementPath(String path) {
        return path.equals(probes.live())
                || path.equals(probes.ready())
                || path.equals(probes.startup())
                || path.equals("/health")
                || path.equals("/metrics");
    }

    /**
     * With a management port, the probes, /health and /metrics exist only there and everything else only on the
     * main port: a request for one on the other listener is answered 404, as an unknown path.
     */
    private boolean wrongListener(HttpServerExchange exchange, String path) {
        if (server.managementPort().isEmpty()) return false;
        boolean onManagement = exchange.getAttachment(MANAGEMENT) != null;
        if (onManagement == isManagementPath(path)) return false;
        sendProblem(exchange, Problem.notFound("no resource at " + exchange.getRequestPath()));
        return true;
    }

    private boolean allowGet(HttpServerExchange exchange, String method) {
        if (method.equals("GET")) return true;
        sendProblem(exchange, Problem.methodNotAllowed(method, List.of("GET")));
        return false;
    }

    /** {@link #route} with the request's span current and its ids in the logging MDC. */
    private void routeInContext(HttpServerExchange exchange) {
        Scope scope = telemetry.enter(exchange, RequestIds.of(exchange));
        try {
            route(exchange);
        } finally {
            scope.close();
        }
    }

    /** On a worker thread: match the route and run its handler, turning every failure into a problem. */
    private void route(HttpServerExchange exchange) {
        try {
            PathTemplateMatcher.PathMatchResult<Map<String, Handler>> match = matcher.match(exchange.getRelativePath());
            if (match == null) throw Problem.notFound("no resource at " + exchange.getRequestPath());
            exchange.putAttachment(ROUTE, match.getMatchedTemplate());
            exchange.putAttachment(
                    PathTemplateMatch.ATTACHMENT_KEY,
                    new PathTemplateMatch(match.getMatchedTemplate(), match.getParameters()));
            String method = exchange.getRequestMethod().toString();
            Handler handler = match.getValue().get(method);
            if (handler == null)
                throw Problem.methodNotAllowed(
                        method, new ArrayList<>(match.getValue().keySet()));
            Reply reply = handler.handle(new Request(exchange, server));
            exchange.setStatusCode(reply.status());
            reply.location().ifPresent(location -> exchange.getResponseHeaders().put(Headers.LOCATION, location));
            if (reply.body().isPresent()) {
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                exchange.getResponseSender()
                        .send(ByteBuffer.wrap(Json.write(reply.body().get())));
            } else {
                exchange.endExchange();
            }
        } catch (Problem problem) {
            sendProblem(exchange, problem);
        } catch (Exception | StackOverflowError e) {
            LOG.error(
                    "request {} {} failed (id {})",
                    exchange.getRequestMethod(),
                    exchange.getRequestPath(),
                    RequestIds.of(exchange),
                    e);
            telemetry.failed(exchange, e);
            sendProblem(exchange, Problem.internal());
        }
    }

    private void sendProblem(HttpServerExchange exchange, Problem problem) {
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        exchange.setStatusCode(problem.status());
        problem.headers()
                .forEach((header, value) -> exchange.getResponseHeaders().put(new HttpString(header), value));
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PROBLEM_JSON);
        byte[] body = Json.write(problem.body(
                exchange.getRequestPath(),
                RequestIds.of(exchange),
                telemetry.traceId(exchange).orElse(null)));
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static void sendJson(HttpServerExchange exchange, int status, Object body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(Json.write(body)));
    }

    // ---- probes and health -----------------------------------------------------------------------------------

    private Reply ready() {
        State current = state;
        if (current == State.STARTING) throw Problem.unavailable("not ready: starting");
        if (current != State.READY) throw Problem.unavailable("not ready: shutting down");
        List<String> failing = new ArrayList<>();
        Map<String, String> checks = new TreeMap<>();
        check(checkedStores).forEach((store, check) -> {
            checks.put(store.config().name(), check.detail());
            if (!check.ok()) failing.add("store " + store.config().name() + ": " + check.detail());
        });
        if (!failing.isEmpty()) throw Problem.unavailable("not ready: " + String.join("; ", failing));
        return Reply.ok(Map.of("status", "UP", "checks", checks));
    }

    /** Checks {@code targets} at once, all within one probe timeout. */
    private Map<Store, Store.Check> check(java.util.Collection<Store> targets) {
        // the answer must reach the prober within its timeout (an orchestrator probes with the same timeout), so
        // the checks get the timeout less a margin for answering: a quarter of it, at most 250 ms
        Duration timeout = probes.timeout();
        long deadline = System.nanoTime()
                + timeout.minus(Duration.ofMillis(Math.min(250, timeout.toMillis() / 4)))
                        .toNanos();
        Map<Store, java.util.concurrent.CompletableFuture<Store.Check>> started = new LinkedHashMap<>();
        for (Store store : targets) started.put(store, store.startCheck(probes.timeout()));
        Map<Store, Store.Check> results = new LinkedHashMap<>();
        started.forEach((store, future) -> results.put(store, store.awaitCheck(future, deadline, probes.timeout())));
        return results;
    }

    private Reply startup() {
        if (state == State.STARTING) throw Problem.unavailable("starting: migrations have not finished");
        return Reply.ok(Map.of("status", "UP"));
    }

    private Reply health() {
        Map<String, Object> storesReport = new TreeMap<>();
        boolean up = state == State.READY;
        Map<Store, Store.Check> results = check(stores.values());
        for (Store store : stores.values()) {
            Store.Check check = results.get(store);
            up &= check.ok() || !checkedStores.contains(store);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("status", check.ok() ? "UP" : "DOWN");
            report.put("detail", check.detail());
            report.put("engine", store.config().isEmbedded() ? "h2" : "postgres");
            report.put("pool", store.poolFigures());
            storesReport.put(store.config().name(), report);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("service", name);
        body.put("version", version);
        body.put("state", state.name());
        body.put("stores", storesReport);
        return new Reply(up ? 200 : 503, Optional.of(body), Optional.empty());
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

    /** Registered route count, for logs and tests. */
    int routeCount() {
        return routes.all().size();
    }
}
