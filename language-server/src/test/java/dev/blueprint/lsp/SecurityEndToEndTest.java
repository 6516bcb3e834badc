package dev.blueprint.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.source.LineMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The security constructs over real JSON-RPC: the key quick fix, completion in clients and role(, hover and rename of a role. */
@Timeout(60)
class SecurityEndToEndTest {
    static final String TEXT = """
      service Shop { }
      security {
        roles ["clerk", "admin"]
        api_keys {
          clients {
            desk { key env("DESK_API_KEY") roles ["clerk"] }
            boss { key "s3cret" roles ["clerk", "admin"] }

          }
        }
      }
      entity Part {
        id: uuid @key
        name: string(40)
      }
      api "/api" {
        resource "/parts" Part requires role("clerk") { list public, create, delete requires role("admin") }
      }
      """;

    @TempDir
    Path dir;

    /** The position of {@code shift} characters into the first {@code marker} of {@code text}. */
    private static Position at(String text, String marker, int shift) {
        int offset = text.indexOf(marker);
        assertThat(offset).as(marker).isNotNegative();
        LineMap lines = new LineMap(text);
        return new Position(lines.line(offset + shift), lines.column(offset + shift));
    }

    /** Applies text edits (non-overlapping) to a text. */
    private static String apply(String text, List<TextEdit> edits) {
        LineMap lines = new LineMap(text);
        String out = text;
        for (TextEdit e : edits.stream()
                .sorted(Comparator.comparing(
                                (TextEdit e) -> e.getRange().getStart().getLine())
                        .thenComparing(e -> e.getRange().getStart().getCharacter())
                        .reversed())
                .toList()) {
            int start = lines.offset(
                    e.getRange().getStart().getLine(), e.getRange().getStart().getCharacter());
            int end = lines.offset(
                    e.getRange().getEnd().getLine(), e.getRange().getEnd().getCharacter());
            out = out.substring(0, start) + e.getNewText() + out.substring(end);
        }
        return out;
    }

    @Test
    void securityOverJsonRpc() throws Exception {
        Path main = dir.resolve("main.blueprint");
        Files.writeString(main, TEXT);
        TestClient c = new TestClient();
        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "ws")));
        init.setCapabilities(new ClientCapabilities());
        c.server.initialize(init).get(20, TimeUnit.SECONDS);
        c.server.initialized(new InitializedParams());
        String uri = TestClient.uri(main);
        var ts = c.server.getTextDocumentService();
        var id = new TextDocumentIdentifier(uri);
        ts.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "blueprint", 1, TEXT)));

        // the key written in the file: a warning with its quick fix
        PublishDiagnosticsParams first = c.awaitDiagnostics(
                uri,
                p -> p.getDiagnostics().stream()
                        .anyMatch(d -> d.getCode().getLeft().equals("BP0507")),
                20);
        Diagnostic literal = first.getDiagnostics().stream()
                .filter(d -> d.getCode().getLeft().equals("BP0507"))
                .findFirst()
                .orElseThrow();
        assertThat(literal.getSeverity()).isEqualTo(DiagnosticSeverity.Warning);
        assertThat(literal.getRange()).isEqualTo(new Range(at(TEXT, "\"s3cret\"", 0), at(TEXT, "\"s3cret\"", 8)));
        var actions = ts.codeAction(
                        new CodeActionParams(id, literal.getRange(), new CodeActionContext(List.of(literal))))
                .get(10, TimeUnit.SECONDS);
        CodeAction fix = actions.stream()
                .map(Either::getRight)
                .filter(a -> a.getTitle().equals("Change to 'env(\"BOSS_API_KEY\")'"))
                .findFirst()
                .orElseThrow();
        assertThat(fix.getKind()).isEqualTo(CodeActionKind.QuickFix);
        List<TextEdit> keyEdits = fix.getEdit().getChanges().get(uri);
        String text = apply(TEXT, keyEdits);
        assertThat(text).contains("boss { key env(\"BOSS_API_KEY\") roles");
        ts.didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, 2),
                List.of(new TextDocumentContentChangeEvent(
                        keyEdits.get(0).getRange(), keyEdits.get(0).getNewText()))));
        c.awaitDiagnostics(uri, p -> p.getDiagnostics().isEmpty(), 20, "no diagnostics after the fix");

        // completion: a new client inside `clients {`, roles inside `role(`
        Position emptyLine = new Position(at(text, "boss {", 0).getLine() + 1, 6);
        var clients = ts.completion(new CompletionParams(id, emptyLine))
                .get(10, TimeUnit.SECONDS)
                .getRight()
                .getItems();
        assertThat(clients).hasSize(1);
        assertThat(clients.get(0).getInsertTextFormat()).isEqualTo(InsertTextFormat.Snippet);
        assertThat(clients.get(0).getTextEdit().getLeft().getNewText())
                .contains("key env(\"${2:NAME_API_KEY}\")", "roles [$3]");
        var roles = ts.completion(new CompletionParams(id, at(text, "role(\"clerk\")", 5)))
                .get(10, TimeUnit.SECONDS)
                .getRight()
                .getItems();
        assertThat(roles).extracting(CompletionItem::getLabel).containsExactly("\"admin\"");
        var inString = ts.completion(new CompletionParams(id, at(text, "role(\"admin\")", 7)))
                .get(10, TimeUnit.SECONDS)
                .getRight()
                .getItems();
        assertThat(inString).extracting(CompletionItem::getLabel).containsExactly("admin");
        assertThat(inString.get(0).getTextEdit().getLeft().getRange())
                .isEqualTo(new Range(at(text, "role(\"admin\")", 6), at(text, "role(\"admin\")", 11)));

        // hover on a role: the rules requiring it and the clients holding it
        var hover = ts.hover(new HoverParams(id, at(text, "clerk\", \"admin\"]", 1)))
                .get(10, TimeUnit.SECONDS);
        assertThat(hover.getContents().getRight().getValue())
                .contains("**role** `\"clerk\"`", "POST /api/parts", "`desk`", "`boss`")
                .doesNotContain("DELETE");
        assertThat(hover.getRange())
                .isEqualTo(new Range(at(text, "clerk\", \"admin\"]", 0), at(text, "clerk\", \"admin\"]", 5)));

        // rename the role from a rule: the declaration, both clients and the rule change, inside their quotes
        Position inRule = at(text, "clerk\")", 2);
        var prepare = ts.prepareRename(new PrepareRenameParams(id, inRule)).get(10, TimeUnit.SECONDS);
        assertThat(prepare.getFirst()).isEqualTo(new Range(at(text, "clerk\")", 0), at(text, "clerk\")", 5)));
        WorkspaceEdit rename =
                ts.rename(new RenameParams(id, inRule, "front-desk")).get(10, TimeUnit.SECONDS);
        List<TextEdit> edits = rename.getChanges().get(uri);
        assertThat(edits).hasSize(4).allMatch(e -> e.getNewText().equals("front-desk"));
        String renamed = apply(text, edits);
        assertThat(renamed)
                .doesNotContain("clerk")
                .contains(
                        "roles [\"front-desk\", \"admin\"]",
                        "roles [\"front-desk\"] }",
                        "roles [\"front-desk\", \"admin\"] }",
                        "requires role(\"front-desk\")");
        ts.didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, 3), List.of(new TextDocumentContentChangeEvent(renamed))));
        c.awaitDiagnostics(uri, p -> p.getDiagnostics().isEmpty(), 20, "no diagnostics after the rename");
        // a name that cannot be a role is refused with the reason
        var refused = ts.rename(new RenameParams(id, at(renamed, "front-desk\")", 2), "a \"b"));
        assertThat(refused)
                .failsWithin(10, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("not a role name");

        c.server.shutdown().get(10, TimeUnit.SECONDS);
        c.server.exit();
        assertThat(c.exitCode.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(c.serverErr.toString()).doesNotContain("failed");
    }
}
