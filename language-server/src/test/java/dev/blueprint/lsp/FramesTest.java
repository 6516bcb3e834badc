package dev.blueprint.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and malformed JSON-RPC frames, written raw onto the server's input: each is answered with the protocol's
 * error (-32700 parse error, -32600 invalid request), and the server goes on answering the frames after it.
 */
@Timeout(60)
class FramesTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> served = new CompletableFuture<>();
    private OutputStream toServer;
    private int nextId = 1000;

    @BeforeEach
    void start() throws IOException, InterruptedException {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream toClient = new PipedOutputStream(clientIn);
        PrintStream log = new PrintStream(err, true, StandardCharsets.UTF_8);
        Thread server = new Thread(() -> served.complete(Connection.serve(serverIn, toClient, log, code -> {})));
        server.setDaemon(true);
        server.start();
        Thread reader = new Thread(() -> read(clientIn));
        reader.setDaemon(true);
        reader.start();
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
        assertThat(answerTo("1")).isNotNull();
    }

    @AfterEach
    void stop() throws Exception {
        toServer.close();
        assertThat(served.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void paramsNestedThousandsDeepAreAnInvalidRequest() throws Exception {
        JsonObject answer = exchange("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":"
                + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "}");
        assertThat(errorCode(answer)).isEqualTo(-32600);
        assertThat(answer.get("id").getAsInt()).isEqualTo(2);
        assertStillAnswering();
    }

    @Test
    void duplicateKeysAreAnInvalidRequest() throws Exception {
        JsonObject answer =
                exchange("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/hover\",\"method\":\"shutdown\"}");
        assertThat(errorCode(answer)).isEqualTo(-32600);
        assertThat(answer.get("id").getAsInt()).isEqualTo(3);
        assertStillAnswering();
    }

    @Test
    void malformedJsonIsAParseError() throws Exception {
        for (String frame : new String[] {
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":", "{\"jsonrpc\":\"2.0\",\"id\":5} trailing", "\u0000\u0001",
        }) {
            JsonObject answer = exchange(frame);
            assertThat(errorCode(answer)).as(frame).isEqualTo(-32700);
            assertStillAnswering();
        }
    }

    @Test
    void aFrameThatIsNoRequestIsAnInvalidRequest() throws Exception {
        for (String frame : new String[] {"[1, 2, 3]", "42", "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":7}"}) {
            assertThat(errorCode(exchange(frame))).as(frame).isEqualTo(-32600);
            assertStillAnswering();
        }
    }

    @Test
    void invalidUtf8IsAParseError() throws Exception {
        byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"x?\"}".getBytes(StandardCharsets.US_ASCII);
        body[body.length - 3] = (byte) 0xFF; // not UTF-8
        sendBytes(body);
        assertThat(errorCode(next())).isEqualTo(-32700);
        assertStillAnswering();
    }

    @Test
    void aFrameLargerThanTheLimitIsSkippedAndRefused() throws Exception {
        toServer.write(("Content-Length: " + (BoundedMessageProducer.MAX_FRAME_BYTES + 1) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[1 << 16];
        java.util.Arrays.fill(chunk, (byte) ' ');
        for (int left = BoundedMessageProducer.MAX_FRAME_BYTES + 1; left > 0; left -= chunk.length) {
            toServer.write(chunk, 0, Math.min(left, chunk.length));
        }
        toServer.flush();
        assertThat(errorCode(next())).isEqualTo(-32600);
        assertStillAnswering();
    }

    @Test
    void headersWithoutALengthOrEndlessAreSkipped() throws Exception {
        toServer.write("Content-Type: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        toServer.write(("X-Junk: " + "j".repeat(100_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        toServer.flush();
        assertStillAnswering();
    }

    private JsonObject exchange(String frame) throws Exception {
        send(frame);
        return next();
    }

    private void assertStillAnswering() throws Exception {
        String id = Integer.toString(nextId++);
        send(
                "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/hover\",\"params\":"
                        + "{\"textDocument\":{\"uri\":\"file:///nowhere.blueprint\"},\"position\":{\"line\":0,\"character\":0}}}");
        JsonObject answer = answerTo(id);
        assertThat(answer)
                .as("the answer to a hover after the frame; log:\n%s", err)
                .isNotNull();
        assertThat(answer.has("error")).isFalse();
    }

    private JsonObject answerTo(String id) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            JsonObject m = received.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m != null
                    && m.has("id")
                    && !m.get("id").isJsonNull()
                    && m.get("id").getAsString().equals(id)) {
                return m;
            }
        }
        return null;
    }

    /** The next answer (a response, not a request or notification from the server). */
    private JsonObject next() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            JsonObject m = received.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m != null && !m.has("method")) {
                return m;
            }
        }
        throw new AssertionError("no answer; log:\n" + err);
    }

    private static int errorCode(JsonObject answer) {
        assertThat(answer.has("error")).as("an error answer: %s", answer).isTrue();
        return answer.getAsJsonObject("error").get("code").getAsInt();
    }

    private void send(String frame) throws IOException {
        sendBytes(frame.getBytes(StandardCharsets.UTF_8));
    }

    private void sendBytes(byte[] body) throws IOException {
        toServer.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        toServer.write(body);
        toServer.flush();
    }

    private void read(InputStream in) {
        try {
            while (true) {
                int length = -1;
                StringBuilder line = new StringBuilder();
                while (true) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    if (c == '\n') {
                        String header = line.toString().trim();
                        if (header.isEmpty()) {
                            break;
                        }
                        if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(header.substring(15).trim());
                        }
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
                byte[] body = in.readNBytes(length);
                received.add(JsonParser.parseString(new String(body, StandardCharsets.UTF_8))
                        .getAsJsonObject());
            }
        } catch (IOException e) {
            // the server closed its output
        }
    }
}
