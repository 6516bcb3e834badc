package dev.blueprint.lsp.ide;

import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.Block;
import dev.blueprint.lang.model.Decl;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.EnumDecl;
import dev.blueprint.lang.model.ImportDecl;
import dev.blueprint.lang.model.Name;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.model.Setting;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.StoreDecl;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The outline of a file, and the declarations of the whole workspace. */
public final class Symbols {
    private Symbols() {}

    public enum SymbolKind {
        SERVICE,
        BLOCK,
        STORE,
        ENTITY,
        ENUM,
        FIELD,
        MEMBER,
        API,
        ENDPOINT,
        KEY,
        IMPORT
    }

    /** One outline entry: {@code span} is all of it, {@code selection} its name. */
    public record Outline(
            String name, String detail, SymbolKind kind, Span span, Span selection, List<Outline> children) {}

    /** A workspace symbol. */
    public record Found(String name, SymbolKind kind, String container, Path file, Span span) {}

    public static List<Outline> outline(SourceFile file) {
        List<Outline> out = new ArrayList<>();
        for (Decl d : file.decls()) {
            if (d instanceof ServiceDecl s) {
                out.add(new Outline(
                        name(s.name(), "service"),
                        "service",
                        SymbolKind.SERVICE,
                        s.span(),
                        sel(s.name(), s.span()),
                        settings(s.body())));
            } else if (d instanceof SettingsDecl s) {
                out.add(new Outline(
                        s.kind().keyword(), null, SymbolKind.BLOCK, s.span(), s.keywordSpan(), settings(s.body())));
            } else if (d instanceof StoreDecl s) {
                out.add(new Outline(
                        name(s.name(), "store"),
                        "store",
                        SymbolKind.STORE,
                        s.span(),
                        sel(s.name(), s.span()),
                        settings(s.body())));
            } else if (d instanceof EntityDecl e) {
                List<Outline> fields = new ArrayList<>();
                e.fields().stream()
                        .filter(f -> !f.name().isMissing())
                        .forEach(f -> fields.add(new Outline(
                                f.name().text(),
                                file.text()
                                                .substring(
                                                        f.type().span().start(),
                                                        Math.min(
                                                                f.type().span().end(),
                                                                file.text().length()))
                                        + (f.optional() ? "?" : ""),
                                SymbolKind.FIELD,
                                f.span(),
                                f.name().span(),
                                List.of())));
                out.add(new Outline(
                        name(e.name(), "entity"),
                        "entity",
                        SymbolKind.ENTITY,
                        e.span(),
                        sel(e.name(), e.span()),
                        fields));
            } else if (d instanceof EnumDecl e) {
                List<Outline> members = new ArrayList<>();
                e.members().stream()
                        .filter(m -> !m.isMissing())
                        .forEach(m -> members.add(
                                new Outline(m.text(), null, SymbolKind.MEMBER, m.span(), m.span(), List.of())));
                out.add(new Outline(
                        name(e.name(), "enum"), "enum", SymbolKind.ENUM, e.span(), sel(e.name(), e.span()), members));
            } else if (d instanceof ApiDecl a) {
                List<Outline> members = new ArrayList<>();
                for (var m : a.members()) {
                    if (m instanceof Resource r) {
                        members.add(new Outline(
                                r.path(),
                                "resource " + r.entity().text(),
                                SymbolKind.ENDPOINT,
                                r.span(),
                                r.pathSpan(),
                                List.of()));
                    } else if (m instanceof Route r) {
                        members.add(new Outline(
                                r.method().text() + " " + r.path(),
                                "-> " + r.entity().text() + (r.many() ? "[]" : ""),
                                SymbolKind.ENDPOINT,
                                r.span(),
                                r.pathSpan(),
                                List.of()));
                    }
                }
                out.add(new Outline(
                        "api \"" + a.prefix() + "\"",
                        Endpoint.of(a).size() + " endpoints",
                        SymbolKind.API,
                        a.span(),
                        a.prefixSpan(),
                        members));
            } else if (d instanceof ImportDecl i) {
                out.add(new Outline(
                        "import \"" + i.target() + "\"", null, SymbolKind.IMPORT, i.span(), i.targetSpan(), List.of()));
            }
        }
        return out;
    }

    private static String name(Name n, String fallback) {
        return n.isMissing() ? "(" + fallback + ")" : n.text();
    }

    private static Span sel(Name n, Span whole) {
        return n.isMissing() ? new Span(whole.start(), whole.start()) : n.span();
    }

    private static List<Outline> settings(Block b) {
        List<Outline> out = new ArrayList<>();
        for (Setting s : b.settings()) {
            if (s.key().isMissing()) {
                continue;
            }
            List<Outline> kids = s.value() instanceof Value.Nested n ? settings(n.block()) : List.of();
            out.add(new Outline(
                    s.key().text(), null, SymbolKind.KEY, s.span(), s.key().span(), kids));
        }
        return out;
    }

    /** Declarations in every workspace file whose name contains the query's letters in order (case-insensitive). */
    public static List<Found> workspace(Snapshot snapshot, String query) {
        List<Found> out = new ArrayList<>();
        String q = query.toLowerCase(Locale.ROOT);
        for (Path p : snapshot.paths()) {
            SourceFile f = snapshot.file(p).orElse(null);
            if (f == null) {
                continue;
            }
            for (Outline o : outline(f)) {
                if (o.kind() == SymbolKind.IMPORT) {
                    continue;
                }
                if (matches(o.name(), q)) {
                    out.add(new Found(o.name(), o.kind(), null, p, o.selection()));
                }
                if (o.kind() == SymbolKind.ENTITY || o.kind() == SymbolKind.ENUM || o.kind() == SymbolKind.API) {
                    for (Outline c : o.children()) {
                        if (matches(c.name(), q)) {
                            out.add(new Found(c.name(), c.kind(), o.name(), p, c.selection()));
                        }
                    }
                }
            }
        }
        return out;
    }

    static boolean matches(String name, String q) {
        String n = name.toLowerCase(Locale.ROOT);
        int i = 0;
        for (int j = 0; j < n.length() && i < q.length(); j++) {
            if (n.charAt(j) == q.charAt(i)) {
                i++;
            }
        }
        return i == q.length();
    }
}
