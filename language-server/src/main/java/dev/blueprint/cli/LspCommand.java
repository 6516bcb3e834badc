package dev.blueprint.cli;

import dev.blueprint.lsp.Connection;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code blueprint lsp}: the language server ({@link Connection}) on standard input and output. */
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
            return Connection.serve(in, out, err, System::exit);
        } catch (RuntimeException | Error e) {
            err.println("blueprint lsp: cannot start the language server: " + e);
            return 2;
        }
    }
}
