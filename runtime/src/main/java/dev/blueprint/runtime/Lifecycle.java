package dev.blueprint.runtime;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting and stopping a service, and the state its probes report.
 *
 * <p>Start: the server listens first, so the startup probe can answer 503 while the stores open and migrate; then the
 * service is ready. Stop ({@link #stop()}, or SIGTERM/SIGINT through {@link #stopOnSignal()}): readiness turns 503,
 * and every answer from then on carries {@code Connection: close} and closes its connection, so that keep-alive
 * clients move off before the listener closes; after the drain delay new requests get 503 (Undertow's {@link GracefulShutdownHandler}) while in-flight requests get
 * up to the shutdown grace to finish; then the listeners close, and the resources are released last, in the order
 * given (pools before the telemetry, which flushes the spans of the requests that finished during the drain).
 */
final class Lifecycle {

    /** Service's: a service's own lines (started, stopping, a request failed) share one logger name. */
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    /** Where a service is in its life; readiness is up in {@link #READY} only. */
    enum State {
        STARTING,
        READY,
        DRAINING,
        STOPPED
    }

    private final String name;
    private final ServerConfig server;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile State state = State.STARTING;
    private GracefulShutdownHandler graceful;
    private Undertow undertow;
    private List<AutoCloseable> resources = List.of();

    Lifecycle(String name, ServerConfig server) {
        this.name = name;
        this.server = server;
    }

    State state() {
        return state;
    }

    /**
     * {@code next} behind the graceful-shutdown handler {@link #stop()} shuts: from the end of the drain delay, the
     * requests that reach it are answered 503 and the ones in flight are waited for. Called once, while composing the
     * main listener's chain.
     */
    HttpHandler drained(HttpHandler next) {
        if (graceful != null) throw new IllegalStateException("the main listener's chain is composed once");
        graceful = new GracefulShutdownHandler(next);
        GracefulShutdownHandler shutting = graceful;
        return exchange -> {
            // from the stop signal on, every answer closes its connection: clients stop reusing connections the
            // listener will close, rather than sending on one as it closes
            if (state != State.READY) exchange.setPersistent(false);
            shutting.handleRequest(exchange);
        };
    }

    /**
     * Starts {@code server} listening, then runs {@code open} (the stores); the service is ready once it returns.
     * When either fails, the listeners close, {@code resources} are released and the exception is rethrown.
     *
     * @param resources released in this order once the listeners have closed, on stop or failed start
     */
    void start(Undertow server, Runnable open, List<AutoCloseable> resources) {
        if (graceful == null) throw new IllegalStateException("no chain is behind the graceful-shutdown handler");
        this.undertow = server;
        this.resources = List.copyOf(resources);
        try {
            undertow.start();
            open.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed to start: {}", name, e.toString());
            undertow.stop();
            release();
            state = State.STOPPED;
            stopped.countDown();
            throw e;
        }
        state = State.READY;
    }

    /** Stops gracefully when the JVM is told to (SIGTERM, SIGINT). */
    void stopOnSignal() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "shutdown"));
    }

    /** The graceful stop; see the class comment. Safe to call more than once; returns once stopped. */
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
            release();
            LOG.info("{} stopped", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            state = State.STOPPED;
            stopped.countDown();
        }
    }

    /** Blocks until the service has stopped. */
    void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("{}: a resource failed to close on stop", name, e);
            }
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) Thread.sleep(duration.toMillis());
    }
}
