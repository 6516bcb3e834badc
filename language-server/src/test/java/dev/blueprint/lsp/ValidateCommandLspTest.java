package dev.blueprint.lsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Validate" code lens and command: the lens sits on the service, the command runs validate and links the report. */
class ValidateCommandLspTest {

    static final String TASKS = """
      service Tasks { version "1.0.0" }
      enum Status { OPEN, DONE }
      entity Task {
        id: uuid @key
        title: string(200) @length(1..200)
        status: Status = OPEN
      }
      api "/api" { resource "/tasks" Task }
      """;

    @TempDir
    Path dir;

    @Test
    void theLensRunsValidateWhichShowsProgressAndLinksTheReport() throws Exception {
        Path file = dir.resolve("tasks.blueprint");
        Files.writeString(file, TASKS);
        TestClient c = new TestClient();
        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "ws")));
        ClientCapabilities caps = new ClientCapabilities();
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        caps.setWindow(window);
        init.setCapabilities(caps);
        InitializeResult result = c.server.initialize(init).get(20, TimeUnit.SECONDS);
        assertThat(result.getCapabilities().getExecuteCommandProvider().getCommands())
                .contains("blueprint.validate");
        c.server.initialized(new InitializedParams());
        String uri = TestClient.uri(file);
        c.server
                .getTextDocumentService()
                .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "blueprint", 1, TASKS)));

        List<? extends CodeLens> lenses = c.server
                .getTextDocumentService()
                .codeLens(new CodeLensParams(new TextDocumentIdentifier(uri)))
                .get(10, TimeUnit.SECONDS);
        CodeLens validate = lenses.stream()
                .filter(l -> l.getCommand().getCommand().equals("blueprint.validate"))
                .findFirst()
                .orElseThrow();
        assertThat(validate.getCommand().getTitle()).contains("Validate");
        assertThat(validate.getRange().getStart().getLine()).isZero();

        JsonObject quick = new JsonObject();
        quick.addProperty("connections", 8);
        quick.addProperty("duration", "1s");
        Object answer = c.server
                .getWorkspaceService()
                .executeCommand(new ExecuteCommandParams(
                        "blueprint.validate",
                        List.of(validate.getCommand().getArguments().get(0), quick)))
                .get(120, TimeUnit.SECONDS);
        @SuppressWarnings("unchecked")
        Map<String, Object> outcome =
                new com.google.gson.Gson().fromJson(new com.google.gson.Gson().toJson(answer), Map.class);
        assertThat(outcome.get("passed")).as(c.messages.toString()).isEqualTo(true);
        assertThat(((Number) outcome.get("exitCode")).intValue()).isZero();
        Path report = Paths.get(URI.create((String) outcome.get("report")));
        assertThat(report).exists().hasFileName("report.html").startsWith(dir.resolve(".blueprint"));
        assertThat(Files.readString(report)).contains("<svg");
        assertThat(c.messages.toString())
                .contains("Tasks 1.0.0: validate PASSED (6 of 6 steps passed)")
                .contains("report.html");
        assertThat(c.progress).anyMatch(p -> p instanceof WorkDoneProgressEnd);
        assertThat(c.progress.toString()).contains("load");
    }

    @Test
    void aBadArgumentIsAnErrorNamingIt() throws Exception {
        TestClient c = new TestClient();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        c.server.initialize(init).get(20, TimeUnit.SECONDS);
        assertThatThrownBy(() -> c.server
                        .getWorkspaceService()
                        .executeCommand(new ExecuteCommandParams(
                                "blueprint.validate", List.of("http://example.com/x.blueprint")))
                        .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("is not a file URI");
        assertThatThrownBy(() -> c.server
                        .getWorkspaceService()
                        .executeCommand(new ExecuteCommandParams("blueprint.nothing", List.of()))
                        .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("unknown command 'blueprint.nothing'");
    }
}
