package dev.blueprint.bench;

import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.syntax.Parsing;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A quick warmed-up timing without JMH, for profiling: {@code Harness N ROUNDS}. Prints the
 * minimum and median of parse alone and of parse + resolve + check.
 */
public final class Harness {
    private Harness() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        String text = LargeBlueprint.generate(n);
        Path file = Path.of("/bench/large.blueprint").toAbsolutePath();
        long[] parse = new long[rounds];
        long[] analyze = new long[rounds];
        long[] analyzeCpu = new long[rounds];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            Parsing.parse(file, text);
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            new Analyzer().analyze(file, p -> Optional.of(text));
            analyzeCpu[i] = threads.getCurrentThreadCpuTime() - c1;
            long t2 = System.nanoTime();
            parse[i] = t1 - t0;
            analyze[i] = t2 - t1;
        }
        System.out.printf(
                "N=%d lines=%d parse min %.1f ms median %.1f ms; parse+resolve+check min %.1f ms median %.1f ms"
                        + " (this thread's CPU: min %.1f ms median %.1f ms)%n",
                n,
                text.split("\n").length,
                ms(min(parse)),
                ms(median(parse)),
                ms(min(analyze)),
                ms(median(analyze)),
                ms(min(analyzeCpu)),
                ms(median(analyzeCpu)));
    }

    private static long min(long[] a) {
        return Arrays.stream(a).min().orElse(0);
    }

    private static long median(long[] a) {
        long[] b = a.clone();
        Arrays.sort(b);
        return b[b.length / 2];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
