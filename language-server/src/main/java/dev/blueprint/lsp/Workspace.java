package dev.blueprint.lsp;

import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.naming.BlueprintFiles;
import dev.blueprint.lang.syntax.Limits;
import dev.blueprint.lsp.ide.Snapshot;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The server's mutable view of the workspace: open documents (an overlay) over the texts of
 * the workspace's files on disk. Every change makes a new version; {@link #snapshot()} hands out
 * an immutable {@link Snapshot} of the current version. Thread-safe.
 */
public final class Workspace {
    private static final Set<String> SKIPPED =
            Set.of(".git", "target", "node_modules", ".idea", ".vscode", "build", "out");

    private final Analyzer analyzer = new Analyzer();
    /** Told of each program the tools fail on. */
    private final BiConsumer<Path, Throwable> failures;

    private final Map<Path, String> disk = new HashMap<>();
    private final Map<Path, String> open = new HashMap<>();
    private long version;
    private Snapshot current;
    /** The last snapshot handed out, whose analyses the next one may reuse. */
    private Snapshot last;

    /** @param failures told of each program the tools fail on (its root), once per text */
    public Workspace(BiConsumer<Path, Throwable> failures) {
        this.failures = failures;
    }

    /** Reads every {@code .blueprint} file under {@code root}. */
    public void scan(Path root) throws IOException {
        Map<Path, String> found = new HashMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (BlueprintFiles.isBlueprint(file) && attrs.isRegularFile()) {
                    readBlueprint(file)
                            .ifPresent(t -> found.put(file.toAbsolutePath().normalize(), t));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        synchronized (this) {
            disk.putAll(found);
            changed();
        }
    }

    static Optional<String> readDisk(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * A blueprint's text on disk, read as the command line reads it (strict UTF-8, a byte order mark dropped), but
     * never more than one character past {@link Limits#MAX_FILE_CHARS}: a larger file is refused by the parser
     * anyway, so a huge file costs no more memory than that. Empty when it cannot be read or is not UTF-8.
     */
    static Optional<String> readBlueprint(Path file) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader in = new InputStreamReader(Files.newInputStream(file), utf8)) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            int n;
            while (text.length() <= Limits.MAX_FILE_CHARS && (n = in.read(buffer)) >= 0) {
                text.append(buffer, 0, n);
            }
            int bom = text.length() > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
            return Optional.of(text.substring(bom, Math.min(text.length(), Limits.MAX_FILE_CHARS + 1 + bom)));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Optional.empty(); // unreadable, a folder, or not UTF-8 (MalformedInputException)
        }
    }

    public synchronized void open(Path path, String text) {
        open.put(path, text);
        changed();
    }

    public synchronized Optional<String> openText(Path path) {
        return Optional.ofNullable(open.get(path));
    }

    public synchronized void change(Path path, String text) {
        open.put(path, text);
        changed();
    }

    /** Closes a document: the disk's text (if any) takes over. */
    public synchronized void close(Path path) {
        open.remove(path);
        Optional<String> onDisk = readBlueprint(path);
        if (onDisk.isPresent()) {
            disk.put(path, onDisk.get());
        } else {
            disk.remove(path);
            analyzer.forget(path);
        }
        changed();
    }

    /** A file changed on disk (created or modified: re-read; deleted: forgotten). */
    public synchronized void diskChanged(Path path, boolean deleted) {
        if (deleted) {
            disk.remove(path);
            if (!open.containsKey(path)) {
                analyzer.forget(path);
            }
        } else {
            Optional<String> text = readBlueprint(path);
            if (text.isPresent()) {
                disk.put(path, text.get());
            } else {
                disk.remove(path); // no longer readable as a blueprint: as if deleted (the command line cannot read it)
            }
        }
        changed();
    }

    private void changed() {
        version++;
        current = null;
    }

    public synchronized long version() {
        return version;
    }

    public synchronized boolean isOpen(Path path) {
        return open.containsKey(path);
    }

    public synchronized List<Path> openPaths() {
        return List.copyOf(open.keySet());
    }

    /**
     * Drops what can be made again for the files that are not open: their parses, every cached analysis of a program
     * none of whose files is open, and the previous snapshot's analyses. Run under memory pressure; later requests
     * and diagnostics compute what they need again.
     */
    public synchronized void trim() {
        for (Path p : disk.keySet()) {
            if (!open.containsKey(p)) {
                analyzer.forget(p);
            }
        }
        last = null;
        if (current != null) {
            current.forgetAllBut(open.keySet());
        }
    }

    /** The current snapshot (the same object until the next change). */
    public synchronized Snapshot snapshot() {
        if (current == null) {
            Map<Path, String> texts = new HashMap<>(disk);
            texts.putAll(open);
            current = new Snapshot(version, analyzer, texts, Workspace::readBlueprint, last, failures);
            last = current;
        }
        return current;
    }
}
