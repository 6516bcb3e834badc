package dev.blueprint.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.source.LineMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random edits, valid and garbage, sent as fast as the pipe takes them, with
 * completion and hover requests between them: no request fails, nothing is logged as failed,
 * and the final diagnostics equal a fresh check of the final text.
 */
@Timeout(120)
class StressTest {
    static final String START = """
      service Shop { version "1.0.0" }
      server { port 8080 worker_threads 16 }
      store main { engine h2 pool { max_size 8 } }
      security {
        roles ["clerk", "admin"]
        api_keys { clients { desk { key env("DESK_API_KEY") roles ["clerk"] } } }
        cors { origins ["https://shop.example.com"] credentials true }
      }
      enum Status { OPEN, CLOSED }
      entity Customer {
        id: uuid @key
        name: string(40) @length(1..40)
        status: Status = OPEN
      }
      api "/api/v1" {
        resource "/customers" Customer requires role("clerk") { list public, get, delete requires role("admin") }
        route GET "/customers/by-name/{name}" -> Customer[] where name == $name order by name desc limit 10 requires role("admin", "clerk")
      }
      """;

    static final String[] FRAGMENTS = {
        "entity Foo { id: uuid @key }\n",
        "server { port 8080 }\n",
        "{",
        "}",
        "\"",
        "/*",
        "*/",
        "//",
        "///",
        "@range(1..",
        "@",
        "$",
        "->",
        "route GET \"/x/{id}\" -> Customer where id == $id\n",
        "é",
        "\uD83D\uDE00",
        "\n",
        " ",
        "  ",
        "pool { min_idle 30 max_size 2 }",
        "import \"nothere.blueprint\"\n",
        "import \"main.blueprint\"\n",
        "enum",
        "((((",
        ")))",
        "\u0000",
        "\\",
        "30s",
        "512MiB",
        "..",
        "name",
        "Customer",
        "Status",
        ":",
        "= OPEN",
        "?",
        "[",
        "]",
        "env(\"X\")",
        "probes { checks [main, nope] }",
        "deploy { replicas 9 }",
        "resource \"/c\" Customer { list, get, list }",
        "string(99999)",
        "decimal(2, 5)",
        "-1",
        "1.5",
        "true",
        "service Other {}",
        "security { roles [\"\"] }",
        "requires role(\"clerk\")",
        "requires role()",
        "requires",
        "role(\"",
        "public",
        "\"\"",
        "roles [",
        "api_keys { clients { x { key \"k\" roles [\"nope\"] } } }",
        "clients {",
        "jwt { algorithms [HS256] }",
        "cors { origins [\"*\"] }",
    };

    @TempDir
    Path dir;

    @Test
    void randomEditsNeverBreakTheServer() throws Exception {
        TestClient c = new TestClient();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        c.server.initialize(init).get(20, TimeUnit.SECONDS);
        c.server.initialized(new InitializedParams());
        Path file = dir.resolve("main.blueprint").toAbsolutePath().normalize();
        String uri = TestClient.uri(file);
        var ts = c.server.getTextDocumentService();
        ts.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "blueprint", 1, START)));

        Random random =
                new Random(Long.getLong("stress.seed", 20261122L)); // -Dstress.seed=N explores other edit sequences
        String text = START;
        List<CompletableFuture<?>> requests = new ArrayList<>();
        int edits = 3000;
        for (int i = 0; i < edits; i++) {
            int a = random.nextInt(text.length() + 1);
            int b = Math.min(text.length(), a + (random.nextInt(3) == 0 ? random.nextInt(12) : 0));
            if (text.length() > 4000) {
                b = Math.min(text.length(), a + 40);
            }
            // editors never split a surrogate pair (and JSON over UTF-8 cannot carry half of one)
            a = unsplit(text, a);
            b = Math.max(a, unsplit(text, b));
            String insert = random.nextInt(4) == 0 ? "" : FRAGMENTS[random.nextInt(FRAGMENTS.length)];
            LineMap lines = new LineMap(text);
            Range range = new Range(
                    new Position(lines.line(a), lines.column(a)), new Position(lines.line(b), lines.column(b)));
            text = text.substring(0, a) + insert + text.substring(b);
            ts.didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, i + 2),
                    List.of(new TextDocumentContentChangeEvent(range, insert))));
            if (i % 4 == 0) {
                LineMap now = new LineMap(text);
                int at = unsplit(text, random.nextInt(text.length() + 1));
                Position p = new Position(now.line(at), now.column(at));
                requests.add(ts.completion(new CompletionParams(new TextDocumentIdentifier(uri), p)));
                requests.add(ts.hover(new HoverParams(new TextDocumentIdentifier(uri), p)));
                if (i % 40 == 0) {
                    requests.add(ts.semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(uri))));
                    requests.add(ts.codeAction(new CodeActionParams(
                            new TextDocumentIdentifier(uri), new Range(p, p), new CodeActionContext(List.of()))));
                    requests.add(ts.documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))));
                    requests.add(ts.inlayHint(
                            new InlayHintParams(new TextDocumentIdentifier(uri), new Range(new Position(0, 0), p))));
                    requests.add(ts.prepareRename(new PrepareRenameParams(new TextDocumentIdentifier(uri), p)));
                    requests.add(ts.references(
                            new ReferenceParams(new TextDocumentIdentifier(uri), p, new ReferenceContext(true))));
                }
            }
        }
        for (CompletableFuture<?> f : requests) {
            f.get(60, TimeUnit.SECONDS); // throws when a request failed
        }

        String finalText = text;
        List<String> expected = new Analyzer()
                        .analyze(file, p -> p.equals(file) ? Optional.of(finalText) : Optional.empty())
                        .diagnosticsIn(file)
                        .stream()
                        .map(d -> {
                            LineMap lines = new LineMap(finalText);
                            return d.code().id() + " " + lines.line(d.span().start()) + ":"
                                    + lines.column(d.span().start()) + " " + d.message();
                        })
                        .toList();
        java.util.function.Function<PublishDiagnosticsParams, List<String>> compact = p -> p.getDiagnostics().stream()
                .map(d -> d.getCode().getLeft() + " " + d.getRange().getStart().getLine() + ":"
                        + d.getRange().getStart().getCharacter() + " " + d.getMessage())
                .toList();
        try {
            c.awaitDiagnostics(uri, p -> compact.apply(p).equals(expected), 30);
        } catch (AssertionError e) {
            java.nio.file.Files.writeString(Path.of("target/stress-final.txt"), finalText);
            assertThat(compact.apply(c.diagnostics.get(uri)))
                    .describedAs("final diagnostics")
                    .isEqualTo(expected);
            throw e;
        }
        assertThat(c.serverErr.toString()).doesNotContain("failed");
        assertThat(c.messages.toString()).doesNotContain("failed");

        c.server.shutdown().get(10, TimeUnit.SECONDS);
        c.server.exit();
        assertThat(c.exitCode.get(10, TimeUnit.SECONDS)).isZero();
    }

    private static int unsplit(String text, int offset) {
        return offset > 0
                        && offset < text.length()
                        && Character.isLowSurrogate(text.charAt(offset))
                        && Character.isHighSurrogate(text.charAt(offset - 1))
                ? offset - 1
                : offset;
    }
}
