package dev.blueprint.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: no script, no external resource; the latency histogram and the
 * throughput over time are inline SVG.
 */
public final class HtmlReport {

    private HtmlReport() {}

    public static void write(Report report, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
    }

    static String render(Report r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc("blueprint validate: " + r.service() + " " + r.version()))
                .append("</title>\n<style>\n")
                .append(
                        "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1b1f24;padding:0 1em}\n")
                .append(
                        "table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}\n")
                .append(
                        "th{background:#f6f8fa}.PASSED{color:#1a7f37;font-weight:600}.FAILED{color:#cf222e;font-weight:600}.SKIPPED{color:#6e7781}\n")
                .append(
                        "pre{white-space:pre-wrap;margin:0;font-size:12px}.verdict{font-size:1.4em}svg{background:#fff;border:1px solid #d0d7de}\n")
                .append("code{font-size:12px}</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(r.service() + " " + r.version())).append("</h1>\n");
        h.append("<p class=\"verdict ")
                .append(r.passed() ? "PASSED" : "FAILED")
                .append("\">")
                .append(r.passed() ? "PASSED: every step passed" : "FAILED")
                .append("</p>\n");
        h.append("<p>Blueprint <code>")
                .append(esc(r.blueprint()))
                .append("</code>, database ")
                .append(esc(r.database()))
                .append(", started ")
                .append(esc(r.started()))
                .append(", ")
                .append(fmt(r.seconds()))
                .append(" s; load with ")
                .append(r.settings().connections())
                .append(" connections for ")
                .append(fmt(r.settings().durationSeconds()))
                .append(" s, client timeout ")
                .append(fmt(r.settings().requestTimeoutSeconds()))
                .append(" s.</p>\n");
        h.append(
                "<h2>Steps</h2>\n<table>\n<thead><tr><th>step</th><th>result</th><th>time</th><th>figures</th><th>reason</th></tr></thead>\n<tbody>\n");
        for (Report.Step s : r.steps()) {
            h.append("<tr><td>")
                    .append(esc(s.title()))
                    .append("</td><td class=\"")
                    .append(s.status().name())
                    .append("\">")
                    .append(s.status().name())
                    .append("</td><td>")
                    .append(fmt(s.seconds()))
                    .append(" s</td><td>");
            for (Map.Entry<String, Object> f : s.figures().entrySet()) {
                h.append(esc(f.getKey()))
                        .append(": <b>")
                        .append(esc(Report.format(f.getValue())))
                        .append("</b><br>");
            }
            h.append("</td><td><pre>").append(esc(s.reason())).append("</pre></td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (r.credentials() != null) {
            h.append("<h2>Security</h2>\n<p>The credentials validate used (never their values):</p>\n")
                    .append(
                            "<table>\n<thead><tr><th>kind</th><th>client or subject</th><th>roles</th><th>source</th></tr></thead>\n<tbody>\n");
            for (Credentials.Used u : r.credentials()) {
                h.append("<tr><td>")
                        .append(esc(u.kind()))
                        .append("</td><td>")
                        .append(esc(u.name()))
                        .append("</td><td>")
                        .append(esc(String.join(", ", u.roles())))
                        .append("</td><td>")
                        .append(esc(u.source()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
            long security = r.checks().stream().filter(Report.Check::security).count();
            long failed =
                    r.checks().stream().filter(c -> c.security() && !c.passed()).count();
            h.append("<p>")
                    .append(security)
                    .append(" security checks, ")
                    .append(failed)
                    .append(" failed (marked <i>security</i> below).</p>\n");
        }
        if (r.load() != null) {
            Load.Figures f = r.load();
            h.append("<h2>Load</h2>\n<p>")
                    .append(String.format(
                            Locale.ROOT,
                            "%,d requests, %.2f%% succeeded, %,.0f requests/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; %d timeouts.",
                            f.requests() - f.rateLimited(),
                            100 * f.successRate(),
                            f.throughput(),
                            f.p50Ms(),
                            f.p90Ms(),
                            f.p99Ms(),
                            f.maxMs(),
                            f.timeouts()));
            if (f.rateLimited() > 0) {
                h.append(String.format(
                        Locale.ROOT,
                        " Besides, %,d requests were answered 429 by the rate limit, each with Retry-After "
                                + "(not failures; not in the figures above).",
                        f.rateLimited()));
            }
            h.append("</p>\n");
            h.append("<h3>Latency histogram</h3>\n").append(histogram(f.histogram()));
            h.append("<h3>Throughput over time</h3>\n").append(throughput(f.perSecond()));
            h.append(
                    "<h3>Outcomes</h3>\n<table>\n<thead><tr><th>request and status</th><th>count</th></tr></thead>\n<tbody>\n");
            f.outcomes()
                    .forEach((k, v) -> h.append("<tr><td>")
                            .append(esc(k))
                            .append("</td><td>")
                            .append(v)
                            .append("</td></tr>\n"));
            h.append("</tbody>\n</table>\n");
            if (!f.failureSamples().isEmpty()) {
                h.append("<h3>First failures</h3>\n<ul>\n");
                f.failureSamples()
                        .forEach(s -> h.append("<li><code>").append(esc(s)).append("</code></li>\n"));
                h.append("</ul>\n");
            }
        }
        if (!r.checks().isEmpty()) {
            h.append(
                    "<h2>Functional checks</h2>\n<table>\n<thead><tr><th>check</th><th>request</th><th>expected</th><th>got</th><th>ms</th></tr></thead>\n<tbody>\n");
            for (Report.Check c : r.checks()) {
                h.append("<tr><td>")
                        .append(esc(c.what()))
                        .append(c.security() ? " <i>security</i>" : "")
                        .append("</td><td><code>")
                        .append(esc(c.method() + " " + c.path()))
                        .append("</code></td><td>")
                        .append(c.expected())
                        .append("</td><td class=\"")
                        .append(c.passed() ? "PASSED" : "FAILED")
                        .append("\">")
                        .append(esc(c.actual()))
                        .append("</td><td>")
                        .append(c.millis())
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        if (r.serviceLog() != null)
            h.append("<p>The service's output: <code>")
                    .append(esc(r.serviceLog()))
                    .append("</code></p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Bars per logarithmic latency bucket (microsecond bounds), count on a linear axis. */
    static String histogram(List<long[]> buckets) {
        int width = 1000;
        int height = 260;
        int left = 60;
        int bottom = 40;
        StringBuilder s = svgOpen(width, height, "latency histogram");
        List<long[]> shown = buckets.stream().filter(b -> b[1] > 0).toList();
        if (shown.isEmpty())
            return s.append(text(width / 2, height / 2, "no requests", "middle"))
                    .append("</svg>\n")
                    .toString();
        long max = shown.stream().mapToLong(b -> b[1]).max().orElse(1);
        double barWidth = (double) (width - left - 10) / shown.size();
        axes(s, width, height, left, bottom, max, "requests");
        for (int i = 0; i < shown.size(); i++) {
            long[] b = shown.get(i);
            double barHeight = (double) (height - bottom - 20) * b[1] / max;
            double x = left + i * barWidth;
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#0969da\"><title>≤ %s: %d</title></rect>\n",
                    x + 1,
                    height - bottom - barHeight,
                    Math.max(1, barWidth - 2),
                    barHeight,
                    ms(b[0]),
                    b[1]));
            if (shown.size() <= 12 || i % Math.max(1, shown.size() / 10) == 0) {
                s.append(text(x + barWidth / 2, height - bottom + 15, ms(b[0]), "middle"));
            }
        }
        s.append(text(width / 2.0, height - 5, "latency (upper bound of the bucket)", "middle"));
        return s.append("</svg>\n").toString();
    }

    /** Successful and failed requests per second. */
    static String throughput(List<long[]> seconds) {
        int width = 1000;
        int height = 260;
        int left = 60;
        int bottom = 40;
        StringBuilder s = svgOpen(width, height, "throughput over time");
        if (seconds.isEmpty())
            return s.append(text(width / 2, height / 2, "no requests", "middle"))
                    .append("</svg>\n")
                    .toString();
        long max =
                Math.max(1, seconds.stream().mapToLong(p -> p[1] + p[2]).max().orElse(1));
        axes(s, width, height, left, bottom, max, "requests/s");
        double step = (double) (width - left - 10) / seconds.size();
        StringBuilder ok = new StringBuilder();
        for (int i = 0; i < seconds.size(); i++) {
            long[] p = seconds.get(i);
            double x = left + i * step + step / 2;
            double y = height - bottom - (double) (height - bottom - 20) * p[1] / max;
            ok.append(i == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", x, y));
            if (p.length > 3 && p[3] > 0) {
                double lh = (double) (height - bottom - 20) * Math.min(p[3], max) / max;
                s.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#bf8700\" fill-opacity=\"0.5\"><title>second %d: %d rate limited (429)</title></rect>\n",
                        x - step / 4,
                        height - bottom - lh,
                        step / 2,
                        lh,
                        p[0] + 1,
                        p[3]));
            }
            if (p[2] > 0) {
                double fh = (double) (height - bottom - 20) * p[2] / max;
                s.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#cf222e\"><title>second %d: %d failed</title></rect>\n",
                        x - step / 4,
                        height - bottom - fh,
                        step / 2,
                        fh,
                        p[0] + 1,
                        p[2]));
            }
            s.append(String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#1a7f37\"><title>second %d: %d succeeded</title></circle>\n",
                    x,
                    y,
                    p[0] + 1,
                    p[1]));
            if (seconds.size() <= 20 || i % Math.max(1, seconds.size() / 10) == 0)
                s.append(text(x, height - bottom + 15, (p[0] + 1) + "s", "middle"));
        }
        s.append("<path d=\"")
                .append(ok.toString().trim())
                .append("\" fill=\"none\" stroke=\"#1a7f37\" stroke-width=\"2\"/>\n");
        s.append(text(
                width / 2.0,
                height - 5,
                "time (succeeded: green line; failed: red bars; 429 rate limited: orange bars)",
                "middle"));
        return s.append("</svg>\n").toString();
    }

    private static StringBuilder svgOpen(int width, int height, String label) {
        return new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" font-size=\"11\" font-family=\"sans-serif\">\n",
                width,
                height,
                width,
                height,
                esc(label)));
    }

    private static void axes(StringBuilder s, int width, int height, int left, int bottom, long max, String unit) {
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#57606a\"/>\n",
                left,
                height - bottom,
                width - 10,
                height - bottom));
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"20\" x2=\"%d\" y2=\"%d\" stroke=\"#57606a\"/>\n",
                left,
                left,
                height - bottom));
        for (int i = 0; i <= 4; i++) {
            double y = height - bottom - (height - bottom - 20) * i / 4.0;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eaeef2\"/>\n",
                    left + 1,
                    y,
                    width - 10,
                    y));
            s.append(text(left - 5, y + 4, Long.toString(Math.round(max * i / 4.0)), "end"));
        }
        s.append(text(12, 14, unit, "start"));
    }

    private static String text(double x, double y, String text, String anchor) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"#57606a\">%s</text>\n",
                x,
                y,
                anchor,
                esc(text));
    }

    private static String ms(long micros) {
        if (micros < 1000) return micros + " µs";
        if (micros < 10_000) return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
        if (micros < 1_000_000) return (micros / 1000) + " ms";
        return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
    }

    private static String fmt(double v) {
        return Report.format(v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
