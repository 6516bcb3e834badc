package dev.blueprint.lsp;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Reads JSON-RPC frames ({@code Content-Length} headers, then a JSON body) off the client's stream, in place of
 * LSP4J's {@code StreamMessageProducer}, with every input bounded: a header line, a body, the nesting of a body and
 * its keys. A frame past a bound, or malformed, is answered with the protocol's error — -32700 (parse error) for a
 * body that is not JSON or not UTF-8, -32600 (invalid request) for JSON that is no acceptable message: too large,
 * nested too deeply, a key repeated, not an object — and the reader goes on with the next frame, always in step with
 * the stream (a body is read whole before it is looked at). Only the end of the stream stops it.
 *
 * <p>A body is checked in one iterative pass before LSP4J's Gson adapters see it, so nothing recursive ever meets
 * input deeper than {@link #MAX_DEPTH}.
 */
final class BoundedMessageProducer implements MessageProducer, Closeable {
    /** The largest body read: a document of the largest size the language analyses, written with every escape. */
    static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    /** How deeply a body's arrays and objects may nest (LSP's own messages need about ten levels). */
    static final int MAX_DEPTH = 64;

    /** The longest header line kept; a longer one is skipped (headers are short). */
    static final int MAX_HEADER_LINE = 8 * 1024;

    private static final Set<String> ARRAY = Set.of();

    private final InputStream input;
    private final MessageJsonHandler json;
    private final MessageIssueHandler issues;
    private final PrintStream log;
    private volatile boolean running;

    /**
     * @param issues answers a refused request with its error (LSP4J's remote endpoint)
     * @param log where refused frames are noted
     */
    BoundedMessageProducer(InputStream input, MessageJsonHandler json, MessageIssueHandler issues, PrintStream log) {
        this.input = input;
        this.json = json;
        this.issues = issues;
        this.log = log;
    }

    @Override
    public void listen(MessageConsumer callback) {
        running = true;
        try {
            while (running) {
                int length = readHeaders();
                if (length == END) {
                    return;
                }
                if (length == MISSING) {
                    log.println("blueprint lsp: a frame without a Content-Length header was skipped");
                    continue;
                }
                if (length > MAX_FRAME_BYTES) {
                    if (!skip(length)) {
                        return;
                    }
                    refuse(null, ResponseErrorCode.InvalidRequest, "message larger than " + MAX_FRAME_BYTES + " bytes");
                    continue;
                }
                byte[] body = input.readNBytes(length);
                if (body.length < length) {
                    return; // the stream ended inside a frame
                }
                handle(body, callback);
            }
        } catch (IOException e) {
            // the stream closed under us: as at its end
        } finally {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
    }

    private static final int END = -1;
    private static final int MISSING = -2;

    /** Reads one frame's headers: its content length, {@link #MISSING} when none was given, {@link #END} at the end. */
    private int readHeaders() throws IOException {
        int length = MISSING;
        StringBuilder line = new StringBuilder();
        boolean overlong = false;
        boolean any = false;
        while (true) {
            int c = input.read();
            if (c < 0) {
                return END;
            }
            if (c == '\n') {
                String header = line.toString().trim();
                if (header.isEmpty() && !overlong) {
                    if (any) {
                        return length;
                    }
                    continue; // blank lines between frames
                }
                any = true;
                if (!overlong) {
                    length = contentLength(header, length);
                }
                line.setLength(0);
                overlong = false;
            } else if (c != '\r') {
                if (line.length() < MAX_HEADER_LINE) {
                    line.append((char) c);
                } else {
                    overlong = true;
                }
            }
        }
    }

    private static int contentLength(String header, int sofar) {
        int colon = header.indexOf(':');
        if (colon < 0
                || !header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
            return sofar;
        }
        try {
            long n = Long.parseLong(header.substring(colon + 1).trim());
            return n < 0 ? MISSING : (int) Math.min(n, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return MISSING;
        }
    }

    /** Skips {@code length} bytes without keeping them; false when the stream ended first. */
    private boolean skip(long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = input.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return false;
            }
            left -= n;
        }
        return true;
    }

    private void handle(byte[] body, MessageConsumer callback) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            refuse(null, ResponseErrorCode.ParseError, "the message is not UTF-8");
            return;
        }
        Check check = check(text);
        if (check.problem != null) {
            refuse(check.id, check.code, check.problem);
            return;
        }
        Message message;
        try {
            message = json.parseMessage(text);
        } catch (MessageIssueException e) {
            issues.handle(e.getRpcMessage(), e.getIssues());
            return;
        } catch (JsonParseException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
            refuse(check.id, ResponseErrorCode.InvalidRequest, "not a JSON-RPC message: " + e.getMessage());
            return;
        }
        if (message == null) {
            refuse(check.id, ResponseErrorCode.InvalidRequest, "not a JSON-RPC message");
            return;
        }
        try {
            callback.consume(message);
        } catch (RuntimeException | StackOverflowError e) {
            // a handler failed on the reader's thread (a notification): the next frame is still read
            log.println("blueprint lsp: handling a message failed: " + e);
        }
    }

    /** What the one pass over a body found: the request's id when it has one, and the problem, if any. */
    private record Check(Either<String, Number> id, ResponseErrorCode code, String problem) {}

    /**
     * Walks the body's tokens once, iteratively: it must be one JSON object, nested at most {@link #MAX_DEPTH}
     * deep, with no key twice in an object. Notes the top-level {@code id} on the way, to answer a refusal to it.
     */
    private static Check check(String text) {
        Either<String, Number> id = null;
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setNestingLimit(MAX_DEPTH + 1);
        Deque<Set<String>> keys = new ArrayDeque<>();
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                return new Check(null, ResponseErrorCode.InvalidRequest, "a message is a JSON object");
            }
            boolean idNext = false;
            do {
                JsonToken token = reader.peek();
                boolean wasIdNext = idNext;
                idNext = false;
                switch (token) {
                    case BEGIN_OBJECT, BEGIN_ARRAY -> {
                        if (keys.size() == MAX_DEPTH) {
                            return new Check(
                                    id, ResponseErrorCode.InvalidRequest, "nested more than " + MAX_DEPTH + " deep");
                        }
                        if (token == JsonToken.BEGIN_OBJECT) {
                            reader.beginObject();
                            keys.push(new HashSet<>());
                        } else {
                            reader.beginArray();
                            keys.push(ARRAY);
                        }
                    }
                    case END_OBJECT -> {
                        reader.endObject();
                        keys.pop();
                    }
                    case END_ARRAY -> {
                        reader.endArray();
                        keys.pop();
                    }
                    case NAME -> {
                        String name = reader.nextName();
                        if (!keys.peek().add(name)) {
                            return new Check(id, ResponseErrorCode.InvalidRequest, "the key \"" + name + "\" twice");
                        }
                        idNext = keys.size() == 1 && name.equals("id");
                    }
                    case STRING -> {
                        String s = reader.nextString();
                        id = wasIdNext ? Either.forLeft(s) : id;
                    }
                    case NUMBER -> {
                        String n = reader.nextString();
                        id = wasIdNext ? Either.forRight(number(n)) : id;
                    }
                    case BOOLEAN -> reader.nextBoolean();
                    case NULL -> reader.nextNull();
                    case END_DOCUMENT -> throw new java.io.EOFException("the message ends early");
                }
            } while (!keys.isEmpty());
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return new Check(id, ResponseErrorCode.ParseError, "text after the message");
            }
            return new Check(id, null, null);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            return new Check(id, ResponseErrorCode.ParseError, "not JSON: " + e.getMessage());
        }
    }

    private static Number number(String n) {
        try {
            return Integer.valueOf(n);
        } catch (NumberFormatException e) {
            return Double.valueOf(n);
        }
    }

    /** Answers a refused frame with {@code code}: to its id when it had one, else (as JSON-RPC asks) to null. */
    private void refuse(Either<String, Number> id, ResponseErrorCode code, String why) {
        log.println("blueprint lsp: refused a message (" + code.getValue() + "): " + why);
        RequestMessage request = new RequestMessage();
        request.setRawId(id);
        request.setMethod("");
        issues.handle(request, List.of(new MessageIssue(why, code.getValue())));
    }
}
