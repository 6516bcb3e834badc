package dev.blueprint.runtime;

import dev.blueprint.runtime.telemetry.LogLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The access log: one line per request on standard output, written by one background thread in batches, so a
 * request never waits on a write. When the queue is full (the output cannot keep up) lines are dropped and
 * counted, never blocking a request. The method and path are escaped ({@link LogLines#appendEscaped}), so a request
 * cannot forge a line. Text ({@code … access GET /path 200 12B 1.2ms id=… trace=…}) or, with
 * {@code LOG_FORMAT=json}, one JSON object per line with the request's fields, {@code requestId} and {@code traceId}.
 */
final class AccessLog implements AutoCloseable {

    /** One finished request; {@code traceId} is null when the request was not traced. */
    record Entry(
            long epochMillis,
            String method,
            String path,
            int status,
            long bytes,
            long nanos,
            String requestId,
            String traceId) {}

    private static final Entry STOP = new Entry(0, "", "", 0, 0, 0, "", null);

    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(65_536);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final boolean json;
    private final Thread writer;

    /** On standard output; {@code json} for JSON lines. */
    AccessLog(boolean json) {
        this(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16), json);
    }

    AccessLog(Writer out, boolean json) {
        this.out = out;
        this.json = json;
        this.writer = new Thread(this::drain, "access-log");
        writer.setDaemon(true);
        writer.start();
    }

    void log(Entry entry) {
        if (!queue.offer(entry)) dropped.incrementAndGet();
    }

    /** Lines dropped because the output could not keep up. */
    long dropped() {
        return dropped.get();
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>();
        StringBuilder line = new StringBuilder(160);
        try {
            while (true) {
                Entry first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, 4096);
                for (Entry e : batch) {
                    if (e == STOP) {
                        out.flush();
                        return;
                    }
                    if (json) {
                        out.write(jsonLine(e));
                        continue;
                    }
                    line.setLength(0);
                    line.append(Instant.ofEpochMilli(e.epochMillis())).append(" access ");
                    LogLines.appendEscaped(line, e.method()).append(' ');
                    LogLines.appendEscaped(line, e.path())
                            .append(' ')
                            .append(e.status())
                            .append(' ')
                            .append(e.bytes())
                            .append("B ")
                            .append(e.nanos() / 1_000_000)
                            .append('.')
                            .append((e.nanos() / 100_000) % 10)
                            .append("ms id=")
                            .append(e.requestId());
                    if (e.traceId() != null) line.append(" trace=").append(e.traceId());
                    out.write(line.append('\n').toString());
                }
                batch.clear();
                if (queue.isEmpty()) out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // standard output is gone; nothing left to log to
        }
    }

    private static String jsonLine(Entry e) {
        return LogLines.json(json -> {
            json.writeStringField("timestamp", LogLines.jsonTime(e.epochMillis()));
            json.writeStringField("level", "INFO");
            json.writeStringField("logger", "access");
            json.writeStringField("message", e.method() + " " + e.path() + " " + e.status());
            json.writeStringField("method", e.method());
            json.writeStringField("path", e.path());
            json.writeNumberField("status", e.status());
            json.writeNumberField("bytes", e.bytes());
            json.writeNumberField("durationMs", e.nanos() / 100_000 / 10.0);
            json.writeStringField("requestId", e.requestId());
            if (e.traceId() != null) json.writeStringField("traceId", e.traceId());
        });
    }

    /** Writes what is queued, then stops the writer thread. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
