package dev.blueprint.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** One client's connection to the language server over a pair of streams; {@code blueprint lsp} serves stdio. */
public final class Connection {
    private Connection() {}

    /**
     * Serves one client on {@code in} and {@code out} until it exits or the input ends; {@code err} takes the log,
     * {@code exit} is called with the code the client's {@code exit} notification asks for. Answers 0 when the input
     * ended, 1 when the connection failed.
     */
    public static int serve(InputStream in, OutputStream out, PrintStream err, IntConsumer exit) {
        BlueprintServer server = new BlueprintServer(err, exit);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException e) {
            err.println("blueprint lsp: the connection failed: " + e.getCause());
            return 1;
        }
    }
}
