package dev.blueprint.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace holding files past the language's bounds (thousands of levels deep, larger than allowed, not UTF-8):
 * each such file gets its one diagnostic, requests on it answer empty, and every other file is checked as usual.
 */
@Timeout(60)
class WorkspaceLimitsTest {
    @TempDir
    Path dir;

    @Test
    void filesPastABoundAreTheirOwnDiagnosticAndNoOneElses() throws Exception {
        Path deep = dir.resolve("deep.blueprint");
        Files.writeString(deep, "service Deep {\n" + "a {\n".repeat(30_000) + "}\n".repeat(30_000) + "}\n");
        Path huge = dir.resolve("huge.blueprint");
        Files.writeString(huge, ("entity E" + "x".repeat(70) + " { id: uuid @key }\n").repeat(40_000));
        Path binary = dir.resolve("binary.blueprint");
        Files.write(binary, new byte[] {'s', 'e', (byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF});
        Path ok = dir.resolve("ok.blueprint");
        Files.writeString(
                ok, "service Ok { }\nentity Item { id: uuid @key  n: strng }\napi \"/\" { resource \"/i\" Item }\n");

        TestClient c = new TestClient();
        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "ws")));
        init.setCapabilities(new ClientCapabilities());
        c.server.initialize(init).get(20, TimeUnit.SECONDS);
        c.server.initialized(new InitializedParams());

        c.awaitDiagnostics(TestClient.uri(ok), p -> codes(p).equals(List.of("BP0102")), 30, "BP0102");
        PublishDiagnosticsParams d =
                c.awaitDiagnostics(TestClient.uri(deep), p -> codes(p).equals(List.of("BP0002")), 30, "BP0002 alone");
        assertThat(d.getDiagnostics().get(0).getMessage()).startsWith("nested too deeply at line 65:");
        c.awaitDiagnostics(TestClient.uri(huge), p -> codes(p).equals(List.of("BP0003")), 30, "BP0003 alone");
        assertThat(c.diagnostics).doesNotContainKey(TestClient.uri(binary)); // unreadable, as on the command line

        var ts = c.server.getTextDocumentService();
        assertThat(ts.hover(new HoverParams(new TextDocumentIdentifier(TestClient.uri(deep)), new Position(40, 1)))
                        .get(10, TimeUnit.SECONDS))
                .isNull();
        assertThat(ts.documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(TestClient.uri(huge))))
                        .get(10, TimeUnit.SECONDS))
                .isEmpty();
        assertThat(c.serverErr.toString()).doesNotContain("failed");

        c.server.shutdown().get(10, TimeUnit.SECONDS);
        c.server.exit();
        assertThat(c.exitCode.get(10, TimeUnit.SECONDS)).isZero();
    }

    private static List<String> codes(PublishDiagnosticsParams p) {
        return p.getDiagnostics().stream().map(x -> x.getCode().getLeft()).toList();
    }
}
