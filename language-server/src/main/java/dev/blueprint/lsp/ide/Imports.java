package dev.blueprint.lsp.ide;

import dev.blueprint.lang.model.ImportDecl;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Where an import points, when its text names a file at all (a NUL or the like does not). */
final class Imports {
    private Imports() {}

    static Optional<Path> target(Path from, ImportDecl imp) {
        if (imp.target().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(from.resolveSibling(imp.target()).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
