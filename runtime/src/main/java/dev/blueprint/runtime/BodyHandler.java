package dev.blueprint.runtime;

import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioExecutor;

/**
 * Reads a request's body on the io thread, without holding a worker, before {@code next} (the dispatch onto the
 * workers) runs; {@link Request#json()} takes the bytes from {@link #BODY}. A body over the max body size is answered
 * 413, and one that has not arrived within the body timeout (a client trickling it in, or sending less than its
 * {@code Content-Length}) 408; both with {@code Connection: close}. A request without a body goes straight on.
 */
final class BodyHandler implements HttpHandler {

    /** Service's: a service's own lines (started, stopping, a request failed) share one logger name. */
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    /** The request's body, once read; absent for a request without one. */
    static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

    private final long maxBytes;
    private final Duration timeout;
    private final long timeoutNanos;
    private final Responses responses;
    private final HttpHandler next;

    BodyHandler(ServerConfig server, Responses responses, HttpHandler next) {
        this.maxBytes = server.maxBodyBytes();
        this.timeout = server.bodyTimeout();
        this.timeoutNanos = timeout.toNanos();
        this.responses = responses;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isRequestComplete()) {
            next.handleRequest(exchange);
            return;
        }
        if (exchange.getRequestContentLength() > maxBytes) {
            // answered before the body is read; Undertow discards it when the exchange ends, then closes
            exchange.setPersistent(false);
            responses.problem(exchange, Problem.tooLarge(maxBytes));
            return;
        }
        new Reading(exchange).start();
    }

    /** One body being read: the first of completion, failure and deadline answers, on the exchange's io thread. */
    private final class Reading implements Runnable {
        private final HttpServerExchange exchange;
        private XnioExecutor.Key deadline;
        private boolean finished;

        Reading(HttpServerExchange exchange) {
            this.exchange = exchange;
        }

        void start() {
            deadline = exchange.getIoThread().executeAfter(this, timeoutNanos, TimeUnit.NANOSECONDS);
            Receiver receiver = exchange.getRequestReceiver();
            receiver.setMaxBufferSize((int) Math.min(Integer.MAX_VALUE, maxBytes));
            receiver.receiveFullBytes(this::received, this::failed);
        }

        private boolean finish() {
            if (finished) return false;
            finished = true;
            deadline.remove();
            return true;
        }

        private void received(HttpServerExchange done, byte[] body) {
            if (!finish()) return;
            done.putAttachment(BODY, body);
            try {
                next.handleRequest(done);
            } catch (Exception e) {
                LOG.error(
                        "request {} {} failed (id {})",
                        done.getRequestMethod(),
                        done.getRequestPath(),
                        RequestIds.of(done),
                        e);
                responses.problemAndClose(done, Problem.internal());
            }
        }

        private void failed(HttpServerExchange done, IOException failure) {
            if (!finish()) return;
            if (failure instanceof Receiver.RequestToLargeException) {
                responses.problemAndClose(done, Problem.tooLarge(maxBytes));
            } else {
                // the client went away, or broke the framing: nobody to answer
                done.setPersistent(false);
                done.endExchange();
            }
        }

        /** The deadline passed. */
        @Override
        public void run() {
            if (finished) return;
            finished = true;
            responses.problemAndClose(exchange, Problem.bodyTimeout(timeout));
        }
    }
}
