package dev.blueprint.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP client of {@code validate}: the JDK's asynchronous {@link HttpClient} (HTTP/1.1, keep-alive, one
 * connection per request in flight), so a closed loop of N requests in flight holds N connections. Every answer is
 * a value, never an exception: a status, or a failure (timeout, refused, reset), with its latency.
 */
final class Http implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** One answer: {@code status} 0 when the request failed; {@code nanos} from send to the last byte. */
    record Answer(
            int status,
            String body,
            Optional<String> contentType,
            long nanos,
            Optional<String> failure,
            boolean timedOut,
            java.net.http.HttpHeaders headers) {

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        boolean failed() {
            return failure.isPresent();
        }

        long millis() {
            return nanos / 1_000_000;
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                return MAPPER.nullNode();
            }
        }

        /** A short account: the status, or what went wrong. */
        String describe() {
            return failure.orElse(Integer.toString(status));
        }
    }

    private final URI base;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient client;

    Http(URI base, Duration timeout, int threads) {
        this.base = base;
        this.timeout = timeout;
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "validate-http");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    java.util.concurrent.Executor executor() {
        return executor;
    }

    URI base() {
        return base;
    }

    CompletableFuture<Answer> send(String method, String path, Optional<String> json) {
        return send(method, path, json, Map.of());
    }

    /** Sends with {@code headers} too (credentials, CORS). */
    CompletableFuture<Answer> send(String method, String path, Optional<String> json, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept", "application/json");
        headers.forEach(request::header);
        if (json.isPresent()) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.get()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(e, System.nanoTime() - start));
        }
        return sent.handle((response, error) -> {
            long nanos = System.nanoTime() - start;
            if (error != null) return failure(error, nanos);
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type"),
                    nanos,
                    Optional.empty(),
                    false,
                    response.headers());
        });
    }

    Answer call(String method, String path, Optional<String> json) {
        return send(method, path, json).join();
    }

    Answer call(String method, String path, Optional<String> json, Map<String, String> headers) {
        return send(method, path, json, headers).join();
    }

    Answer get(String path) {
        return call("GET", path, Optional.empty());
    }

    private static Answer failure(Throwable error, long nanos) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        boolean timedOut = cause instanceof HttpTimeoutException;
        String what = timedOut
                ? "timeout"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new Answer(
                0,
                "",
                Optional.empty(),
                nanos,
                Optional.of(what),
                timedOut,
                java.net.http.HttpHeaders.of(java.util.Map.of(), (k, v) -> true));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
