package dev.blueprint.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.junit.jupiter.api.Test;

class ServerTest {
    @Test
    void aFailingRequestIsLoggedWithContextAndAnsweredEmpty() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BlueprintServer server = new BlueprintServer(new PrintStream(err, true, StandardCharsets.UTF_8), code -> {});
        String answer = server.<String>request("hover file:///x.blueprint", () -> "empty", snap -> {
                    throw new IllegalStateException("boom");
                })
                .get(10, TimeUnit.SECONDS);
        assertThat(answer).isEqualTo("empty");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("hover file:///x.blueprint failed", "IllegalStateException: boom");
    }

    @Test
    void anUnreadableWorkspaceIsReportedToTheClientAndOnStderr() throws Exception {
        TestClient c = new TestClient();
        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        init.setWorkspaceFolders(List.of(new WorkspaceFolder("file:///no/such/folder/anywhere", "gone")));
        c.server.initialize(init).get(20, TimeUnit.SECONDS);
        assertThat(c.serverErr.toString(StandardCharsets.UTF_8))
                .contains("cannot read the workspace folder /no/such/folder/anywhere");
        c.await(() -> c.messages.toString().contains("cannot read"), 10);
        assertThat(c.messages.toString()).contains("cannot read the workspace folder");
        c.server.shutdown().get(10, TimeUnit.SECONDS);
        c.server.exit();
    }
}
