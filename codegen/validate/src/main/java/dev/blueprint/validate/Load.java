package dev.blueprint.validate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A closed-loop load generator: {@code users} virtual users, each sending the next request of the {@link Workload}
 * as soon as its previous one is answered, until {@link #stop()} or the duration ends. Latencies go into an
 * HdrHistogram (microseconds, 3 significant digits), outcomes into per-second buckets.
 */
final class Load {

    /**
     * The figures of a run. {@code requests} counts every answer; {@code rateLimited} the 429 answers with
     * {@code Retry-After} (the service's rate limit doing its job: neither succeeded nor failed; a 429 without
     * {@code Retry-After} is a failure); {@code throughput} the other answers per second.
     */
    record Figures(
            int users,
            double seconds,
            long requests,
            long succeeded,
            long failed,
            long rateLimited,
            long timeouts,
            double throughput,
            double p50Ms,
            double p90Ms,
            double p99Ms,
            double maxMs,
            Map<String, Long> outcomes,
            List<String> failureSamples,
            List<long[]> histogram,
            List<long[]> perSecond) {

        /** Succeeded among the answers that were not rate limited. */
        double successRate() {
            return requests - rateLimited == 0 ? 0 : (double) succeeded / (requests - rateLimited);
        }
    }

    private static final int MAX_SECONDS = 3600;

    private final Http http;
    private final Workload workload;
    private final int users;
    private final ConcurrentHistogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final AtomicLongArray okPerSecond = new AtomicLongArray(MAX_SECONDS);
    private final AtomicLongArray failedPerSecond = new AtomicLongArray(MAX_SECONDS);
    private final AtomicLongArray limitedPerSecond = new AtomicLongArray(MAX_SECONDS);
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final List<String> failureSamples = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong idle = new AtomicLong();
    private final CountDownLatch finished;
    private long startNanos;
    private long endNanos;

    Load(Http http, Workload workload, int users) {
        this.http = http;
        this.workload = workload;
        this.users = users;
        this.finished = new CountDownLatch(users);
    }

    /** Starts every user; returns at once. */
    void start() {
        startNanos = System.nanoTime();
        for (int i = 0; i < users; i++) {
            Random random = new Random(new SplittableRandom().nextLong() ^ i);
            loop(random);
        }
    }

    /** No user sends another request; those in flight finish. */
    void stop() {
        stopped.set(true);
    }

    /** Runs for {@code duration}, calling {@code tick} about once a second with the figures so far. */
    Figures runFor(Duration duration, java.util.function.Consumer<Figures> tick) throws InterruptedException {
        start();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            tick.accept(snapshot());
        }
        stop();
        return awaitFinished(Duration.ofMinutes(2));
    }

    /** Waits until every user's last request was answered (after {@link #stop()}); the final figures. */
    Figures awaitFinished(Duration bound) throws InterruptedException {
        stop();
        finished.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        endNanos = System.nanoTime();
        return snapshot();
    }

    long succeeded() {
        return succeeded.sum();
    }

    long failed() {
        return failed.sum();
    }

    private void loop(Random random) {
        if (stopped.get()) {
            finished.countDown();
            return;
        }
        Optional<Workload.Request> next = workload.next(random);
        if (next.isEmpty()) {
            // nothing to send yet (no rows to refer to): try again shortly, off the client's threads
            idle.incrementAndGet();
            java.util.concurrent.CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS)
                    .execute(() -> loop(random));
            return;
        }
        Workload.Request request = next.get();
        http.send(request.method(), request.path(), request.body(), request.headers())
                .whenCompleteAsync(
                        (answer, error) -> {
                            long backOff = record(request, answer);
                            if (backOff > 0 && !stopped.get()) {
                                // a rate-limited user waits as Retry-After says, as a well-behaved client does
                                java.util.concurrent.CompletableFuture.delayedExecutor(
                                                backOff, TimeUnit.MILLISECONDS, http.executor())
                                        .execute(() -> loop(random));
                            } else {
                                loop(random);
                            }
                        },
                        http.executor());
    }

    /** Records an answer; how long its user waits before the next request (Retry-After of a 429, at most 5 s). */
    private long record(Workload.Request request, Http.Answer answer) {
        int second = (int) Math.min(MAX_SECONDS - 1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
        boolean ok = !answer.failed() && answer.status() == request.expected();
        boolean limited = !answer.failed()
                && answer.status() == 429
                && answer.header("Retry-After").isPresent();
        String outcome = request.method() + " "
                + (answer.failed() ? answer.failure().get().split(":")[0] : answer.status());
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        if (limited) {
            // not in the latencies: a refusal before any work would flatter them
            rateLimited.increment();
            limitedPerSecond.incrementAndGet(second);
            return retryAfterMillis(answer);
        }
        long micros = Math.max(1, answer.nanos() / 1000);
        latencies.recordValue(Math.min(micros, latencies.getHighestTrackableValue()));
        if (ok) {
            succeeded.increment();
            okPerSecond.incrementAndGet(second);
            if (request.entity().isPresent()) workload.remember(request.entity().get(), answer.json());
        } else {
            failed.increment();
            failedPerSecond.incrementAndGet(second);
            if (answer.timedOut()) timeouts.increment();
            synchronized (failureSamples) {
                if (failureSamples.size() < 10) {
                    String body = answer.body().length() > 300 ? answer.body().substring(0, 300) + "…" : answer.body();
                    failureSamples.add(request.method() + " " + request.path() + " expected " + request.expected()
                            + ", got " + answer.describe() + (answer.status() == 429 ? " without Retry-After" : "")
                            + " after " + answer.millis() + " ms" + (body.isEmpty() ? "" : ": " + body));
                }
            }
        }
        return 0;
    }

    /** A 429's Retry-After in milliseconds, between 1 s and 5 s. */
    static long retryAfterMillis(Http.Answer answer) {
        long seconds;
        try {
            seconds = Long.parseLong(answer.header("Retry-After").orElse("1").trim());
        } catch (NumberFormatException e) {
            seconds = 1;
        }
        return Math.max(1, Math.min(5, seconds)) * 1000;
    }

    Figures snapshot() {
        long now = endNanos > 0 ? endNanos : System.nanoTime();
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        Histogram h = latencies.copy();
        long ok = succeeded.sum();
        long bad = failed.sum();
        long limited = rateLimited.sum();
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        List<long[]> buckets = new ArrayList<>();
        if (h.getTotalCount() > 0) {
            for (HistogramIterationValue v : h.logarithmicBucketValues(100, 1.25)) {
                buckets.add(new long[] {v.getValueIteratedTo(), v.getCountAddedInThisIterationStep()});
            }
        }
        List<long[]> series = new ArrayList<>();
        int last = (int) Math.min(MAX_SECONDS - 1, Math.ceil(seconds));
        for (int s = 0; s < last; s++)
            series.add(new long[] {s, okPerSecond.get(s), failedPerSecond.get(s), limitedPerSecond.get(s)});
        List<String> samples;
        synchronized (failureSamples) {
            samples = List.copyOf(failureSamples);
        }
        return new Figures(
                users,
                seconds,
                ok + bad + limited,
                ok,
                bad,
                limited,
                timeouts.sum(),
                (ok + bad) / seconds,
                h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50) / 1000.0,
                h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(90) / 1000.0,
                h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0,
                h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0,
                counts,
                samples,
                buckets,
                series);
    }
}
