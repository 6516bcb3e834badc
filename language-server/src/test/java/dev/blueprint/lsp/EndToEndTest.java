package dev.blueprint.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server over real JSON-RPC: initialize, open, edit, diagnostics arrive, every feature answers, shutdown and exit. */
@Timeout(60)
class EndToEndTest {
    static final String COMMON = """
      enum Unit { PIECE, KILO }
      entity Warehouse {
        id: long @key
        code: string(8)
      }
      """;
    static final String MAIN = """
      import "common.blueprint"
      service Inv { version "1.0.0" }
      entity Item {
        id: uuid @key
        unit: Unit = PIECE
        home: Warehouse
        weight: decimal(10, 2) @range(0..1000)
      }
      api "/v1" {
        resource "/items" Item
        resource "/warehouses" Warehouse
      }
      """;

    @TempDir
    Path dir;

    @Test
    void aWholeSession() throws Exception {
        Files.writeString(dir.resolve("common.blueprint"), COMMON);
        Path main = dir.resolve("main.blueprint");
        Files.writeString(main, MAIN);
        Path lone = dir.resolve("sub").resolve("lone.blueprint");
        Files.createDirectories(lone.getParent());
        Files.writeString(lone, "enum A { X }\n");
        TestClient c = new TestClient();

        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "ws")));
        init.setCapabilities(new ClientCapabilities());
        InitializeResult result = c.server.initialize(init).get(20, TimeUnit.SECONDS);
        assertThat(result.getCapabilities().getTextDocumentSync().getLeft())
                .isEqualTo(TextDocumentSyncKind.Incremental);
        assertThat(result.getCapabilities()
                        .getSemanticTokensProvider()
                        .getLegend()
                        .getTokenTypes())
                .contains("class", "enumMember", "decorator");
        c.server.initialized(new InitializedParams());

        // workspace files are checked without being opened; the imported file through its importer
        String mainUri = TestClient.uri(main);
        String commonUri = TestClient.uri(dir.resolve("common.blueprint"));
        c.awaitDiagnostics(mainUri, p -> p.getDiagnostics().isEmpty(), 20);
        c.awaitDiagnostics(commonUri, p -> p.getDiagnostics().isEmpty(), 20);
        c.awaitDiagnostics(
                TestClient.uri(lone),
                p -> p.getDiagnostics().stream()
                        .anyMatch(d -> d.getCode().getLeft().equals("BP0106")),
                20);

        // open and edit incrementally: break a type name
        var doc = new TextDocumentItem(mainUri, "blueprint", 1, MAIN);
        c.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(doc));
        int line = 5; // "  home: Warehouse"
        var change =
                new TextDocumentContentChangeEvent(new Range(new Position(line, 8), new Position(line, 12)), "Wear");
        c.server
                .getTextDocumentService()
                .didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(mainUri, 2), List.of(change)));
        PublishDiagnosticsParams broken = c.awaitDiagnostics(
                mainUri,
                p -> p.getDiagnostics().stream()
                        .anyMatch(d -> d.getCode().getLeft().equals("BP0102")),
                20);
        Diagnostic unknown = broken.getDiagnostics().stream()
                .filter(d -> d.getCode().getLeft().equals("BP0102"))
                .findFirst()
                .orElseThrow();
        assertThat(unknown.getRange()).isEqualTo(new Range(new Position(5, 8), new Position(5, 17)));
        assertThat(unknown.getMessage()).contains("Wearhouse");

        var id = new TextDocumentIdentifier(mainUri);
        var ts = c.server.getTextDocumentService();

        // the quick fix from the did-you-mean
        var actions = ts.codeAction(
                        new CodeActionParams(id, unknown.getRange(), new CodeActionContext(List.of(unknown))))
                .get(10, TimeUnit.SECONDS);
        CodeAction fix = actions.stream()
                .map(Either::getRight)
                .filter(a -> a.getTitle().equals("Change to 'Warehouse'"))
                .findFirst()
                .orElseThrow();
        TextEdit edit = fix.getEdit().getChanges().get(mainUri).get(0);
        ts.didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(mainUri, 3),
                List.of(new TextDocumentContentChangeEvent(edit.getRange(), edit.getNewText()))));
        c.awaitDiagnostics(mainUri, p -> p.getDiagnostics().isEmpty(), 20);

        // pull diagnostics agree
        DocumentDiagnosticReport pulled =
                ts.diagnostic(new DocumentDiagnosticParams(id)).get(10, TimeUnit.SECONDS);
        assertThat(pulled.getLeft().getItems()).isEmpty();

        // completion: field types after the colon (line 6 is "  weight: decimal…")
        var completion =
                ts.completion(new CompletionParams(id, new Position(6, 10))).get(10, TimeUnit.SECONDS);
        assertThat(completion.getRight().getItems())
                .extracting(CompletionItem::getLabel)
                .contains("decimal", "Warehouse", "Unit");

        // hover on the reference to Warehouse
        var hover = ts.hover(new HoverParams(id, new Position(5, 10))).get(10, TimeUnit.SECONDS);
        assertThat(hover.getContents().getRight().getValue()).contains("entity Warehouse", "GET /v1/warehouses");

        // definition jumps into the imported file
        var def = ts.definition(new DefinitionParams(id, new Position(5, 10))).get(10, TimeUnit.SECONDS);
        assertThat(def.getLeft()).extracting(Location::getUri).containsExactly(commonUri);

        var refs = ts.references(new ReferenceParams(id, new Position(5, 10), new ReferenceContext(true)))
                .get(10, TimeUnit.SECONDS);
        assertThat(refs).hasSize(3);

        var highlights = ts.documentHighlight(new DocumentHighlightParams(id, new Position(5, 10)))
                .get(10, TimeUnit.SECONDS);
        assertThat(highlights).hasSize(2);

        var prepare = ts.prepareRename(new PrepareRenameParams(id, new Position(5, 10)))
                .get(10, TimeUnit.SECONDS);
        assertThat(prepare.getFirst()).isEqualTo(new Range(new Position(5, 8), new Position(5, 17)));
        var rename =
                ts.rename(new RenameParams(id, new Position(5, 10), "Depot")).get(10, TimeUnit.SECONDS);
        assertThat(rename.getChanges()).containsKeys(mainUri, commonUri);

        var symbols = ts.documentSymbol(new DocumentSymbolParams(id)).get(10, TimeUnit.SECONDS);
        assertThat(symbols).extracting(e -> e.getRight().getName()).contains("Inv", "Item", "api \"/v1\"");

        var ws = c.server
                .getWorkspaceService()
                .symbol(new WorkspaceSymbolParams("Ware"))
                .get(10, TimeUnit.SECONDS);
        assertThat(ws.getRight()).extracting(WorkspaceSymbol::getName).contains("Warehouse");

        var tokens = ts.semanticTokensFull(new SemanticTokensParams(id)).get(10, TimeUnit.SECONDS);
        assertThat(tokens.getData()).hasSizeGreaterThan(50);
        assertThat(tokens.getData().size() % 5).isZero();
        var delta = ts.semanticTokensFullDelta(new SemanticTokensDeltaParams(id, tokens.getResultId()))
                .get(10, TimeUnit.SECONDS);
        assertThat(delta.getRight().getEdits()).isEmpty(); // nothing changed since
        var range = ts.semanticTokensRange(
                        new SemanticTokensRangeParams(id, new Range(new Position(2, 0), new Position(3, 0))))
                .get(10, TimeUnit.SECONDS);
        assertThat(range.getData())
                .isNotEmpty()
                .hasSizeLessThan(tokens.getData().size());

        var folds = ts.foldingRange(new FoldingRangeRequestParams(id)).get(10, TimeUnit.SECONDS);
        assertThat(folds).extracting(FoldingRange::getStartLine).contains(2, 8);

        var sel = ts.selectionRange(new SelectionRangeParams(id, List.of(new Position(5, 10))))
                .get(10, TimeUnit.SECONDS);
        assertThat(sel.get(0).getRange()).isEqualTo(new Range(new Position(5, 8), new Position(5, 17)));
        assertThat(sel.get(0).getParent()).isNotNull();

        var hints = ts.inlayHint(new InlayHintParams(id, new Range(new Position(0, 0), new Position(20, 0))))
                .get(10, TimeUnit.SECONDS);
        assertThat(hints).extracting(h -> h.getLabel().getLeft()).anyMatch(l -> l.contains("POST /v1/items"));

        var lenses = ts.codeLens(new CodeLensParams(id)).get(10, TimeUnit.SECONDS);
        assertThat(lenses).extracting(l -> l.getCommand().getTitle()).contains("10 endpoints · 2 entities");

        var links = ts.documentLink(new DocumentLinkParams(id)).get(10, TimeUnit.SECONDS);
        assertThat(links).extracting(DocumentLink::getTarget).containsExactly(commonUri);

        var sig = ts.signatureHelp(new SignatureHelpParams(id, new Position(6, 33)))
                .get(10, TimeUnit.SECONDS);
        assertThat(sig.getSignatures())
                .extracting(SignatureInformation::getLabel)
                .containsExactly("@range(low..high)");

        var calls = ts.prepareCallHierarchy(new CallHierarchyPrepareParams(id, new Position(5, 10)))
                .get(10, TimeUnit.SECONDS);
        assertThat(calls).extracting(CallHierarchyItem::getName).containsExactly("Warehouse");
        var incoming = ts.callHierarchyIncomingCalls(new CallHierarchyIncomingCallsParams(calls.get(0)))
                .get(10, TimeUnit.SECONDS);
        assertThat(incoming)
                .extracting(call -> call.getFrom().getName())
                .containsExactly("resource /warehouses", "Item");

        // formatting a messy document gives the canonical text
        ts.didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(mainUri, 4),
                List.of(new TextDocumentContentChangeEvent(new Range(new Position(1, 0), new Position(1, 0)), "   "))));
        var formatted = ts.formatting(new DocumentFormattingParams(id, new FormattingOptions(2, true)))
                .get(10, TimeUnit.SECONDS);
        assertThat(formatted).hasSize(1);
        assertThat(formatted.get(0).getNewText()).contains("\nservice Inv {");

        // a file changed on disk is picked up
        Files.writeString(dir.resolve("common.blueprint"), COMMON.replace("code: string(8)", "code: strin(8)"));
        c.server
                .getWorkspaceService()
                .didChangeWatchedFiles(
                        new DidChangeWatchedFilesParams(List.of(new FileEvent(commonUri, FileChangeType.Changed))));
        c.awaitDiagnostics(commonUri, p -> p.getDiagnostics().size() == 1, 20);

        // closing falls back to the disk
        ts.didClose(new DidCloseTextDocumentParams(id));
        c.awaitDiagnostics(mainUri, p -> p.getDiagnostics().isEmpty(), 20);

        c.server.shutdown().get(10, TimeUnit.SECONDS);
        c.server.exit();
        assertThat(c.exitCode.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(c.serverErr.toString()).doesNotContain("failed");
    }

    @Test
    void settingsHideCodesAndTheFirstCheckReportsProgress() throws Exception {
        Path lone = dir.resolve("lone.blueprint");
        Files.writeString(lone, "enum A { X }\n");
        TestClient c = new TestClient();
        com.google.gson.JsonObject settings = new com.google.gson.JsonObject();
        com.google.gson.JsonArray hidden = new com.google.gson.JsonArray();
        hidden.add("BP0106");
        settings.add("hiddenCodes", hidden);
        c.settings = settings;
        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "ws")));
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        ws.setConfiguration(true);
        caps.setWorkspace(ws);
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        caps.setWindow(window);
        init.setCapabilities(caps);
        c.server.initialize(init).get(20, TimeUnit.SECONDS);
        c.server.initialized(new InitializedParams());
        c.awaitDiagnostics(TestClient.uri(lone), p -> p.getDiagnostics().isEmpty(), 20);
        c.await(() -> c.progress.size() >= 2, 10);
        assertThat(c.progress).hasSize(2);
        assertThat(c.progress.get(0)).isInstanceOf(WorkDoneProgressBegin.class);
        assertThat(c.progress.get(1)).isInstanceOf(WorkDoneProgressEnd.class);
        // without the setting, the same file has its missing-service error
        c.settings = new com.google.gson.JsonObject();
        c.server
                .getWorkspaceService()
                .didChangeConfiguration(new DidChangeConfigurationParams(new com.google.gson.JsonObject()));
        c.awaitDiagnostics(TestClient.uri(lone), p -> p.getDiagnostics().size() == 1, 20);
        c.server.shutdown().get(10, TimeUnit.SECONDS);
        c.server.exit();
        assertThat(c.exitCode.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aPullingClientGetsThePullProviderAndRefreshesInsteadOfPushes() throws Exception {
        Path main = dir.resolve("main.blueprint");
        Files.writeString(dir.resolve("common.blueprint"), COMMON);
        Files.writeString(main, MAIN);
        TestClient c = new TestClient();
        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "ws")));
        ClientCapabilities caps = new ClientCapabilities();
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        text.setDiagnostic(new DiagnosticCapabilities());
        caps.setTextDocument(text);
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        ws.setDiagnostics(new DiagnosticWorkspaceCapabilities(true));
        caps.setWorkspace(ws);
        init.setCapabilities(caps);
        InitializeResult result = c.server.initialize(init).get(20, TimeUnit.SECONDS);
        assertThat(result.getCapabilities().getDiagnosticProvider()).isNotNull();
        c.server.initialized(new InitializedParams());
        String commonUri = TestClient.uri(dir.resolve("common.blueprint"));
        var ts = c.server.getTextDocumentService();
        ts.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(commonUri, "blueprint", 1, COMMON)));
        ts.didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(commonUri, 2),
                List.of(new TextDocumentContentChangeEvent("enum Unit { PIECE, KILO }\n"))));
        c.await(() -> c.refreshes.get() > 0, 10);
        assertThat(c.refreshes.get()).isPositive();
        // the importer now names an entity that is gone: pulling its diagnostics shows it
        var report = ts.diagnostic(new DocumentDiagnosticParams(new TextDocumentIdentifier(TestClient.uri(main))))
                .get(10, TimeUnit.SECONDS);
        assertThat(report.getLeft().getItems())
                .extracting(d -> d.getCode().getLeft())
                .contains("BP0102");
        assertThat(c.diagnostics).isEmpty(); // nothing pushed
        c.server.shutdown().get(10, TimeUnit.SECONDS);
        c.server.exit();
    }
}
