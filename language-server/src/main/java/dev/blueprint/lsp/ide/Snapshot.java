package dev.blueprint.lsp.ide;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.model.ImportDecl;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.source.SourceProvider;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The workspace at one moment: the text of every known blueprint file (open documents over
 * the disk), immutable once made. Parses and analyses are computed on demand and memoized,
 * so any number of requests may share one snapshot. A file without a service that other
 * workspace files import is analysed through its importers, never alone.
 */
public final class Snapshot {
    private final long version;
    private final Analyzer analyzer;
    private final Map<Path, String> texts;
    private final SourceProvider fallback;
    private final Map<Path, Analysis> analyses = new ConcurrentHashMap<>();
    /** The previous snapshot's analyses: one whose files all read the same here is reused, not redone. */
    private final Map<Path, Analysis> earlier;
    /** Told of each program the tools fail on, with its root. */
    private final BiConsumer<Path, Throwable> failures;

    private final Map<Path, List<Tokens.Tok>> tokens = new ConcurrentHashMap<>();
    private final Map<Path, List<Tokens.Tok>> code = new ConcurrentHashMap<>();
    /** The latest cursor contexts asked for: completion, signature help and hover at one offset share one. */
    private final Map<Cursor, CursorContext> cursors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Cursor, CursorContext> eldest) {
            return size() > CURSORS;
        }
    };

    private static final int CURSORS = 16;

    private record Cursor(Path path, int offset) {}

    private volatile Map<Path, Set<Path>> importers;

    /**
     * @param texts every known file's text, by absolute normalized path
     * @param fallback where imports outside {@code texts} are read from (the disk)
     */
    public Snapshot(long version, Analyzer analyzer, Map<Path, String> texts, SourceProvider fallback) {
        this(version, analyzer, texts, fallback, null);
    }

    /**
     * A snapshot that reuses {@code previous}'s analyses of programs whose files (and missing
     * imports) read the same in this one: an edit re-analyses only the programs that include the
     * edited file. Only the previous snapshot's analyses are kept (those it had made when this one
     * was created), never the snapshot itself or a chain of them.
     */
    public Snapshot(
            long version, Analyzer analyzer, Map<Path, String> texts, SourceProvider fallback, Snapshot previous) {
        this(version, analyzer, texts, fallback, previous, (file, e) -> {});
    }

    /**
     * A snapshot as above that tells {@code failures} of each program the tools fail on (once: the failure is that
     * program's analysis, reused by later snapshots while its files read the same).
     */
    public Snapshot(
            long version,
            Analyzer analyzer,
            Map<Path, String> texts,
            SourceProvider fallback,
            Snapshot previous,
            BiConsumer<Path, Throwable> failures) {
        this.failures = failures;
        // a copy, emptied as it is consulted, so an analysis that was redone is not kept alive here
        this.earlier = previous == null ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(previous.analyses);
        this.version = version;
        this.analyzer = analyzer;
        this.texts = Collections.unmodifiableMap(new TreeMap<>(texts));
        this.fallback = fallback;
    }

    /** A snapshot of the given texts alone (tests, one-off analyses). */
    public static Snapshot of(Map<Path, String> texts) {
        return new Snapshot(0, new Analyzer(), texts, p -> Optional.empty());
    }

    public long version() {
        return version;
    }

    public Set<Path> paths() {
        return texts.keySet();
    }

    public Optional<String> text(Path path) {
        return Optional.ofNullable(texts.get(path));
    }

    private Optional<String> read(Path path) {
        String t = texts.get(path);
        return t != null ? Optional.of(t) : fallback.read(path);
    }

    /** The parsed file; empty when the snapshot does not know it. */
    public Optional<SourceFile> file(Path path) {
        return read(path).map(t -> analyzer.parse(path, t));
    }

    /** Which known files import each known file (directly). */
    private Map<Path, Set<Path>> importers() {
        Map<Path, Set<Path>> known = importers;
        if (known == null) {
            Map<Path, Set<Path>> m = new HashMap<>();
            for (Path p : texts.keySet()) {
                SourceFile f = analyzer.parse(p, texts.get(p));
                for (ImportDecl imp : f.decls(ImportDecl.class)) {
                    Imports.target(p, imp)
                            .ifPresent(target -> m.computeIfAbsent(target, k -> new LinkedHashSet<>())
                                    .add(p));
                }
            }
            importers = m;
            known = m;
        }
        return known;
    }

    /**
     * The programs (by root file) that {@code path} is analysed in: itself when it declares a
     * service or nothing imports it, else the roots of its importers.
     */
    public List<Path> rootsOf(Path path) {
        Set<Path> roots = new LinkedHashSet<>();
        Set<Path> seen = new HashSet<>();
        Deque<Path> work = new ArrayDeque<>(List.of(path));
        while (!work.isEmpty()) {
            Path p = work.pop();
            if (!seen.add(p)) {
                continue;
            }
            Set<Path> by = importers().getOrDefault(p, Set.of());
            boolean hasService =
                    file(p).map(f -> !f.decls(ServiceDecl.class).isEmpty()).orElse(false);
            if (hasService || by.isEmpty()) {
                roots.add(p);
            } else {
                work.addAll(by);
            }
        }
        if (roots.isEmpty()) {
            roots.add(path); // a pure import cycle without a service
        }
        return new ArrayList<>(roots);
    }

    /** The analysis of the program rooted at {@code root}. */
    public Analysis analysisOfRoot(Path root) {
        return analyses.computeIfAbsent(root, r -> {
            Analysis before = earlier.remove(r);
            if (before != null && unchanged(r, before)) {
                return before;
            }
            try {
                return analyzer.analyze(r, p -> p.equals(r) ? Optional.of(read(p).orElse("")) : read(p));
            } catch (Analyzer.UnreadableSourceException | RuntimeException | StackOverflowError e) {
                // a bug, not a mistake in the text (the root always reads): this program's failure, no other's
                failures.accept(r, e);
                return Analyzer.failed(r, read(r).orElse(""), "the tools failed on this file (" + e + "); see the log");
            }
        });
    }

    /** Whether the tools failed on the program of {@code analysis}, which then holds only that diagnostic. */
    private static boolean failed(Analysis analysis) {
        return analysis.diagnostics().stream().anyMatch(d -> d.code() == Code.ANALYSIS_FAILED);
    }

    /** Whether every file of an earlier analysis reads the same here, and every import it could not load still cannot be. */
    private boolean unchanged(Path root, Analysis before) {
        Map<Path, SourceFile> files = before.program().files();
        for (Map.Entry<Path, SourceFile> f : files.entrySet()) {
            Optional<String> now =
                    f.getKey().equals(root) ? Optional.of(read(root).orElse("")) : read(f.getKey());
            if (now.isEmpty() || !now.get().equals(f.getValue().text())) {
                return false;
            }
            for (ImportDecl imp : f.getValue().decls(ImportDecl.class)) {
                Optional<Path> target = Imports.target(f.getKey(), imp);
                if (target.isPresent()
                        && !files.containsKey(target.get())
                        && read(target.get()).isPresent()) {
                    return false; // a missing import appeared
                }
            }
        }
        return true;
    }

    /** The analysis that {@code path} is best seen through (its first root's). */
    public Analysis analysis(Path path) {
        return analysisOfRoot(rootsOf(path).get(0));
    }

    /** Every analysis that includes {@code path}. */
    public List<Analysis> analysesContaining(Path path) {
        List<Analysis> out = new ArrayList<>();
        for (Path root : rootsOf(path)) {
            Analysis a = analysisOfRoot(root);
            if (a.program().files().containsKey(path)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Every analysis of a program in the workspace (one per root). */
    public List<Analysis> allAnalyses() {
        Set<Path> roots = new LinkedHashSet<>();
        for (Path p : texts.keySet()) {
            roots.addAll(rootsOf(p));
        }
        return roots.stream().map(this::analysisOfRoot).toList();
    }

    /** The diagnostics of one file, from every program it belongs to, without repeats. */
    public List<Diagnostic> diagnostics(Path path) {
        LinkedHashSet<Diagnostic> out = new LinkedHashSet<>();
        for (Analysis a : analysesContaining(path)) {
            out.addAll(a.diagnosticsIn(path));
        }
        if (out.isEmpty() && analysesContaining(path).isEmpty()) {
            out.addAll(analysis(path).diagnosticsIn(path));
        }
        return List.copyOf(out);
    }

    /**
     * Forgets the memoized work of files not in {@code keep} (the open ones): the analyses of programs holding none
     * of them, their tokens, the cursor contexts, and the previous snapshot's analyses. What is asked for again is
     * computed again, with the same result.
     */
    public void forgetAllBut(Set<Path> keep) {
        earlier.clear();
        analyses.values().removeIf(a -> a.program().files().keySet().stream().noneMatch(keep::contains));
        tokens.keySet().retainAll(keep);
        code.keySet().retainAll(keep);
        synchronized (cursors) {
            cursors.clear();
        }
    }

    /** The tokens of a known file, lexed once per snapshot. */
    public List<Tokens.Tok> tokens(Path path) {
        return tokens.computeIfAbsent(path, p -> List.copyOf(Tokens.lex(texts.getOrDefault(p, ""))));
    }

    /** The tokens of a known file without its comments, once per snapshot. */
    public List<Tokens.Tok> codeTokens(Path path) {
        return code.computeIfAbsent(path, p -> Tokens.code(tokens(p)));
    }

    /** Where the cursor stands in a known file: made once per offset (among the latest few asked for). */
    CursorContext cursor(FileContext file, int offset) {
        synchronized (cursors) {
            return cursors.computeIfAbsent(new Cursor(file.path(), offset), c -> new CursorContext(file, offset));
        }
    }

    /**
     * The context for a feature request on one file; empty, so that every request on it is answered empty, when the
     * snapshot does not know the file, the file is past a bound of the language, or the tools failed on its program.
     */
    public Optional<FileContext> context(Path path) {
        if (!texts.containsKey(path)) {
            return Optional.empty();
        }
        Analysis a = analysis(path);
        SourceFile f = a.program().files().get(path);
        if (f == null) {
            f = analyzer.parse(path, texts.get(path));
        }
        if (f.refused() || failed(a)) {
            return Optional.empty();
        }
        return Optional.of(new FileContext(this, a, f));
    }
}
