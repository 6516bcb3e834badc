package dev.blueprint.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.blueprint.validate.Report;
import dev.blueprint.validate.ValidateOptions;
import dev.blueprint.validate.Validation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.ShowDocumentParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The "Validate" command ({@value #COMMAND}): runs {@code blueprint validate} ({@link Validation#validate}, with
 * {@link ValidateOptions}' defaults) on a saved blueprint, one at a time
 * on its own thread (a validation takes tens of seconds; it never occupies the request pool), shows its steps as
 * work-done progress, and ends with a message that links the HTML report. Arguments: the file's URI, and optionally
 * an object {@code {"connections": N, "duration": "20s", "database": "jdbc:postgresql://…"}}. Answers
 * {@code {passed, exitCode, report, json, summary}}.
 */
final class ValidateHandler {
    static final String COMMAND = "blueprint.validate";

    private final BlueprintServer server;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "blueprint-validate");
        t.setDaemon(true);
        return t;
    });

    ValidateHandler(BlueprintServer server) {
        this.server = server;
    }

    CompletableFuture<Object> execute(List<Object> arguments) {
        Path file;
        ValidateOptions options;
        try {
            file = fileArgument(arguments);
            JsonObject settings =
                    arguments.size() > 1 && arguments.get(1) instanceof JsonObject o ? o : new JsonObject();
            ValidateOptions defaults = ValidateOptions.defaults(
                    ValidateOptions.defaultReports(file.toAbsolutePath().getParent(), file));
            options = new ValidateOptions(
                    settings.has("connections") ? settings.get("connections").getAsInt() : defaults.connections(),
                    settings.has("duration")
                            ? ValidateOptions.duration(settings.get("duration").getAsString())
                            : defaults.duration(),
                    settings.has("database")
                            ? Optional.of(settings.get("database").getAsString())
                            : defaults.database(),
                    defaults.databaseUser(),
                    defaults.databasePassword(),
                    defaults.reports(),
                    defaults.requestTimeout(),
                    defaults.startupTimeout());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new ResponseErrorException(
                    new ResponseError(ResponseErrorCode.InvalidParams, COMMAND + ": " + e.getMessage(), null)));
        }
        return CompletableFuture.supplyAsync(() -> run(file, options), runner);
    }

    private static Path fileArgument(List<Object> arguments) {
        if (arguments == null || arguments.isEmpty())
            throw new IllegalArgumentException("needs the blueprint's URI as its argument");
        Object first = arguments.get(0);
        String uri = first instanceof JsonPrimitive p && p.isString()
                ? p.getAsString()
                : first instanceof String s ? s : first instanceof JsonElement e ? e.toString() : String.valueOf(first);
        return BlueprintServer.toPath(uri)
                .orElseThrow(() -> new IllegalArgumentException("'" + uri + "' is not a file URI"));
    }

    private Object run(Path file, ValidateOptions options) {
        Progress progress = new Progress(
                server.client(),
                server.supportsWorkDoneProgress(),
                file.getFileName().toString());
        progress.begin();
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            Validation.Outcome outcome = Validation.validate(file, options, progress);
            result.put("exitCode", outcome.exitCode());
            if (outcome.report().isEmpty()) {
                String message = "blueprint validate: " + outcome.problems().strip();
                result.put("passed", false);
                result.put("summary", message);
                progress.end("cannot read the blueprint");
                show(MessageType.Error, message, Optional.empty());
                return result;
            }
            Report report = outcome.report().get();
            long passed = report.steps().stream().filter(Report.Step::passed).count();
            String summary = report.service() + " " + report.version() + ": validate "
                    + (report.passed() ? "PASSED" : "FAILED") + " ("
                    + passed + " of " + report.steps().size() + " steps passed"
                    + report.steps().stream()
                            .filter(s -> s.status() == Report.Status.FAILED)
                            .findFirst()
                            .map(s -> "; " + s.title() + ": "
                                    + s.reason().lines().findFirst().orElse(""))
                            .orElse("")
                    + ")";
            String html = outcome.html().toAbsolutePath().toUri().toString();
            result.put("passed", report.passed());
            result.put("report", html);
            result.put("json", outcome.json().toAbsolutePath().toUri().toString());
            result.put("summary", summary);
            progress.end(report.passed() ? "passed" : "failed");
            show(
                    report.passed() ? MessageType.Info : MessageType.Warning,
                    summary + " — report: " + html,
                    Optional.of(html));
            return result;
        } catch (Exception e) {
            progress.end("failed");
            server.logError("validate " + file, e);
            throw new ResponseErrorException(
                    new ResponseError(ResponseErrorCode.InternalError, "blueprint validate failed: " + e, null));
        }
    }

    /** The summary as a message; with "Open report" when the client can open documents for the server. */
    private void show(MessageType type, String message, Optional<String> report) {
        LanguageClient c = server.client();
        if (c == null) return;
        if (report.isPresent() && server.supportsShowDocument()) {
            ShowMessageRequestParams request =
                    new ShowMessageRequestParams(List.of(new MessageActionItem("Open report")));
            request.setType(type);
            request.setMessage(message);
            c.showMessageRequest(request)
                    .thenAccept(choice -> {
                        if (choice != null && "Open report".equals(choice.getTitle())) {
                            ShowDocumentParams show = new ShowDocumentParams(report.get());
                            show.setExternal(true);
                            c.showDocument(show);
                        }
                    })
                    .exceptionally(e -> null);
        } else {
            c.showMessage(new MessageParams(type, message));
        }
    }

    void shutdown() {
        runner.shutdownNow();
    }

    /** Work-done progress: a step per validation step. */
    private static final class Progress implements Validation.Progress {
        private final LanguageClient client;
        private final boolean enabled;
        private final String title;
        private final Either<String, Integer> token = Either.forLeft("blueprint-validate-" + UUID.randomUUID());
        private volatile String step = "";
        private volatile int done;

        Progress(LanguageClient client, boolean enabled, String file) {
            this.client = client;
            this.enabled = enabled && client != null;
            this.title = "Validating " + file;
        }

        void begin() {
            if (!enabled) return;
            client.createProgress(new WorkDoneProgressCreateParams(token)).join();
            WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
            begin.setTitle(title);
            begin.setPercentage(0);
            client.notifyProgress(new ProgressParams(token, Either.forLeft(begin)));
        }

        @Override
        public void step(String id, String stepTitle) {
            step = stepTitle;
            report(stepTitle);
        }

        @Override
        public void update(String line) {
            report(step + ": " + line);
        }

        @Override
        public void done(Report.Step finished) {
            done++;
            report(finished.title() + " " + Report.mark(finished.status()).toLowerCase(java.util.Locale.ROOT));
        }

        private void report(String message) {
            if (!enabled) return;
            WorkDoneProgressReport report = new WorkDoneProgressReport();
            report.setMessage(message);
            report.setPercentage(Math.min(100, done * 100 / 6));
            client.notifyProgress(new ProgressParams(token, Either.forLeft(report)));
        }

        void end(String message) {
            if (!enabled) return;
            WorkDoneProgressEnd end = new WorkDoneProgressEnd();
            end.setMessage(message);
            client.notifyProgress(new ProgressParams(token, Either.forLeft(end)));
        }
    }
}
