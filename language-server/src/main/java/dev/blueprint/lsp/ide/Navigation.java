package dev.blueprint.lsp.ide;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.model.ImportDecl;
import dev.blueprint.lang.resolve.Reference;
import dev.blueprint.lang.resolve.Symbol;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Definition, references, highlights and rename: all over the core's reference index, across files. */
public final class Navigation {
    private Navigation() {}

    /** A place in a file. */
    public record Location(Path file, Span span) {}

    /** The symbol under the cursor. */
    public static Optional<Symbol> symbolAt(FileContext ctx, int offset) {
        return ctx.program().references().at(ctx.path(), offset).map(Reference::target);
    }

    public static List<Location> definition(FileContext ctx, int offset) {
        for (ImportDecl imp : ctx.file().decls(ImportDecl.class)) {
            if (imp.targetSpan().touches(offset)) {
                return Imports.target(ctx.path(), imp)
                        .filter(t -> ctx.snapshot().file(t).isPresent())
                        .map(t -> List.of(new Location(t, Span.EMPTY)))
                        .orElse(List.of());
            }
        }
        return symbolAt(ctx, offset)
                .map(s -> List.of(new Location(s.file(), s.nameSpan())))
                .orElse(List.of());
    }

    /** Every place naming the symbol under the cursor, in every program that sees its declaration. */
    public static List<Location> references(FileContext ctx, int offset, boolean includeDeclaration) {
        Optional<Symbol> sym = symbolAt(ctx, offset);
        if (sym.isEmpty()) {
            return List.of();
        }
        Symbol s = sym.get();
        Set<Location> out = new LinkedHashSet<>();
        for (Analysis a : programsSeeing(ctx, s)) {
            for (Symbol same : sameSymbols(a, s)) {
                for (Reference r : a.program().references().of(same)) {
                    boolean isDecl = r.file().equals(s.file()) && r.span().equals(s.nameSpan());
                    if (includeDeclaration || !isDecl) {
                        out.add(new Location(r.file(), r.span()));
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static List<Analysis> programsSeeing(FileContext ctx, Symbol s) {
        List<Analysis> list = new ArrayList<>(ctx.snapshot().analysesContaining(s.file()));
        if (!list.contains(ctx.analysis())) {
            list.add(0, ctx.analysis());
        }
        // files that import the declaring file through other roots
        for (Analysis a : ctx.snapshot().allAnalyses()) {
            if (!list.contains(a) && a.program().files().containsKey(s.file())) {
                list.add(a);
            }
        }
        return list;
    }

    /** The symbol in another analysis that is the same declaration (same file and name span). */
    private static List<Symbol> sameSymbols(Analysis a, Symbol s) {
        return a.program()
                .references()
                .at(s.file(), s.nameSpan().start())
                .map(Reference::target)
                .filter(t -> t.file().equals(s.file()) && t.nameSpan().equals(s.nameSpan()))
                .map(List::of)
                .orElse(List.of());
    }

    /** Occurrences of the symbol under the cursor in this file. */
    public static List<Span> highlights(FileContext ctx, int offset) {
        return references(ctx, offset, true).stream()
                .filter(l -> l.file().equals(ctx.path()))
                .map(Location::span)
                .toList();
    }

    /** The span a rename would change, when the cursor stands on a renamable name. */
    public static Optional<Span> prepareRename(FileContext ctx, int offset) {
        return ctx.program().references().at(ctx.path(), offset).map(Reference::span);
    }

    /** The result of a rename: the edits, or the reason it is refused. */
    public record Rename(List<Location> edits, String newName, String error) {}

    /** What a role may be renamed to: letters, digits and {@code _ - . : /}; never a quote, a backslash or a space. */
    static final String ROLE_NAME = "[\\p{L}\\p{N}_\\-.:/]+";

    public static Rename rename(FileContext ctx, int offset, String newName) {
        Optional<Symbol> sym = symbolAt(ctx, offset);
        if (sym.isPresent() && sym.get().kind() == Symbol.Kind.ROLE) {
            return renameRole(ctx, offset, sym.get(), newName);
        }
        if (!newName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return new Rename(List.of(), newName, "'" + newName + "' is not a valid name");
        }
        if (sym.isEmpty()) {
            return new Rename(List.of(), newName, "nothing to rename here");
        }
        Symbol s = sym.get();
        if ((s.kind() == Symbol.Kind.ENTITY || s.kind() == Symbol.Kind.ENUM)
                && ctx.program().type(newName).isPresent()
                && !newName.equals(s.name())) {
            return new Rename(List.of(), newName, "a type named '" + newName + "' already exists");
        }
        return new Rename(references(ctx, offset, true), newName, null);
    }

    /** A role is renamed inside its strings: the declaration, every rule and every API client naming it. */
    private static Rename renameRole(FileContext ctx, int offset, Symbol role, String newName) {
        if (!newName.matches(ROLE_NAME)) {
            return new Rename(
                    List.of(),
                    newName,
                    "'" + newName
                            + "' is not a role name: use letters, digits and _ - . : / (no quotes, backslashes or spaces)");
        }
        if (!newName.equals(role.name()) && ctx.program().roleSymbols().containsKey(newName)) {
            return new Rename(List.of(), newName, "a role named '" + newName + "' is already declared");
        }
        return new Rename(references(ctx, offset, true), newName, null);
    }
}
