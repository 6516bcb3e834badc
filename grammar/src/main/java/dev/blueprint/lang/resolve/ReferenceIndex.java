package dev.blueprint.lang.resolve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which span refers to which declaration, both ways: the basis of go to definition,
 * references, highlights and rename. Declarations count as references to themselves.
 */
public final class ReferenceIndex {
    private final Map<Path, List<Reference>> byFile = new HashMap<>();
    private final Map<Symbol, List<Reference>> bySymbol = new LinkedHashMap<>();

    void add(Reference ref) {
        byFile.computeIfAbsent(ref.file(), f -> new ArrayList<>()).add(ref);
        bySymbol.computeIfAbsent(ref.target(), s -> new ArrayList<>()).add(ref);
    }

    /** The reference (or declaration name) under {@code offset} in {@code file}. */
    public Optional<Reference> at(Path file, int offset) {
        Reference best = null;
        for (Reference r : byFile.getOrDefault(file, List.of())) {
            if (r.span().touches(offset)
                    && (best == null || r.span().length() < best.span().length())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every place naming {@code symbol}, its declaration first. */
    public List<Reference> of(Symbol symbol) {
        return Collections.unmodifiableList(bySymbol.getOrDefault(symbol, List.of()));
    }

    public List<Reference> inFile(Path file) {
        return Collections.unmodifiableList(byFile.getOrDefault(file, List.of()));
    }

    public boolean isReferencedOutsideDeclaration(Symbol symbol) {
        return of(symbol).stream()
                .anyMatch(r -> !(r.file().equals(symbol.file()) && r.span().equals(symbol.nameSpan())));
    }
}
