package dev.blueprint.lsp;

import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.naming.BlueprintFiles;
import dev.blueprint.lsp.ide.Snapshot;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DiagnosticRegistrationOptions;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.DocumentLinkOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SignatureHelpOptions;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The language server: lifecycle, the workspace, debounced diagnostics and a pool that runs
 * requests off the message thread. Feature handlers live in {@link DocumentService}; each
 * request runs on an immutable snapshot, honours cancellation and, when it fails, is logged
 * and answered empty.
 */
public final class BlueprintServer implements LanguageServer, LanguageClientAware {
    /** How long diagnostics wait for typing to pause. */
    static final long DEBOUNCE_MS = Long.getLong("blueprint.lsp.debounceMs", 30);

    final Workspace workspace = new Workspace((root, e) -> logError("analysing " + root, e));
    private final ExecutorService requests = Executors.newFixedThreadPool(2, daemon("blueprint-request"));
    /** Generation runs here, one at a time, so it never holds up the request pool. */
    private final ExecutorService generation = Executors.newSingleThreadExecutor(daemon("blueprint-generate"));

    private final ScheduledExecutorService diagnostics =
            Executors.newSingleThreadScheduledExecutor(daemon("blueprint-diagnostics"));
    private final DocumentService documents = new DocumentService(this);
    private final WorkspaceHandlers workspaceService = new WorkspaceHandlers(this);
    private final Map<Path, List<org.eclipse.lsp4j.Diagnostic>> published = new HashMap<>();
    private final Map<Path, String> uris = new HashMap<>();
    private final PrintStream log;
    private final java.util.function.IntConsumer exit;
    private volatile LanguageClient client;
    private volatile ScheduledFuture<?> pending;
    private volatile boolean pushDiagnostics = true;
    private volatile Set<String> hiddenCodes = Set.of();
    private volatile dev.blueprint.lsp.ide.Generation.Settings generationSettings =
            dev.blueprint.lsp.ide.Generation.Settings.DEFAULT;
    private final List<Path> roots = new java.util.concurrent.CopyOnWriteArrayList<>();
    final ServiceCommands commands = new ServiceCommands(this);
    private volatile boolean shutdown;
    /** The fraction of the old generation's maximum past which the server drops the caches of closed files. */
    static final double MEMORY_PRESSURE = 0.8;

    private final MemoryPressure memory;
    private ClientCapabilities capabilities = new ClientCapabilities();

    /**
     * @param log where failures are written (stderr: stdout carries the protocol)
     * @param exit what the {@code exit} notification does with its code (the command exits the process)
     */
    public BlueprintServer(PrintStream log, java.util.function.IntConsumer exit) {
        this.log = log;
        this.exit = exit;
        this.memory = MemoryPressure.watch(MEMORY_PRESSURE, this::relieveMemory);
    }

    /**
     * Under memory pressure (a collection left the old generation fuller than {@link #MEMORY_PRESSURE} of its
     * maximum), drops what can be made again for closed files, and says so in the log.
     */
    private void relieveMemory() {
        try {
            workspace.trim();
            Runtime rt = Runtime.getRuntime();
            log.println("blueprint: memory is short (" + ((rt.totalMemory() - rt.freeMemory()) >> 20) + " MB of "
                    + (rt.maxMemory() >> 20) + " MB in use): dropped the caches of closed files");
        } catch (RuntimeException e) {
            log.println("blueprint: dropping caches under memory pressure failed: " + e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void connect(LanguageClient languageClient) {
        this.client = languageClient;
    }

    LanguageClient client() {
        return client;
    }

    /** Whether the client shows work-done progress the server starts. */
    boolean supportsWorkDoneProgress() {
        var window = capabilities.getWindow();
        return window != null && Boolean.TRUE.equals(window.getWorkDoneProgress());
    }

    /** Whether the client opens documents (and URLs, externally) the server asks it to. */
    boolean supportsShowDocument() {
        var window = capabilities.getWindow();
        return window != null
                && window.getShowDocument() != null
                && window.getShowDocument().isSupport();
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        capabilities = params.getCapabilities() == null ? new ClientCapabilities() : params.getCapabilities();
        boolean clientPulls = capabilities.getTextDocument() != null
                && capabilities.getTextDocument().getDiagnostic() != null;
        pushDiagnostics = !clientPulls;
        roots.clear();
        if (params.getWorkspaceFolders() != null) {
            for (WorkspaceFolder f : params.getWorkspaceFolders()) {
                toPath(f.getUri()).ifPresent(roots::add);
            }
        } else if (params.getRootUri() != null) {
            toPath(params.getRootUri()).ifPresent(roots::add);
        }
        for (Path root : roots) {
            try {
                if (!Files.isDirectory(root) || !Files.isReadable(root)) {
                    throw new java.io.IOException("not a readable folder");
                }
                workspace.scan(root);
            } catch (Exception e) {
                String msg = "blueprint: cannot read the workspace folder " + root + ": " + e.getMessage();
                log.println(msg);
                if (client != null) {
                    client.showMessage(new MessageParams(MessageType.Error, msg));
                }
            }
        }
        ServerCapabilities caps = new ServerCapabilities();
        caps.setTextDocumentSync(TextDocumentSyncKind.Incremental);
        CompletionOptions completion = new CompletionOptions(false, List.of("@", "$", ":", "=", " ", "\"", "."));
        caps.setCompletionProvider(completion);
        caps.setHoverProvider(true);
        caps.setDefinitionProvider(true);
        caps.setDeclarationProvider(true);
        caps.setReferencesProvider(true);
        caps.setDocumentHighlightProvider(true);
        caps.setRenameProvider(new RenameOptions(true));
        caps.setDocumentSymbolProvider(true);
        caps.setWorkspaceSymbolProvider(true);
        caps.setDocumentFormattingProvider(true);
        caps.setDocumentRangeFormattingProvider(true);
        caps.setFoldingRangeProvider(true);
        caps.setSelectionRangeProvider(true);
        caps.setSemanticTokensProvider(new SemanticTokensWithRegistrationOptions(
                Convert.LEGEND, new org.eclipse.lsp4j.SemanticTokensServerFull(true), true));
        caps.setInlayHintProvider(true);
        CodeActionOptions actions = new CodeActionOptions(
                List.of(CodeActionKind.QuickFix, CodeActionKind.Source, ServiceCommands.GENERATE_KIND));
        actions.setResolveProvider(true);
        caps.setCodeActionProvider(actions);
        List<String> serverCommands = new ArrayList<>(ServiceCommands.SERVER_COMMANDS);
        serverCommands.add(ValidateHandler.COMMAND);
        caps.setExecuteCommandProvider(new org.eclipse.lsp4j.ExecuteCommandOptions(serverCommands));
        caps.setCodeLensProvider(new CodeLensOptions(false));
        caps.setDocumentLinkProvider(new DocumentLinkOptions(false));
        caps.setCallHierarchyProvider(true);
        caps.setSignatureHelpProvider(new SignatureHelpOptions(List.of("(", ","), List.of()));
        if (clientPulls) {
            caps.setDiagnosticProvider(diagnosticOptions());
        }
        String version = BlueprintServer.class.getPackage().getImplementationVersion();
        return CompletableFuture.completedFuture(
                new InitializeResult(caps, new ServerInfo("blueprint", version == null ? "dev" : version)));
    }

    private static DiagnosticRegistrationOptions diagnosticOptions() {
        DiagnosticRegistrationOptions o = new DiagnosticRegistrationOptions("blueprint");
        o.setInterFileDependencies(true);
        o.setWorkspaceDiagnostics(false);
        return o;
    }

    @Override
    public void initialized(InitializedParams params) {
        LanguageClient c = client;
        if (c == null) {
            return;
        }
        var ws = capabilities.getWorkspace();
        if (ws != null
                && ws.getDidChangeWatchedFiles() != null
                && Boolean.TRUE.equals(ws.getDidChangeWatchedFiles().getDynamicRegistration())) {
            var options = new DidChangeWatchedFilesRegistrationOptions(List.of(
                    new FileSystemWatcher(Either.forLeft("**/*" + BlueprintFiles.SUFFIX)),
                    new FileSystemWatcher(Either.forLeft("**/" + dev.blueprint.codegen.Generator.STAMP))));
            c.registerCapability(new RegistrationParams(
                    List.of(new Registration("blueprint-watch", "workspace/didChangeWatchedFiles", options))));
        }
        refreshConfiguration();
        var window = capabilities.getWindow();
        if (window != null && Boolean.TRUE.equals(window.getWorkDoneProgress()) && pushDiagnostics) {
            // the first check of the whole workspace can take a moment: show it as progress
            Either<String, Integer> token = Either.forLeft("blueprint-initial-check");
            c.createProgress(new WorkDoneProgressCreateParams(token))
                    .thenRun(() -> {
                        WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
                        begin.setTitle("Checking blueprints");
                        begin.setMessage(workspace.snapshot().paths().size() + " files");
                        c.notifyProgress(new ProgressParams(token, Either.forLeft(begin)));
                        diagnostics.execute(() -> {
                            publishDiagnostics();
                            WorkDoneProgressEnd end = new WorkDoneProgressEnd();
                            end.setMessage("done");
                            c.notifyProgress(new ProgressParams(token, Either.forLeft(end)));
                        });
                    })
                    .exceptionally(e -> {
                        scheduleDiagnostics(0);
                        return null;
                    });
        } else {
            scheduleDiagnostics(0);
        }
    }

    /**
     * Reads the "blueprint" settings: {@code hiddenCodes} lists diagnostic codes not to show;
     * {@code outputFolder} is where generation writes; {@code javaPackage} overrides the package of
     * the generated code (empty: the blueprint's).
     */
    void refreshConfiguration() {
        var ws = capabilities.getWorkspace();
        if (client == null || ws == null || !Boolean.TRUE.equals(ws.getConfiguration())) {
            return;
        }
        ConfigurationItem item = new ConfigurationItem();
        item.setSection("blueprint");
        client.configuration(new ConfigurationParams(List.of(item)))
                .thenAccept(list -> {
                    Set<String> hidden = Set.of();
                    // the answer arrives as a JsonElement or as Gson's maps and lists, depending on the transport
                    com.google.gson.JsonElement settings = list == null || list.isEmpty() || list.get(0) == null
                            ? null
                            : list.get(0) instanceof com.google.gson.JsonElement e
                                    ? e
                                    : new com.google.gson.Gson().toJsonTree(list.get(0));
                    if (settings != null
                            && settings.isJsonObject()
                            && settings.getAsJsonObject().has("hiddenCodes")
                            && settings.getAsJsonObject().get("hiddenCodes").isJsonArray()) {
                        com.google.gson.JsonObject o = settings.getAsJsonObject();
                        List<String> codes = new ArrayList<>();
                        o.getAsJsonArray("hiddenCodes").forEach(e -> codes.add(e.getAsString()));
                        hidden = Set.copyOf(codes);
                    }
                    hiddenCodes = hidden;
                    generationSettings = new dev.blueprint.lsp.ide.Generation.Settings(
                            string(settings, "outputFolder"), string(settings, "javaPackage"));
                    scheduleDiagnostics(0);
                })
                .exceptionally(e -> {
                    logError("reading the blueprint settings", e);
                    return null;
                });
    }

    private static String string(com.google.gson.JsonElement settings, String key) {
        if (settings == null || !settings.isJsonObject()) {
            return null;
        }
        com.google.gson.JsonElement e = settings.getAsJsonObject().get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    dev.blueprint.lsp.ide.Generation.Settings generationSettings() {
        return generationSettings;
    }

    /** The workspace folders, as given at initialization. */
    List<Path> roots() {
        return List.copyOf(roots);
    }

    ClientCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        ScheduledFuture<?> p = pending;
        if (p != null) {
            p.cancel(true);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        memory.close();
        requests.shutdownNow();
        generation.shutdownNow();
        diagnostics.shutdownNow();
        exit.accept(shutdown ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspaceService;
    }

    // ---- diagnostics ---------------------------------------------------------------------

    /** Publishes diagnostics after {@code delayMs}, replacing (cancelling) any pending run. */
    void scheduleDiagnostics(long delayMs) {
        if (shutdown) {
            return;
        }
        ScheduledFuture<?> p = pending;
        if (p != null) {
            p.cancel(false);
        }
        pending = diagnostics.schedule(
                pushDiagnostics ? this::publishDiagnostics : this::refreshPulledDiagnostics,
                delayMs,
                TimeUnit.MILLISECONDS);
    }

    /** A pulling client re-pulls after a change: an edit to one file can change its importers' diagnostics. */
    private void refreshPulledDiagnostics() {
        var ws = capabilities.getWorkspace();
        LanguageClient c = client;
        if (c != null
                && ws != null
                && ws.getDiagnostics() != null
                && Boolean.TRUE.equals(ws.getDiagnostics().getRefreshSupport())) {
            c.refreshDiagnostics().exceptionally(e -> null);
        }
    }

    private void publishDiagnostics() {
        LanguageClient c = client;
        if (c == null) {
            return;
        }
        try {
            Snapshot snap = workspace.snapshot();
            List<Path> paths = new ArrayList<>(snap.paths());
            // open documents first: they are what the user is looking at
            paths.sort((a, b) -> Boolean.compare(!workspace.isOpen(a), !workspace.isOpen(b)));
            for (Path p : paths) {
                if (workspace.version() != snap.version()) {
                    return; // stale: a newer run is scheduled
                }
                List<org.eclipse.lsp4j.Diagnostic> ds;
                try {
                    ds = diagnosticsOf(snap, p);
                } catch (RuntimeException | StackOverflowError e) {
                    logError("publishing the diagnostics of " + p, e);
                    continue; // that file's failure: the others are still published
                }
                if (!ds.equals(published.get(p))) {
                    published.put(p, ds);
                    c.publishDiagnostics(new PublishDiagnosticsParams(uriOf(p), ds));
                }
            }
            for (Path gone : new ArrayList<>(published.keySet())) {
                if (!snap.paths().contains(gone)) {
                    published.remove(gone);
                    c.publishDiagnostics(new PublishDiagnosticsParams(uriOf(gone), List.of()));
                }
            }
        } catch (RuntimeException e) {
            logError("publishing diagnostics", e);
        }
    }

    /** One file's diagnostics as LSP sees them, without the codes the user hid. */
    List<org.eclipse.lsp4j.Diagnostic> diagnosticsOf(Snapshot snap, Path p) {
        Positions pos = new Positions(snap.text(p).orElse(""));
        List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : snap.diagnostics(p)) {
            if (!hiddenCodes.contains(d.code().id())) {
                out.add(Convert.diagnostic(
                        d, pos, path -> snap.text(path).map(Positions::new).orElse(pos), this::uriOf));
            }
        }
        if (!hiddenCodes.contains(dev.blueprint.lang.check.Code.STALE_GENERATED.id())) {
            commands.staleness(snap, p).ifPresent(d -> out.add(Convert.diagnostic(d, pos, path -> pos, this::uriOf)));
        }
        return out;
    }

    // ---- requests ------------------------------------------------------------------------

    /** Runs a request on the pool: cancellable, and answered with {@code empty} when it fails. */
    <T> CompletableFuture<T> request(String what, Supplier<T> empty, Function<Snapshot, T> work) {
        return CompletableFutures.computeAsync(requests, cancel -> {
            cancel.checkCanceled();
            try {
                return work.apply(workspace.snapshot());
            } catch (RuntimeException | StackOverflowError e) {
                if (e instanceof java.util.concurrent.CancellationException ce) {
                    throw ce;
                }
                if (e instanceof org.eclipse.lsp4j.jsonrpc.ResponseErrorException refused) {
                    throw refused; // an answer, not a failure: the client shows its message (a rename to a name that
                    // cannot be)
                }
                logError(what, e);
                return empty.get();
            }
        });
    }

    /**
     * Runs generation work on its own thread (never the message thread, never the request pool):
     * cancellable between steps through {@code cancelled}; a failure is logged and answered empty.
     */
    <T> CompletableFuture<T> generation(
            String what,
            Supplier<T> empty,
            java.util.function.BiFunction<Snapshot, java.util.function.BooleanSupplier, T> work) {
        return CompletableFutures.computeAsync(generation, cancel -> {
            cancel.checkCanceled();
            java.util.function.BooleanSupplier cancelled = () -> {
                try {
                    cancel.checkCanceled();
                    return false;
                } catch (java.util.concurrent.CancellationException e) {
                    return true;
                }
            };
            try {
                return work.apply(workspace.snapshot(), cancelled);
            } catch (RuntimeException | StackOverflowError e) {
                if (e instanceof java.util.concurrent.CancellationException ce) {
                    throw ce;
                }
                logError(what, e);
                return empty.get();
            }
        });
    }

    void logError(String what, Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        String msg = "blueprint: " + what + " failed: " + e + "\n" + w;
        log.println(msg);
        LanguageClient c = client;
        if (c != null) {
            try {
                c.logMessage(new MessageParams(MessageType.Error, msg));
            } catch (RuntimeException ignored) {
                // the client is gone; stderr has it
            }
        }
    }

    // ---- uris ----------------------------------------------------------------------------

    static java.util.Optional<Path> toPath(String uri) {
        try {
            URI u = URI.create(uri);
            if (!"file".equalsIgnoreCase(u.getScheme())) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Paths.get(u).toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Remembers the client's spelling of a document's URI, so replies use the same one. */
    synchronized void remember(Path p, String uri) {
        uris.put(p, uri);
    }

    synchronized String uriOf(Path p) {
        String u = uris.get(p);
        return u != null ? u : p.toUri().toString();
    }
}
