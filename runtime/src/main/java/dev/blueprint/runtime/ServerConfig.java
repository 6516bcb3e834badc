package dev.blueprint.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the HTTP server runs. Start from {@link #defaults()} and change what the blueprint sets.
 *
 * @param port            the TCP port; 0 picks a free one
 * @param ioThreads       Undertow io threads (non-blocking; they never run handlers)
 * @param workerThreads   the worker pool that runs handlers and JDBC work
 * @param maxBodyBytes    requests with a larger body get 413
 * @param requestTimeout  the JDBC statement timeout
 * @param headerTimeout   the longest a request's line and headers may take to arrive; past it the connection is
 *                        closed
 * @param bodyTimeout     the longest a request's body may take to arrive once its headers have (however slowly it
 *                        trickles in); past it the request is answered 408 and the connection closed
 * @param idleTimeout     an idle keep-alive connection is closed after this
 * @param shutdownGrace   how long in-flight requests may run on after a stop signal
 * @param drainDelay      how long readiness reports 503 before the listener stops accepting connections
 * @param pageSize        the page size of lists when the client gives no {@code limit}
 * @param maxPageSize     the largest {@code limit} a client may ask for
 * @param managementPort  the port of a second listener that alone serves the probes, {@code /health} and
 *                        {@code /metrics} (0 picks a free one); empty (the default) serves them on {@code port}
 */
public record ServerConfig(
        int port,
        int ioThreads,
        int workerThreads,
        long maxBodyBytes,
        Duration requestTimeout,
        Duration headerTimeout,
        Duration bodyTimeout,
        Duration idleTimeout,
        Duration shutdownGrace,
        Duration drainDelay,
        int pageSize,
        int maxPageSize,
        OptionalInt managementPort) {

    public ServerConfig {
        if (managementPort == null)
            throw new IllegalArgumentException(
                    "management port must not be null; use OptionalInt.empty() to share the port");
        if (managementPort.isPresent()) {
            int management = managementPort.getAsInt();
            if (management < 0 || management > 65535) {
                throw new IllegalArgumentException("management port must be within 0..65535, got " + management);
            }
            if (management != 0 && management == port) {
                throw new IllegalArgumentException("management port must differ from the port, both are " + port);
            }
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        if (ioThreads < 1) throw new IllegalArgumentException("io threads must be at least 1");
        if (workerThreads < 1) throw new IllegalArgumentException("worker threads must be at least 1");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("max body must be at least 1 byte");
        if (!positive(headerTimeout)) throw new IllegalArgumentException("header timeout must be positive");
        if (!positive(bodyTimeout)) throw new IllegalArgumentException("body timeout must be positive");
        if (pageSize < 1) throw new IllegalArgumentException("page size must be at least 1, got " + pageSize);
        if (maxPageSize < 1) throw new IllegalArgumentException("max page size must be at least 1, got " + maxPageSize);
    }

    /**
     * The reference's defaults: port 8080, io threads = cores, workers = cores × 8, 1MB bodies, request timeout 30s,
     * header timeout 10s, body timeout 30s, idle timeout 60s, shutdown grace 20s.
     */
    public static ServerConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerConfig(
                8080,
                cores,
                cores * 8,
                1_000_000,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Duration.ofSeconds(20),
                Duration.ofSeconds(2),
                50,
                500,
                OptionalInt.empty());
    }

    public ServerConfig port(int value) {
        return new ServerConfig(
                value,
                ioThreads,
                workerThreads,
                maxBodyBytes,
                requestTimeout,
                headerTimeout,
                bodyTimeout,
                idleTimeout,
                shutdownGrace,
                drainDelay,
                pageSize,
                maxPageSize,
                managementPort);
    }

    public ServerConfig ioThreads(int value) {
        return new ServerConfig(
                port,
                value,
                workerThreads,
                maxBodyBytes,
                requestTimeout,
                headerTimeout,
                bodyTimeout,
                idleTimeout,
                shutdownGrace,
                drainDelay,
                pageSize,
                maxPageSize,
                managementPort);
    }

    public ServerConfig workerThreads(int value) {
        return new ServerConfig(
                port,
                ioThreads,
                value,
                maxBodyBytes,
                requestTimeout,
                headerTimeout,
                bodyTimeout,
                idleTimeout,
                shutdownGrace,
                drainDelay,
                pageSize,
                maxPageSize,
                managementPort);
    }

    public ServerConfig maxBodyBytes(long value) {
        return new ServerConfig(
                port,
                ioThreads,
                workerThreads,
                value,
                requestTimeout,
                headerTimeout,
                bodyTimeout,
                idleTimeout,
                shutdownGrace,
                drainDelay,
                pageSize,
                maxPageSize,
                managementPort);
    }

    public ServerConfig requestTimeout(Duration value) {
        return new ServerConfig(
                port,
                ioThreads,
                workerThreads,
                maxBodyBytes,
                value,
                headerTimeout,
                bodyTimeout,
                idleTimeout,
                shutdownGrace,
                drainDelay,
                pageSize,
                maxPageSize,
                managementPort);
    }

    /** See {@link #headerTimeout()}. */
    public ServerConfig headerTimeout(Duration value) {
        return new ServerConfig(
                port,
                ioThreads,
                workerThreads,
                maxBodyBytes,
                requestTimeout,
                value,
                bodyTimeout,
                idleTimeout,
                shutdownGrace,
                drainDelay,
                pageSize,
                maxPageSize,
                managementPort);
    }

    /** See {@link #bodyTimeout()}. */
    public ServerConfig bodyTimeout(Duration value) {
        return new ServerConfig(
                port,
                ioThreads,
                workerThreads,
                maxBodyBytes,
                requestTimeout,
                headerTimeout,
                value,
                idleTimeout,
                shutdownGrace,
                drainDelay,
                pageSize,
                maxPageSize,
                managementPort);
    }

    public ServerConfig idleTimeout(Duration value) {
        return new ServerConfig(
                port,
                ioThreads,
                workerThreads,
                maxBodyBytes,
                requestTimeout,
                headerTimeout,
                bodyTimeout,
                value,
                shutdownGrace,
                drainDelay,
                pageSize,
                maxPageSize,
                managementPort);
    }

    public ServerConfig shutdownGrace(Duration value) {
        return new ServerConfig(
                port,
                ioThreads,
                workerThreads,
                maxBodyBytes,
                requestTimeout,
                headerTimeout,
                bodyTimeout,
                idleTimeout,
                value,
                drainDelay,
                pageSize,
                maxPageSize,
                managementPort);
    }

    public ServerConfig drainDelay(Duration value) {
        return new ServerConfig(
                port,
                ioThreads,
                workerThreads,
                maxBodyBytes,
                requestTimeout,
                headerTimeout,
                bodyTimeout,
                idleTimeout,
                shutdownGrace,
                value,
                pageSize,
                maxPageSize,
                managementPort);
    }

    public ServerConfig pageSize(int value) {
        return new ServerConfig(
                port,
                ioThreads,
                workerThreads,
                maxBodyBytes,
                requestTimeout,
                headerTimeout,
                bodyTimeout,
                idleTimeout,
                shutdownGrace,
                drainDelay,
                value,
                maxPageSize,
                managementPort);
    }

    public ServerConfig maxPageSize(int value) {
        return new ServerConfig(
                port,
                ioThreads,
                workerThreads,
                maxBodyBytes,
                requestTimeout,
                headerTimeout,
                bodyTimeout,
                idleTimeout,
                shutdownGrace,
                drainDelay,
                pageSize,
                value,
                managementPort);
    }

    /**
     * Serves the probes, {@code /health} and {@code /metrics} on their own listener at {@code value} (0 picks a free
     * port), and no longer on {@link #port()}.
     */
    public ServerConfig managementPort(int value) {
        return new ServerConfig(
                port,
                ioThreads,
                workerThreads,
                maxBodyBytes,
                requestTimeout,
                headerTimeout,
                bodyTimeout,
                idleTimeout,
                shutdownGrace,
                drainDelay,
                pageSize,
                maxPageSize,
                OptionalInt.of(value));
    }

    /** Serves the probes, {@code /health} and {@code /metrics} on {@link #port()} again (the default). */
    public ServerConfig sharedManagementPort() {
        return new ServerConfig(
                port,
                ioThreads,
                workerThreads,
                maxBodyBytes,
                requestTimeout,
                headerTimeout,
                bodyTimeout,
                idleTimeout,
                shutdownGrace,
                drainDelay,
                pageSize,
                maxPageSize,
                OptionalInt.empty());
    }

    private static boolean positive(Duration value) {
        return value != null && !value.isNegative() && !value.isZero();
    }

    /**
     * This configuration with the environment's {@code PORT}, {@code MANAGEMENT_PORT}, {@code IO_THREADS} and
     * {@code WORKER_THREADS} applied.
     */
    ServerConfig withEnvironment(Environment env) {
        ServerConfig result = this;
        Optional<Integer> mainPort = env.findInt("PORT");
        Optional<Integer> management = env.findInt("MANAGEMENT_PORT");
        if (mainPort.isPresent() || management.isPresent()) {
            // both at once, so that moving the two ports past each other is never refused half-way
            result = new ServerConfig(
                    mainPort.orElse(port),
                    ioThreads,
                    workerThreads,
                    maxBodyBytes,
                    requestTimeout,
                    headerTimeout,
                    bodyTimeout,
                    idleTimeout,
                    shutdownGrace,
                    drainDelay,
                    pageSize,
                    maxPageSize,
                    management.map(OptionalInt::of).orElse(result.managementPort()));
        }
        result = env.findInt("IO_THREADS").map(result::ioThreads).orElse(result);
        result = env.findInt("WORKER_THREADS").map(result::workerThreads).orElse(result);
        return result;
    }
}
