package dev.blueprint.runtime;

import dev.blueprint.runtime.security.Security;
import dev.blueprint.runtime.telemetry.RequestTelemetry;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The handler chains of a service's listeners, composed once when it starts; each link is an Undertow
 * {@link HttpHandler} with one job, and a link with nothing to do (CORS not configured, no management endpoint on the
 * listener) is left out.
 *
 * <p>Main listener: {@link ObservationHandler} → {@link SecurityHeadersHandler} → Undertow's graceful-shutdown handler
 * ({@link Lifecycle#drained}) → {@link CorsHandler} → {@link ManagementHandler} → Undertow's
 * {@link HttpContinueReadHandler} ({@code 100 Continue} when asked) → the body read on the io thread
 * ({@link BodyHandler}) → {@link DispatchHandler} onto the worker pool → failures as problems
 * ({@link Responses#answeringFailures}) → {@link Router}.
 *
 * <p>Management listener (with {@link ServerConfig#managementPort()}): {@link ObservationHandler} (nothing traced) →
 * {@link SecurityHeadersHandler} → {@link CorsHandler} → {@link ManagementHandler} → 404. It is not behind the
 * graceful-shutdown handler, so readiness answers 503 through the drain; the main listener then keeps only
 * {@code /openapi.json} of the management endpoints, the probe paths being unknown there.
 *
 * <p>Liveness, {@code /metrics} and {@code /openapi.json} answer on the io thread; readiness, startup and
 * {@code /health} on {@link Health#threads()}, never queued behind data requests.
 */
final class Chains {

    private static final String METRICS = "/metrics";
    private static final String HEALTH = "/health";
    private static final String OPENAPI = "/openapi.json";

    private final Security security;
    private final RequestTelemetry telemetry;
    private final Optional<AccessLog> accessLog;
    private final Metrics metrics;
    private final Health health;
    private final Responses responses;
    /** The probes, {@code /health} and {@code /metrics}, by path. */
    private final Map<String, HttpHandler> management = new LinkedHashMap<>();
    /** {@code /openapi.json}, when the service serves one. */
    private final Map<String, HttpHandler> documents = new LinkedHashMap<>();
    /** Polled all the time: not traced. */
    private final Set<String> untraced;
    /** The probes: not in the access log. */
    private final Set<String> unlogged;

    Chains(
            ProbeConfig probes,
            Optional<byte[]> openApi,
            Security security,
            RequestTelemetry telemetry,
            Optional<AccessLog> accessLog,
            Metrics metrics,
            Health health) {
        this.security = security;
        this.telemetry = telemetry;
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.health = health;
        this.responses = new Responses(telemetry);
        // the first of equal paths wins
        management.putIfAbsent(probes.live(), Responses.constant(Health.live()));
        management.putIfAbsent(METRICS, exchange -> {
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            exchange.getResponseSender().send(metrics.scrape());
        });
        management.putIfAbsent(probes.ready(), onProbeThreads(health::ready));
        management.putIfAbsent(probes.startup(), onProbeThreads(health::startup));
        management.putIfAbsent(HEALTH, onProbeThreads(health::health));
        openApi.ifPresent(body -> documents.put(OPENAPI, Responses.constant(200, "application/json", body)));
        this.untraced = Set.copyOf(List.of(probes.live(), probes.ready(), probes.startup(), HEALTH, METRICS));
        this.unlogged = Set.copyOf(List.of(probes.live(), probes.ready(), probes.startup()));
    }

    /**
     * The main listener's chain.
     *
     * @param lifecycle      puts the graceful-shutdown handler in
     * @param server         the body's size limit and timeout, the workers
     * @param maxWait        the longest a request waits for a worker (see {@link DispatchHandler})
     * @param withManagement whether the probes, {@code /health} and {@code /metrics} answer here (no management port)
     */
    HttpHandler main(
            Lifecycle lifecycle, ServerConfig server, Duration maxWait, Router router, boolean withManagement) {
        Map<String, HttpHandler> endpoints = new LinkedHashMap<>(documents);
        if (withManagement) management.forEach(endpoints::putIfAbsent);
        // a client that asks (Expect: 100-continue) is told to go on when the body is first read
        HttpHandler routed = new HttpContinueReadHandler(new BodyHandler(
                server,
                responses,
                DispatchHandler.toWorkers(
                        telemetry, responses.answeringFailures(router), server.workerThreads(), maxWait, responses)));
        return observed(
                path -> !untraced.contains(path),
                new SecurityHeadersHandler(security, lifecycle.drained(cors(managed(endpoints, routed)))));
    }

    /** The management listener's chain. */
    HttpHandler management() {
        return observed(
                path -> false, new SecurityHeadersHandler(security, cors(managed(management, responses.notFound()))));
    }

    private HttpHandler onProbeThreads(Supplier<Reply> probe) {
        return DispatchHandler.to(
                health.threads(),
                telemetry,
                responses.answeringFailures(exchange -> Responses.reply(exchange, probe.get())));
    }

    private HttpHandler observed(Predicate<String> traced, HttpHandler next) {
        return new ObservationHandler(telemetry, metrics, accessLog, traced, unlogged, next);
    }

    private HttpHandler cors(HttpHandler next) {
        return security.hasCors() ? new CorsHandler(security, responses, next) : next;
    }

    private HttpHandler managed(Map<String, HttpHandler> endpoints, HttpHandler next) {
        return endpoints.isEmpty() ? next : new ManagementHandler(endpoints, responses, next);
    }
}
