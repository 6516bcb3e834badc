package dev.blueprint.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.blueprint.build.ProjectWriter;
import dev.blueprint.codegen.Pipeline;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.source.Span;
import dev.blueprint.lsp.ide.FileContext;
import dev.blueprint.lsp.ide.Generation;
import dev.blueprint.lsp.ide.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionDisabled;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CreateFile;
import org.eclipse.lsp4j.CreateFileOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ResourceOperation;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Generating the service from the editor: the "Generate service" source action (a
 * {@link WorkspaceEdit} of file creations and edits, computed when the client resolves the
 * action), the {@value #GENERATE} command (writes into the output folder itself and reports
 * progress), the code lenses over the service and the stale-project diagnostic.
 *
 * <p>Commands: {@value #GENERATE} is the server's (argument: the blueprint's URI). {@value #RUN}
 * is the client's: the VS Code extension registers it (argument: the blueprint's URI) and runs
 * {@code blueprint run FILE} in a terminal; the server never runs a service inside itself. Its
 * other commands, {@code blueprint.generateService} (runs {@code blueprint compile FILE -o DIR},
 * which also compiles the Java) and the palette entries, stay the extension's.
 */
final class ServiceCommands {
    /** The server's generate command: writes the project into the output folder, with progress. */
    static final String GENERATE = "blueprint.server.generateService";
    /** The client's run command (the VS Code extension's), shown as a lens. */
    static final String RUN = "blueprint.runService";
    /** The commands the server executes ({@code workspace/executeCommand}). */
    static final List<String> SERVER_COMMANDS = List.of(GENERATE);
    /** The kind of the "Generate service" action. */
    static final String GENERATE_KIND = CodeActionKind.Source + ".generate";

    static final String GENERATE_TITLE = "Generate service";

    private final BlueprintServer server;
    private final AtomicLong progressTokens = new AtomicLong();

    ServiceCommands(BlueprintServer server) {
        this.server = server;
    }

    // ---- capabilities ----------------------------------------------------------------------

    private boolean clientResolvesEdits() {
        var td = server.capabilities().getTextDocument();
        var ca = td == null ? null : td.getCodeAction();
        return ca != null
                && ca.getResolveSupport() != null
                && ca.getResolveSupport().getProperties() != null
                && ca.getResolveSupport().getProperties().contains("edit");
    }

    private boolean clientShowsDisabled() {
        var td = server.capabilities().getTextDocument();
        var ca = td == null ? null : td.getCodeAction();
        return ca != null && Boolean.TRUE.equals(ca.getDisabledSupport());
    }

    /** The client applies document changes with file creation (else the action writes through the command). */
    private boolean clientCreatesFiles() {
        var ws = server.capabilities().getWorkspace();
        var we = ws == null ? null : ws.getWorkspaceEdit();
        return we != null
                && Boolean.TRUE.equals(we.getDocumentChanges())
                && we.getResourceOperations() != null
                && we.getResourceOperations().contains("create");
    }

    // ---- the source action -----------------------------------------------------------------

    /**
     * The "Generate service" action for a file: cheap (the generator does not run here). With
     * errors it is disabled with the reason; otherwise its edit is computed on resolve, or, for a
     * client that cannot resolve edits or create files, it runs the command.
     */
    CodeAction generateAction(FileContext ctx) {
        CodeAction action = new CodeAction(GENERATE_TITLE);
        action.setKind(GENERATE_KIND);
        String uri = server.uriOf(ctx.analysis().program().root());
        Optional<String> refusal = Generation.refusal(ctx.analysis(), server.generationSettings());
        if (refusal.isPresent() && clientShowsDisabled()) {
            action.setDisabled(new CodeActionDisabled(refusal.get()));
        } else if (refusal.isEmpty() && clientResolvesEdits() && clientCreatesFiles()) {
            JsonObject data = new JsonObject();
            data.addProperty("uri", uri);
            action.setData(data);
        } else {
            // the command explains a refusal through window/showMessage
            action.setCommand(new Command(GENERATE_TITLE, GENERATE, List.of(uri)));
        }
        return action;
    }

    /** Resolves the action's edit: runs the generator off the request thread; a refusal is shown as a message. */
    CompletableFuture<CodeAction> resolve(CodeAction action) {
        Optional<String> uri = argumentUri(action.getData());
        if (uri.isEmpty() || action.getEdit() != null) {
            return CompletableFuture.completedFuture(action);
        }
        return server.generation(
                "resolving " + GENERATE_TITLE + " for " + uri.get(), () -> action, (snap, cancelled) -> {
                    Optional<FileContext> ctx =
                            BlueprintServer.toPath(uri.get()).flatMap(snap::context);
                    if (ctx.isEmpty()) {
                        return action;
                    }
                    Generation.Settings settings = server.generationSettings();
                    Pipeline.Plan plan = Generation.plan(ctx.get(), settings, cancelled);
                    if (plan instanceof Pipeline.Refused r) {
                        message(MessageType.Warning, Generation.reason(ctx.get().analysis(), r));
                        return action;
                    }
                    Path project = Generation.projectOf(ctx.get(), settings, server.roots());
                    action.setEdit(edit(Generation.changes((Pipeline.Ready) plan, project, Workspace::readDisk)));
                    return action;
                });
    }

    /** The changes as document changes: each new file created, then filled; each changed file replaced whole. */
    WorkspaceEdit edit(List<Generation.FileChange> changes) {
        List<Either<TextDocumentEdit, ResourceOperation>> out = new ArrayList<>();
        for (Generation.FileChange c : changes) {
            String uri = c.file().toUri().toString();
            Range range;
            if (c.current().isEmpty()) {
                CreateFileOptions options = new CreateFileOptions(false, true);
                out.add(Either.forRight(new CreateFile(uri, options)));
                range = new Range(new Position(0, 0), new Position(0, 0));
            } else {
                range = new Positions(c.current().get())
                        .range(new Span(0, c.current().get().length()));
            }
            out.add(Either.forLeft(new TextDocumentEdit(
                    new VersionedTextDocumentIdentifier(uri, null), List.of(new TextEdit(range, c.text())))));
        }
        return new WorkspaceEdit(out);
    }

    // ---- the command -----------------------------------------------------------------------

    /**
     * {@value #GENERATE} URI: generates the blueprint's project into the configured output folder,
     * reporting progress; refuses with a message when the blueprint has errors. Answers
     * {@code {generated, folder, files}} or {@code {generated: false, reason}}.
     */
    CompletableFuture<Object> execute(ExecuteCommandParams params) {
        Optional<String> uri =
                params.getArguments() == null || params.getArguments().isEmpty()
                        ? Optional.empty()
                        : argumentUri(params.getArguments().get(0));
        if (uri.isEmpty()) {
            String reason = GENERATE + " needs the blueprint's URI as its argument";
            message(MessageType.Error, reason);
            return CompletableFuture.completedFuture(result(false, reason, null, 0));
        }
        Either<String, Integer> clientToken = params.getWorkDoneToken();
        return server.generation(
                GENERATE + " " + uri.get(),
                () -> result(false, "generation failed; see the log", null, 0),
                (snap, cancelled) -> generate(snap, uri.get(), clientToken, cancelled));
    }

    private Map<String, Object> generate(
            Snapshot snap, String uri, Either<String, Integer> clientToken, BooleanSupplier cancelled) {
        Progress progress = progress(clientToken);
        progress.begin("Generating the service", uri.substring(uri.lastIndexOf('/') + 1));
        String ended = "Generation stopped"; // cancelled, or failed (logged)
        try {
            Optional<FileContext> ctx = BlueprintServer.toPath(uri).flatMap(snap::context);
            if (ctx.isEmpty()) {
                String reason = "Cannot generate the service: " + uri + " is not a blueprint in the workspace.";
                message(MessageType.Error, reason);
                ended = reason;
                return result(false, reason, null, 0);
            }
            Generation.Settings settings = server.generationSettings();
            Pipeline.Plan plan = Generation.plan(ctx.get(), settings, cancelled);
            if (plan instanceof Pipeline.Refused r) {
                String reason = Generation.reason(ctx.get().analysis(), r);
                message(MessageType.Warning, reason);
                ended = reason;
                return result(false, reason, null, 0);
            }
            Pipeline.Ready ready = (Pipeline.Ready) plan;
            Path project = Generation.projectOf(ctx.get(), settings, server.roots());
            progress.report("Writing " + ready.files().size() + " files into " + project, 60);
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException();
            }
            try {
                ProjectWriter.write(ready.files(), project);
            } catch (IOException | RuntimeException e) {
                String reason = "Cannot write the service into " + project + ": " + e.getMessage();
                message(MessageType.Error, reason);
                ended = reason;
                return result(false, reason, null, 0);
            }
            ended = "Generated " + ready.files().size() + " files into " + project;
            message(MessageType.Info, ended);
            server.scheduleDiagnostics(0); // the stale-project diagnostic goes
            return result(true, null, project, ready.files().size());
        } finally {
            progress.end(ended);
        }
    }

    private static Map<String, Object> result(boolean generated, String reason, Path folder, int files) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated", generated);
        if (reason != null) {
            out.put("reason", reason);
        }
        if (folder != null) {
            out.put("folder", folder.toString());
            out.put("files", files);
        }
        return out;
    }

    /** A URI argument: a string, or an object with a {@code uri} (as lenses and actions send it back). */
    private static Optional<String> argumentUri(Object arg) {
        if (arg instanceof String s) {
            return Optional.of(s);
        }
        JsonElement e =
                arg instanceof JsonElement j ? j : arg == null ? null : new com.google.gson.Gson().toJsonTree(arg);
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return Optional.of(e.getAsString());
        }
        if (e != null
                && e.isJsonObject()
                && e.getAsJsonObject().has("uri")
                && e.getAsJsonObject().get("uri").isJsonPrimitive()) {
            return Optional.of(e.getAsJsonObject().get("uri").getAsString());
        }
        return Optional.empty();
    }

    private void message(MessageType type, String text) {
        LanguageClient c = server.client();
        if (c != null) {
            c.showMessage(new MessageParams(type, text));
        }
    }

    /** Work-done progress: the client's token, else one the server creates when the client supports it, else nothing. */
    private Progress progress(Either<String, Integer> clientToken) {
        LanguageClient c = server.client();
        if (c == null) {
            return new Progress(null, null);
        }
        if (clientToken != null) {
            return new Progress(c, clientToken);
        }
        var window = server.capabilities().getWindow();
        if (window == null || !Boolean.TRUE.equals(window.getWorkDoneProgress())) {
            return new Progress(null, null);
        }
        Either<String, Integer> token = Either.forLeft("blueprint-generate-" + progressTokens.incrementAndGet());
        try {
            c.createProgress(new WorkDoneProgressCreateParams(token)).get(5, TimeUnit.SECONDS);
            return new Progress(c, token);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Progress(null, null); // the client refused the token: no progress
        }
    }

    private record Progress(LanguageClient client, Either<String, Integer> token) {
        void begin(String title, String message) {
            if (client != null) {
                WorkDoneProgressBegin b = new WorkDoneProgressBegin();
                b.setTitle(title);
                b.setMessage(message);
                b.setCancellable(false);
                b.setPercentage(0);
                client.notifyProgress(new ProgressParams(token, Either.forLeft(b)));
            }
        }

        void report(String message, int percentage) {
            if (client != null) {
                WorkDoneProgressReport r = new WorkDoneProgressReport();
                r.setMessage(message);
                r.setPercentage(percentage);
                client.notifyProgress(new ProgressParams(token, Either.forLeft(r)));
            }
        }

        void end(String message) {
            if (client != null) {
                WorkDoneProgressEnd e = new WorkDoneProgressEnd();
                e.setMessage(message);
                client.notifyProgress(new ProgressParams(token, Either.forLeft(e)));
            }
        }
    }

    // ---- lenses and diagnostics ------------------------------------------------------------

    /** "Generate service" and "Run service" over each service declaration of the file. */
    List<CodeLens> lenses(FileContext ctx, Positions pos) {
        List<CodeLens> out = new ArrayList<>();
        String uri = server.uriOf(ctx.path());
        for (ServiceDecl s : ctx.file().decls(ServiceDecl.class)) {
            Range at = pos.range(s.name().isMissing() ? s.span() : s.name().span());
            out.add(new CodeLens(at, new Command("Generate service", GENERATE, List.of(uri)), null));
            out.add(new CodeLens(at, new Command("Run service", RUN, List.of(uri)), null));
        }
        return out;
    }

    /** BP0601 for a program's root file whose generated project (in the output folder) is stale. */
    Optional<Diagnostic> staleness(Snapshot snap, Path file) {
        if (!snap.rootsOf(file).contains(file)) {
            return Optional.empty();
        }
        Path project =
                Generation.projectFolder(file, server.generationSettings().outputFolder(), server.roots());
        return Generation.staleness(snap.analysisOfRoot(file), project, Workspace::readDisk);
    }
}
