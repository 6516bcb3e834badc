package dev.blueprint.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A service's metrics: one Prometheus registry holding the JVM's figures, the pools' (HikariCP registers them when a
 * store opens), the access log's dropped lines and {@code http.server.requests}, a timer per method, route template
 * and status. {@link #scrape()} is the {@code /metrics} text.
 */
final class Metrics implements AutoCloseable {

    /** What a request timer is registered under. */
    private record TimerKey(String method, String route, int status) {}

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Function<TimerKey, Timer> newTimer = this::timer;

    /** Binds the JVM's metrics, and the access log's dropped-line count when there is an access log. */
    Metrics(Optional<AccessLog> accessLog) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        accessLog.ifPresent(log -> Gauge.builder("http.access.log.dropped", log, AccessLog::dropped)
                .description("access log lines dropped because the output could not keep up")
                .register(registry));
    }

    /** Where the stores register their pools. */
    MeterRegistry registry() {
        return registry;
    }

    /** Records one finished request; {@code route} is its template, or {@code unmatched}. */
    void request(String method, String route, int status, long nanos) {
        timers.computeIfAbsent(new TimerKey(method, route, status), newTimer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(TimerKey key) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests by route template")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .publishPercentileHistogram()
                .register(registry);
    }

    /** The Prometheus text of every metric. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
