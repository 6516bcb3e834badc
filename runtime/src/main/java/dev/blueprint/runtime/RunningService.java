package dev.blueprint.runtime;

import java.net.URI;

/** A started service. {@link #close()} stops it gracefully. */
public final class RunningService implements AutoCloseable {

    private final Lifecycle lifecycle;
    private final int port;
    private final int managementPort;

    RunningService(Lifecycle lifecycle, int port, int managementPort) {
        this.lifecycle = lifecycle;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** The port the server listens on (useful when configured with port 0). */
    public int port() {
        return port;
    }

    /**
     * The port the probes, {@code /health} and {@code /metrics} answer on: the management port when
     * {@link ServerConfig#managementPort()} is set (the one chosen when it was 0), {@link #port()} otherwise.
     */
    public int managementPort() {
        return managementPort;
    }

    /** {@code http://127.0.0.1:MANAGEMENT_PORT}: where the probes, {@code /health} and {@code /metrics} answer. */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Whether the service has finished starting and is not stopping. */
    public boolean isReady() {
        return lifecycle.state() == Lifecycle.State.READY;
    }

    /** Stops gracefully; returns when the server is down and the pools closed. */
    public void stop() {
        lifecycle.stop();
    }

    /** Blocks until the service has stopped. */
    public void awaitStopped() {
        lifecycle.awaitStopped();
    }

    @Override
    public void close() {
        stop();
    }
}
