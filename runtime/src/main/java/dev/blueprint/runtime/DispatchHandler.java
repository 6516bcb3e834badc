package dev.blueprint.runtime;

import dev.blueprint.runtime.telemetry.RequestTelemetry;
import io.opentelemetry.context.Scope;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.XnioExecutor;

/**
 * Leaves the io thread: runs {@code next} on an executor (the worker pool, or the probe threads) through
 * {@link HttpServerExchange#dispatch(Executor, HttpHandler)}, with the request's span current and its ids in the
 * logging MDC while it runs. The exchange stays non-blocking: the body was read before ({@link BodyHandler}), and
 * replies are sent without blocking the worker.
 *
 * <p>Onto the worker pool, load is shed at the door ({@link #toWorkers}): when every worker is busy, at most
 * {@value #WAITING_PER_WORKER} requests per worker wait for one, each for at most the wait limit (the pools' shortest
 * connect timeout); a request past either bound is answered 503 with {@code Retry-After} from the io thread, instead
 * of queueing behind workers that are themselves waiting for a database connection. Counting costs one atomic
 * increment and decrement per request; only a request that has to wait gets a timer.
 */
final class DispatchHandler implements HttpHandler {

    /** Null: the connection's worker pool. */
    private final Executor executor;

    private final RequestTelemetry telemetry;
    private final HttpHandler next;
    private final HttpHandler inContext = this::inContext;
    /** Null: no admission control (the probe threads). */
    private final Admission admission;

    private DispatchHandler(Executor executor, RequestTelemetry telemetry, HttpHandler next) {
        this.executor = executor;
        this.telemetry = telemetry;
        this.next = next;
        this.admission = null;
    }

    private DispatchHandler(
            RequestTelemetry telemetry, HttpHandler next, int workers, Duration maxWait, Responses responses) {
        this.executor = null;
        this.telemetry = telemetry;
        this.next = next;
        this.admission = new Admission(workers, maxWait.toNanos(), responses);
    }

    /**
     * Runs {@code next} on the worker pool of {@code workers} threads, shedding load at the door.
     *
     * @param maxWait the longest a request waits for a worker before it is answered 503
     */
    static DispatchHandler toWorkers(
            RequestTelemetry telemetry, HttpHandler next, int workers, Duration maxWait, Responses responses) {
        return new DispatchHandler(telemetry, next, workers, maxWait, responses);
    }

    /** Runs {@code next} on {@code executor}. */
    static DispatchHandler to(Executor executor, RequestTelemetry telemetry, HttpHandler next) {
        return new DispatchHandler(Objects.requireNonNull(executor, "executor"), telemetry, next);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!exchange.isInIoThread()) {
            inContext(exchange);
        } else if (admission == null) {
            exchange.dispatch(executor, inContext);
        } else {
            admission.dispatch(exchange);
        }
    }

    private void inContext(HttpServerExchange exchange) throws Exception {
        try (Scope scope = telemetry.enter(exchange, RequestIds.of(exchange))) {
            next.handleRequest(exchange);
        }
    }

    /**
     * How many requests may wait per worker: enough for a closed loop of hundreds of clients on a fast service (each
     * waits a moment), a bound for a flood.
     */
    static final int WAITING_PER_WORKER = 16;

    /** The requests on the workers or waiting for one, and the bounds on those waiting. */
    private final class Admission {
        private final int workers;
        private final int maxWaiting;
        private final long maxWaitNanos;
        private final Responses responses;
        /** Requests running on a worker or queued for one. */
        private final AtomicInteger admitted = new AtomicInteger();

        private final HttpHandler counted = exchange -> {
            try {
                inContext(exchange);
            } finally {
                admitted.decrementAndGet();
            }
        };

        Admission(int workers, long maxWaitNanos, Responses responses) {
            this.workers = workers;
            this.maxWaiting = WAITING_PER_WORKER * workers;
            this.maxWaitNanos = maxWaitNanos;
            this.responses = responses;
        }

        void dispatch(HttpServerExchange exchange) {
            int count = admitted.incrementAndGet();
            if (count <= workers) {
                exchange.dispatch(executor, counted);
            } else if (count <= workers + maxWaiting) {
                exchange.dispatch(executor, new Waiting(exchange));
            } else {
                admitted.decrementAndGet();
                responses.problem(exchange, Problem.atCapacity());
            }
        }

        /** A request queued for a worker: the first of the worker and the wait limit to claim it answers it. */
        private final class Waiting implements HttpHandler {
            private final HttpServerExchange exchange;
            private final AtomicBoolean claimed = new AtomicBoolean();
            private final XnioExecutor.Key deadline;

            Waiting(HttpServerExchange exchange) {
                this.exchange = exchange;
                this.deadline = exchange.getIoThread().executeAfter(this::expire, maxWaitNanos, TimeUnit.NANOSECONDS);
            }

            /** On the worker. */
            @Override
            public void handleRequest(HttpServerExchange dispatched) throws Exception {
                try {
                    if (claimed.compareAndSet(false, true)) {
                        deadline.remove();
                        inContext(dispatched);
                    }
                } finally {
                    admitted.decrementAndGet();
                }
            }

            /** On the io thread, at the wait limit. */
            private void expire() {
                if (claimed.compareAndSet(false, true)) responses.problem(exchange, Problem.atCapacity());
            }
        }
    }
}
