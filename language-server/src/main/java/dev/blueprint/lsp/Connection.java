package dev.blueprint.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** One client's connection to the language server over a pair of streams; {@code blueprint lsp} serves stdio. */
public final class Connection {
    private Connection() {}

    /**
     * Serves one client on {@code in} and {@code out} until it exits or the input ends; {@code err} takes the log,
     * {@code exit} is called with the code the client's {@code exit} notification asks for. Answers 0 when the input
     * ended, 1 when the connection failed. Frames are read by a {@link BoundedMessageProducer}: a malformed or
     * abusive one is answered with the protocol's error and never stops the reader.
     */
    public static int serve(InputStream in, OutputStream out, PrintStream err, IntConsumer exit) {
        BlueprintServer server = new BlueprintServer(err, exit);
        Launcher<LanguageClient> launcher = new BoundedLauncherBuilder(err)
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .create();
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

    /** LSP4J's launcher, reading the input through a {@link BoundedMessageProducer} in place of its own reader. */
    private static final class BoundedLauncherBuilder extends LSPLauncher.Builder<LanguageClient> {
        private final PrintStream log;
        private MessageJsonHandler json;
        private RemoteEndpoint endpoint;

        BoundedLauncherBuilder(PrintStream log) {
            this.log = log;
        }

        @Override
        protected MessageJsonHandler createJsonHandler() {
            json = super.createJsonHandler();
            return json;
        }

        @Override
        protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler handler) {
            endpoint = super.createRemoteEndpoint(handler);
            return endpoint;
        }

        @Override
        protected ConcurrentMessageProcessor createMessageProcessor(
                MessageProducer ignored, MessageConsumer consumer, LanguageClient remoteProxy) {
            return super.createMessageProcessor(
                    new BoundedMessageProducer(input, json, endpoint, log), consumer, remoteProxy);
        }
    }
}
