package dev.blueprint.lang.source;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where source texts come from. The core never reads files itself: the command line backs
 * this with the disk, the language server with its open documents over the disk.
 */
@FunctionalInterface
public interface SourceProvider {
    /** The text of {@code path}, or empty when there is no such readable source. */
    Optional<String> read(Path path);
}
