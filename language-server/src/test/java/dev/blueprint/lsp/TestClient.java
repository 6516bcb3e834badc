package dev.blueprint.lsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/** A client connected to a server in this JVM over real JSON-RPC on piped streams. */
final class TestClient implements LanguageClient {
    final Map<String, PublishDiagnosticsParams> diagnostics = new ConcurrentHashMap<>();
    final StringBuffer messages = new StringBuffer();
    final ByteArrayOutputStream serverErr = new ByteArrayOutputStream();
    final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    final LanguageServer server;
    volatile com.google.gson.JsonObject settings = new com.google.gson.JsonObject();
    final List<Object> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Notified whenever the server sends this client something that a test may wait for. */
    private final Object received = new Object();

    TestClient() throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        PipedOutputStream toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream toClient = new PipedOutputStream(clientIn);
        PrintStream err = new PrintStream(serverErr, true, StandardCharsets.UTF_8);
        Thread t = new Thread(
                () -> Connection.serve(serverIn, toClient, err, code -> {
                    exitCode.complete(code);
                    try {
                        toClient.close();
                        serverIn.close();
                    } catch (IOException ignored) {
                        // closing
                    }
                }),
                "test-server");
        t.setDaemon(true);
        t.start();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(this, clientIn, toServer);
        launcher.startListening();
        server = launcher.getRemoteProxy();
    }

    static String uri(Path p) {
        return p.toUri().toString();
    }

    /** Waits until the latest diagnostics for {@code uri} satisfy {@code test}. */
    PublishDiagnosticsParams awaitDiagnostics(String uri, Predicate<PublishDiagnosticsParams> test, long seconds)
            throws InterruptedException {
        return awaitDiagnostics(uri, test, seconds, "");
    }

    PublishDiagnosticsParams awaitDiagnostics(
            String uri, Predicate<PublishDiagnosticsParams> test, long seconds, String expected)
            throws InterruptedException {
        AtomicReference<PublishDiagnosticsParams> matched = new AtomicReference<>();
        if (!await(
                () -> {
                    PublishDiagnosticsParams p = diagnostics.get(uri);
                    if (p != null && test.test(p)) {
                        matched.set(p);
                    }
                    return matched.get() != null;
                },
                seconds)) {
            throw new AssertionError("diagnostics for " + uri + " never matched " + expected + "; last: "
                    + diagnostics.get(uri) + "\nserver stderr:\n" + serverErr);
        }
        return matched.get();
    }

    /**
     * Waits until {@code condition} holds, checking it again each time the server sends this
     * client something; false when it still does not hold after {@code seconds}.
     */
    boolean await(BooleanSupplier condition, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (received) {
            while (!condition.getAsBoolean()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(received, left);
            }
            return true;
        }
    }

    /** Records what the server sent and wakes the waiting tests. */
    private void receive(Runnable record) {
        synchronized (received) {
            record.run();
            received.notifyAll();
        }
    }

    final java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public CompletableFuture<Void> refreshDiagnostics() {
        receive(refreshes::incrementAndGet);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public CompletableFuture<Void> createProgress(org.eclipse.lsp4j.WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void notifyProgress(org.eclipse.lsp4j.ProgressParams params) {
        receive(() -> progress.add(params.getValue().getLeft()));
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {
        receive(() -> diagnostics.put(p.getUri(), p));
    }

    @Override
    public void showMessage(MessageParams m) {
        receive(() -> messages.append(m.getMessage()).append('\n'));
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams m) {
        receive(() -> messages.append(m.getMessage()).append('\n'));
    }

    @Override
    public CompletableFuture<Void> registerCapability(RegistrationParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
        return CompletableFuture.completedFuture(List.of(settings));
    }
}
