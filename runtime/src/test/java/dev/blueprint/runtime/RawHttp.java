package dev.blueprint.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One raw TCP connection to a service, for requests an HTTP client will not send: slow, truncated, pipelined or
 * malformed. Reads answer whatever arrived until the server closes the connection or stops sending.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;

    public RawHttp(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code text} as it is (ISO-8859-1, so any byte can be written as a char). */
    public RawHttp send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * What the server sends until it closes the connection, or until nothing arrives for {@code quietMillis} (a
     * failure bound for a test that would otherwise hang).
     */
    public String read(int quietMillis) throws IOException {
        socket.setSoTimeout(quietMillis);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) received.write(buffer, 0, n);
        } catch (SocketTimeoutException e) {
            // quiet: what came is the answer
        } catch (IOException e) {
            // reset after the answer
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** How a connection ended. */
    public enum End {
        /** The server closed it cleanly: end of stream. */
        CLOSED,
        /** The server reset it. */
        RESET,
        /** Still open when the wait ended. */
        OPEN
    }

    /** Whether the server closed its side within {@code millis}, cleanly or not; what arrives before is skipped. */
    public boolean closedWithin(int millis) throws IOException {
        return endWithin(millis) != End.OPEN;
    }

    /** How the connection ends within {@code millis}; what arrives before is skipped. */
    public End endWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (true) {
                if (socket.getInputStream().read() == -1) return End.CLOSED;
            }
        } catch (SocketTimeoutException e) {
            return End.OPEN;
        } catch (IOException e) {
            return End.RESET;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test connection
        }
    }
}
