package dev.blueprint.lang;

import dev.blueprint.lang.check.Checker;
import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.SyntaxError;
import dev.blueprint.lang.resolve.Resolver;
import dev.blueprint.lang.source.LineMap;
import dev.blueprint.lang.source.SourceProvider;
import dev.blueprint.lang.source.Span;
import dev.blueprint.lang.syntax.Limits;
import dev.blueprint.lang.syntax.Parsing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The front door of the language core: parse, resolve and check a program. Shared by the
 * command line, the language server and the generator. An instance caches parsed files by
 * path and text, so re-analysing after an edit re-parses only what changed; it is safe to
 * use from several threads.
 */
public final class Analyzer {
    private final Map<Path, SourceFile> parsed = new ConcurrentHashMap<>();

    /** The text of the root could not be read. */
    public static final class UnreadableSourceException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreadableSourceException(Path path) {
            super("cannot read " + path);
        }
    }

    /** Analyses the program rooted at {@code root}, reading every file through {@code sources}. */
    public Analysis analyze(Path root, SourceProvider sources) throws UnreadableSourceException {
        Path normalized = root.toAbsolutePath().normalize();
        SourceFile rootFile = load(normalized, sources).orElseThrow(() -> new UnreadableSourceException(normalized));
        return analyze(rootFile, sources);
    }

    /** Parses one text (through the cache). */
    public SourceFile parse(Path path, String text) {
        SourceFile cached = parsed.get(path);
        if (cached != null && cached.text().equals(text)) {
            return cached;
        }
        SourceFile fresh = Parsing.parse(path, text);
        parsed.put(path, fresh);
        return fresh;
    }

    /** Forgets a file's parse, when it is closed or deleted. */
    public void forget(Path path) {
        parsed.remove(path);
    }

    /**
     * The analysis of a program the tools failed on (a bug, not a mistake in the text): its root file declaring
     * nothing, and one {@link Code#ANALYSIS_FAILED} diagnostic with {@code message}. The editor shows it in place of
     * the program's diagnostics, so one failing program never takes the others with it.
     */
    public static Analysis failed(Path root, String text, String message) {
        SourceFile empty = new SourceFile(root, text, new LineMap(text), List.of(), List.of(), List.of());
        Resolver.Result resolved = Resolver.resolve(empty, p -> Optional.empty());
        Checker.Result checked = Checker.check(resolved.program(), new ArrayList<>());
        return new Analysis(
                resolved.program(),
                checked.config(),
                List.of(Diagnostic.of(Code.ANALYSIS_FAILED, root, new Span(0, 0), message)));
    }

    private Optional<SourceFile> load(Path path, SourceProvider sources) {
        return sources.read(path).map(text -> parse(path, text));
    }

    private Analysis analyze(SourceFile root, SourceProvider sources) {
        Resolver.Result resolved = Resolver.resolve(root, p -> load(p, sources));
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (SourceFile f : resolved.program().files().values()) {
            for (SyntaxError e : f.syntaxErrors()) {
                diagnostics.add(Diagnostic.of(e.code(), f.path(), e.span(), e.message()));
            }
        }
        Checker.Result checked = Checker.check(resolved.program(), new ArrayList<>());
        if (!root.refused()) { // a root past a bound declares nothing: its one error says why, nothing follows from it
            diagnostics.addAll(resolved.diagnostics());
            diagnostics.addAll(checked.diagnostics());
        }
        diagnostics.sort(Comparator.comparing((Diagnostic d) -> d.file().toString())
                .thenComparingInt(d -> d.span().start())
                .thenComparing(d -> d.code().id()));
        return new Analysis(resolved.program(), checked.config(), capped(diagnostics));
    }

    /**
     * At most {@link Limits#MAX_DIAGNOSTICS_PER_FILE} diagnostics per file (the first ones, by position), and one
     * more saying so where the rest begin.
     */
    private static List<Diagnostic> capped(List<Diagnostic> sorted) {
        List<Diagnostic> out = new ArrayList<>();
        Path file = null;
        int inFile = 0;
        for (Diagnostic d : sorted) {
            if (!d.file().equals(file)) {
                file = d.file();
                inFile = 0;
            }
            inFile++;
            if (inFile <= Limits.MAX_DIAGNOSTICS_PER_FILE) {
                out.add(d);
            } else if (inFile == Limits.MAX_DIAGNOSTICS_PER_FILE + 1) {
                out.add(Diagnostic.of(
                        Code.TOO_MANY_DIAGNOSTICS,
                        file,
                        d.span(),
                        "more than " + Limits.MAX_DIAGNOSTICS_PER_FILE + " diagnostics in this file: only the first "
                                + Limits.MAX_DIAGNOSTICS_PER_FILE + " are shown"));
            }
        }
        return out;
    }
}
