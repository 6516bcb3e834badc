package dev.blueprint.lang.check;

import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.List;

/**
 * One finding. {@code fix}, when present, is a replacement for {@code span} that resolves it
 * (a "did you mean"), which editors offer as a quick fix.
 */
public record Diagnostic(
        Code code,
        Severity severity,
        Path file,
        Span span,
        String message,
        String fix,
        List<Related> related,
        boolean unnecessary) {

    public Diagnostic {
        related = List.copyOf(related);
    }

    public static Diagnostic of(Code code, Path file, Span span, String message) {
        return new Diagnostic(code, code.severity(), file, span, message, null, List.of(), false);
    }

    public Diagnostic withFix(String replacement) {
        return new Diagnostic(code, severity, file, span, message, replacement, related, unnecessary);
    }

    public Diagnostic withRelated(Path relatedFile, Span relatedSpan, String relatedMessage) {
        List<Related> more = new java.util.ArrayList<>(related);
        more.add(new Related(relatedFile, relatedSpan, relatedMessage));
        return new Diagnostic(code, severity, file, span, message, fix, more, unnecessary);
    }

    public Diagnostic markUnnecessary() {
        return new Diagnostic(code, severity, file, span, message, fix, related, true);
    }

    /** Another place that explains this diagnostic (the first declaration of a duplicate, …). */
    public record Related(Path file, Span span, String message) {}
}
