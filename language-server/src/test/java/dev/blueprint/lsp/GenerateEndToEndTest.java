package dev.blueprint.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonPrimitive;
import dev.blueprint.codegen.Generator;
import dev.blueprint.codegen.spec.Specs;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generating over real JSON-RPC: the source action resolves to a WorkspaceEdit whose files are
 * the generator's; it is disabled with the reason while the blueprint has errors; the command
 * writes the project with progress; the stale-project diagnostic comes after an edit and goes
 * after generating again.
 */
@Timeout(120)
class GenerateEndToEndTest {
    @TempDir
    Path dir;

    private static ClientCapabilities capabilities() {
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        ws.setConfiguration(true);
        WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
        edits.setDocumentChanges(true);
        edits.setResourceOperations(List.of(ResourceOperationKind.Create));
        ws.setWorkspaceEdit(edits);
        caps.setWorkspace(ws);
        TextDocumentClientCapabilities td = new TextDocumentClientCapabilities();
        CodeActionCapabilities ca = new CodeActionCapabilities();
        ca.setResolveSupport(new CodeActionResolveSupportCapabilities(List.of("edit")));
        ca.setDisabledSupport(true);
        td.setCodeAction(ca);
        caps.setTextDocument(td);
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        caps.setWindow(window);
        return caps;
    }

    private Map<String, String> expected(Path main) throws Exception {
        Analysis a = new Analyzer().analyze(main, p -> {
            try {
                return Optional.of(Files.readString(p));
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        });
        return Generator.generate(Specs.from(a).withJavaPackage("com.example.inv"));
    }

    private static Map<String, String> onDisk(Path project) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(project)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(project.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return out;
    }

    private static com.google.gson.JsonObject json(Object answer) {
        return answer instanceof com.google.gson.JsonObject o
                ? o
                : new com.google.gson.Gson().toJsonTree(answer).getAsJsonObject();
    }

    @Test
    void generateFromTheEditor() throws Exception {
        Files.writeString(dir.resolve("common.blueprint"), EndToEndTest.COMMON);
        Path main = dir.resolve("main.blueprint");
        Files.writeString(main, EndToEndTest.MAIN);
        Path project = dir.resolve("out").resolve("main");
        TestClient c = new TestClient();
        c.settings.add("outputFolder", new JsonPrimitive("out"));
        c.settings.add("javaPackage", new JsonPrimitive("com.example.inv"));

        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "ws")));
        init.setCapabilities(capabilities());
        InitializeResult result = c.server.initialize(init).get(20, TimeUnit.SECONDS);
        assertThat(result.getCapabilities().getExecuteCommandProvider().getCommands())
                .containsExactly(ServiceCommands.GENERATE, ValidateHandler.COMMAND);
        assertThat(result.getCapabilities().getCodeActionProvider().getRight().getResolveProvider())
                .isTrue();
        c.server.initialized(new InitializedParams());
        String mainUri = TestClient.uri(main);
        c.awaitDiagnostics(mainUri, p -> p.getDiagnostics().isEmpty(), 20);
        var ts = c.server.getTextDocumentService();
        var id = new TextDocumentIdentifier(mainUri);
        ts.didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(mainUri, "blueprint-service", 1, EndToEndTest.MAIN)));

        // code lenses: generate (the server's command) and run (the client's), with the blueprint's URI
        List<? extends CodeLens> lenses = ts.codeLens(new CodeLensParams(id)).get(10, TimeUnit.SECONDS);
        assertThat(lenses)
                .extracting(l -> l.getCommand().getCommand())
                .contains(ServiceCommands.GENERATE, "blueprint.runService");
        CodeLens generateLens = lenses.stream()
                .filter(l -> l.getCommand().getCommand().equals(ServiceCommands.GENERATE))
                .findFirst()
                .orElseThrow();
        assertThat(generateLens.getCommand().getArguments()).hasSize(1);
        assertThat(lenses)
                .extracting(l -> l.getCommand().getTitle())
                .contains("Generate service", "Run service", "10 endpoints · 2 entities");

        // the source action: cheap to list, its edit computed on resolve
        CodeActionContext onlyGenerate = new CodeActionContext(List.of(), List.of(CodeActionKind.Source));
        CodeAction action = ts
                .codeAction(new CodeActionParams(id, new Range(new Position(0, 0), new Position(0, 0)), onlyGenerate))
                .get(10, TimeUnit.SECONDS)
                .stream()
                .map(Either::getRight)
                .filter(a -> a.getTitle().equals("Generate service"))
                .findFirst()
                .orElseThrow();
        assertThat(action.getKind()).isEqualTo("source.generate");
        assertThat(action.getEdit()).isNull();
        assertThat(action.getDisabled()).isNull();
        CodeAction resolved = ts.resolveCodeAction(action).get(60, TimeUnit.SECONDS);
        Map<String, String> expected = expected(main);
        Map<String, String> fromEdit = new TreeMap<>();
        List<String> created = new java.util.ArrayList<>();
        for (Either<TextDocumentEdit, ResourceOperation> change :
                resolved.getEdit().getDocumentChanges()) {
            if (change.isRight()) {
                created.add(((CreateFile) change.getRight()).getUri());
                continue;
            }
            TextDocumentEdit e = change.getLeft();
            assertThat(created)
                    .as("each file is created before it is filled")
                    .contains(e.getTextDocument().getUri());
            assertThat(e.getEdits()).hasSize(1);
            assertThat(e.getEdits().get(0).getRange()).isEqualTo(new Range(new Position(0, 0), new Position(0, 0)));
            Path p = Path.of(java.net.URI.create(e.getTextDocument().getUri()));
            fromEdit.put(
                    project.relativize(p).toString().replace('\\', '/'),
                    e.getEdits().get(0).getNewText());
        }
        assertThat(fromEdit).isEqualTo(expected);
        assertThat(Files.exists(project)).as("the action itself writes nothing").isFalse();

        // with an error, the action is disabled and says why
        ts.didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(mainUri, 2),
                List.of(new TextDocumentContentChangeEvent(
                        new Range(new Position(5, 8), new Position(5, 12)), "Wear"))));
        c.awaitDiagnostics(
                mainUri,
                p -> p.getDiagnostics().stream()
                        .anyMatch(d -> d.getCode().getLeft().equals("BP0102")),
                20);
        CodeAction refused = ts
                .codeAction(new CodeActionParams(id, new Range(new Position(0, 0), new Position(0, 0)), onlyGenerate))
                .get(10, TimeUnit.SECONDS)
                .stream()
                .map(Either::getRight)
                .filter(a -> a.getTitle().equals("Generate service"))
                .findFirst()
                .orElseThrow();
        assertThat(refused.getDisabled().getReason()).contains("1 error").contains("Wearhouse");
        assertThat(refused.getEdit()).isNull();
        // the command refuses too, with a message, and writes nothing
        Object answer = c.server
                .getWorkspaceService()
                .executeCommand(new ExecuteCommandParams(ServiceCommands.GENERATE, List.of(mainUri)))
                .get(60, TimeUnit.SECONDS);
        assertThat(json(answer).get("generated").getAsBoolean()).isFalse();
        assertThat(json(answer).get("reason").getAsString()).contains("Wearhouse");
        assertThat(c.messages.toString()).contains("Cannot generate the service");
        assertThat(Files.exists(project)).isFalse();

        // fixed: the command writes the project and reports progress
        ts.didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(mainUri, 3),
                List.of(new TextDocumentContentChangeEvent(
                        new Range(new Position(5, 8), new Position(5, 17)), "Warehouse"))));
        c.awaitDiagnostics(mainUri, p -> p.getDiagnostics().isEmpty(), 20);
        c.progress.clear();
        JsonArray args = new JsonArray();
        args.add(mainUri);
        answer = c.server
                .getWorkspaceService()
                .executeCommand(new ExecuteCommandParams(ServiceCommands.GENERATE, List.of(args.get(0))))
                .get(60, TimeUnit.SECONDS);
        assertThat(json(answer).get("generated").getAsBoolean()).isTrue();
        assertThat(json(answer).get("folder").getAsString()).isEqualTo(project.toString());
        assertThat(onDisk(project)).isEqualTo(expected);
        assertThat(c.progress)
                .hasAtLeastOneElementOfType(WorkDoneProgressBegin.class)
                .hasAtLeastOneElementOfType(WorkDoneProgressReport.class);
        assertThat(c.progress.get(c.progress.size() - 1))
                .isInstanceOfSatisfying(
                        WorkDoneProgressEnd.class,
                        e -> assertThat(e.getMessage()).contains("Generated " + expected.size() + " files"));

        // an edit makes the project stale (an information diagnostic on the service's name) ...
        ts.didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(mainUri, 4),
                List.of(new TextDocumentContentChangeEvent(
                        new Range(new Position(6, 0), new Position(6, 0)), "  note: text?\n"))));
        PublishDiagnosticsParams stale = c.awaitDiagnostics(
                mainUri,
                p -> p.getDiagnostics().stream()
                        .anyMatch(d -> d.getCode().getLeft().equals("BP0601")),
                20,
                "BP0601");
        Diagnostic d = stale.getDiagnostics().stream()
                .filter(x -> x.getCode().getLeft().equals("BP0601"))
                .findFirst()
                .orElseThrow();
        assertThat(d.getSeverity()).isEqualTo(DiagnosticSeverity.Information);
        assertThat(d.getRange()).isEqualTo(new Range(new Position(1, 8), new Position(1, 11)));
        assertThat(stale.getDiagnostics()).hasSize(1);

        // ... and generating again makes it go
        c.server
                .getWorkspaceService()
                .executeCommand(new ExecuteCommandParams(ServiceCommands.GENERATE, List.of(mainUri)))
                .get(60, TimeUnit.SECONDS);
        c.awaitDiagnostics(mainUri, p -> p.getDiagnostics().isEmpty(), 20, "no diagnostics after generating again");
        assertThat(onDisk(project).values()).anyMatch(t -> t.contains("note"));

        // hiding BP0601 hides it
        ts.didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(mainUri, 5),
                List.of(new TextDocumentContentChangeEvent(
                        new Range(new Position(6, 0), new Position(6, 0)), "  more: text?\n"))));
        c.awaitDiagnostics(
                mainUri,
                p -> p.getDiagnostics().stream()
                        .anyMatch(x -> x.getCode().getLeft().equals("BP0601")),
                20,
                "BP0601");
        JsonArray hidden = new JsonArray();
        hidden.add("BP0601");
        c.settings.add("hiddenCodes", hidden);
        c.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(c.settings));
        c.awaitDiagnostics(mainUri, p -> p.getDiagnostics().isEmpty(), 20, "BP0601 hidden");

        c.server.shutdown().get(10, TimeUnit.SECONDS);
        c.server.exit();
        assertThat(c.exitCode.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(c.serverErr.toString()).doesNotContain("failed");
    }
}
