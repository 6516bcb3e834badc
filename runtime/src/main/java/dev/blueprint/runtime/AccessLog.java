package dev.blueprint.runtime;

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
 * counted, never blocking a request.
 */
final class AccessLog implements AutoCloseable {

    /** One finished request. */
    record Entry(long epochMillis, String method, String path, int status, long bytes, long nanos, String requestId) {
    }

    private static final Entry STOP = new Entry(0, "", "", 0, 0, 0, "");

    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(65_536);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final Thread writer;

    AccessLog() {
        this(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
    }

    AccessLog(Writer out) {
        this.out = out;
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
                    line.setLength(0);
                    line.append(Instant.ofEpochMilli(e.epochMillis())).append(" access ").append(e.method()).append(' ')
                            .append(e.path()).append(' ').append(e.status()).append(' ').append(e.bytes()).append("B ")
                            .append(e.nanos() / 1_000_000).append('.').append((e.nanos() / 100_000) % 10).append("ms id=")
                            .append(e.requestId()).append('\n');
                    out.write(line.toString());
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
