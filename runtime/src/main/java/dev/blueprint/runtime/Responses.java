package dev.blueprint.runtime;

import dev.blueprint.runtime.telemetry.RequestTelemetry;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.ExceptionHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * How the chain answers: a handler's {@link Reply} as JSON, a {@link Problem} as {@code application/problem+json}
 * (with the request id and, when traced, the trace id), and whatever else a handler throws as a logged 500 with no
 * detail ({@link #answeringFailures}).
 */
final class Responses {

    /** Service's: a service's own lines (started, stopping, a request failed) share one logger name. */
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final RequestTelemetry telemetry;

    Responses(RequestTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** Sends {@code reply}: its status, its {@code Location}, its body as JSON (none: the exchange just ends). */
    static void reply(HttpServerExchange exchange, Reply reply) {
        exchange.setStatusCode(reply.status());
        if (reply.location().isPresent())
            exchange.getResponseHeaders().put(Headers.LOCATION, reply.location().get());
        if (reply.body().isPresent()) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
            exchange.getResponseSender()
                    .send(ByteBuffer.wrap(Json.write(reply.body().get())));
        } else {
            exchange.endExchange();
        }
    }

    /** A handler that always sends {@code status} with {@code body}, written once here. */
    static HttpHandler constant(int status, String contentType, byte[] body) {
        return exchange -> {
            exchange.setStatusCode(status);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        };
    }

    /** A handler that always sends {@code reply}'s status and JSON body, serialized once here. */
    static HttpHandler constant(Reply reply) {
        return constant(reply.status(), JSON, Json.write(reply.body().orElseThrow()));
    }

    /** Sends {@code problem}; when the response has started already, ends it as it is. */
    void problem(HttpServerExchange exchange, Problem problem) {
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        exchange.setStatusCode(problem.status());
        problem.headers()
                .forEach((header, value) -> exchange.getResponseHeaders().put(new HttpString(header), value));
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PROBLEM_JSON);
        exchange.getResponseSender().send(ByteBuffer.wrap(body(exchange, problem)));
    }

    private byte[] body(HttpServerExchange exchange, Problem problem) {
        return Json.write(problem.body(
                exchange.getRequestPath(),
                RequestIds.of(exchange),
                telemetry.traceId(exchange).orElse(null)));
    }

    /**
     * Sends {@code problem} with {@code Connection: close}, then closes the connection: for a request whose body was
     * not read (too large, too slow), so that nothing is left to drain from a client that may never send it.
     */
    void problemAndClose(HttpServerExchange exchange, Problem problem) {
        exchange.setPersistent(false);
        if (exchange.isResponseStarted()) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.setStatusCode(problem.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PROBLEM_JSON);
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
        exchange.getResponseSender().send(ByteBuffer.wrap(body(exchange, problem)), new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange done, Sender sender) {
                IoUtils.safeClose(done.getConnection());
            }

            @Override
            public void onException(HttpServerExchange done, Sender sender, IOException exception) {
                IoUtils.safeClose(done.getConnection());
            }
        });
    }

    /** Answers every request with 404, as an unknown path. */
    HttpHandler notFound() {
        return exchange -> problem(exchange, Problem.notFound("no resource at " + exchange.getRequestPath()));
    }

    /**
     * {@code next} behind Undertow's {@link ExceptionHandler}: a {@link Problem} it throws is the answer; any other
     * exception (and a stack overflow) is logged with the request, recorded on its span, and answered 500 with no
     * detail. Run it where the request's ids are in the MDC (behind {@link DispatchHandler}).
     */
    HttpHandler answeringFailures(HttpHandler next) {
        HttpHandler unexpected = exchange -> {
            Throwable failure = exchange.getAttachment(ExceptionHandler.THROWABLE);
            LOG.error(
                    "request {} {} failed (id {})",
                    exchange.getRequestMethod(),
                    exchange.getRequestPath(),
                    RequestIds.of(exchange),
                    failure);
            telemetry.failed(exchange, failure);
            problem(exchange, Problem.internal());
        };
        return new ExceptionHandler(next)
                .addExceptionHandler(
                        Problem.class,
                        exchange -> problem(exchange, (Problem) exchange.getAttachment(ExceptionHandler.THROWABLE)))
                .addExceptionHandler(Exception.class, unexpected)
                .addExceptionHandler(StackOverflowError.class, unexpected);
    }
}
