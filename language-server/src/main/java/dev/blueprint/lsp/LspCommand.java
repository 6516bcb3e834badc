package dev.blueprint.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import picocli.CommandLine.Command;

/** {@code blueprint lsp}: the language server on standard input and output. */
@Command(
        name = "lsp",
        mixinStandardHelpOptions = true,
        description = "Run the language server on standard input and output.")
public final class LspCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        InputStream in = System.in;
        OutputStream out = System.out;
        PrintStream err = System.err;
        // stdout carries the protocol: anything else that prints goes to stderr
        System.setOut(err);
        try {
            return run(in, out, err, System::exit);
        } catch (RuntimeException | Error e) {
            err.println("blueprint lsp: cannot start the language server: " + e);
            return 2;
        }
    }

    /** Serves one client on the given streams until it exits or the input ends. */
    public static int run(InputStream in, OutputStream out, PrintStream err, java.util.function.IntConsumer exit) {
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
