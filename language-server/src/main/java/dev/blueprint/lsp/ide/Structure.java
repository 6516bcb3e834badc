package dev.blueprint.lsp.ide;

import dev.blueprint.lang.format.Formatter;
import dev.blueprint.lang.model.Access;
import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.Attribute;
import dev.blueprint.lang.model.Block;
import dev.blueprint.lang.model.Comment;
import dev.blueprint.lang.model.Decl;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.EnumDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.ImportDecl;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.model.Setting;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.StoreDecl;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Folding ranges, selection ranges and formatting: features over the shape of one file. */
public final class Structure {
    private Structure() {}

    /** A foldable region, in 0-based lines; {@code comment} for comment blocks. */
    public record Fold(int startLine, int endLine, boolean comment) {}

    public static List<Fold> folding(SourceFile file) {
        List<Fold> out = new ArrayList<>();
        for (Decl d : file.decls()) {
            addFold(file, d.span(), false, out);
            Block body = d instanceof ServiceDecl s
                    ? s.body()
                    : d instanceof StoreDecl s ? s.body() : d instanceof SettingsDecl s ? s.body() : null;
            if (body != null) {
                nested(file, body, out);
            }
        }
        List<Comment> comments = file.comments();
        int i = 0;
        while (i < comments.size()) {
            Comment c = comments.get(i);
            if (c.isBlock()) {
                addFold(file, c.span(), true, out);
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < comments.size()
                    && !comments.get(j + 1).isBlock()
                    && file.lines().line(comments.get(j + 1).span().start())
                            == file.lines().line(comments.get(j).span().start()) + 1) {
                j++;
            }
            if (j > i) {
                addFold(file, new Span(c.span().start(), comments.get(j).span().end()), true, out);
            }
            i = j + 1;
        }
        out.sort(Comparator.comparingInt(Fold::startLine));
        return out;
    }

    private static void nested(SourceFile file, Block b, List<Fold> out) {
        for (Setting s : b.settings()) {
            if (s.value() instanceof Value.Nested n) {
                addFold(file, s.span(), false, out);
                nested(file, n.block(), out);
            }
        }
    }

    private static void addFold(SourceFile file, Span span, boolean comment, List<Fold> out) {
        int a = file.lines().line(span.start());
        int b = file.lines().line(Math.max(span.start(), span.end() - 1));
        if (b > a) {
            out.add(new Fold(a, b, comment));
        }
    }

    /** The nested spans around {@code offset}, innermost first: word, node, …, declaration, file. */
    public static List<Span> selection(SourceFile file, int offset) {
        TreeSet<Span> spans =
                new TreeSet<>(Comparator.comparingInt(Span::length).thenComparingInt(Span::start));
        for (Decl d : file.decls()) {
            if (!d.span().touches(offset)) {
                continue;
            }
            spans.add(d.span());
            if (d instanceof ServiceDecl s) {
                block(s.body(), offset, spans);
                if (s.name().span().touches(offset)) spans.add(s.name().span());
            } else if (d instanceof StoreDecl s) {
                block(s.body(), offset, spans);
                if (s.name().span().touches(offset)) spans.add(s.name().span());
            } else if (d instanceof SettingsDecl s) {
                block(s.body(), offset, spans);
            } else if (d instanceof EntityDecl e) {
                if (e.name().span().touches(offset)) spans.add(e.name().span());
                for (Field f : e.fields()) {
                    if (f.span().touches(offset)) {
                        spans.add(f.span());
                        for (Span s : List.of(
                                f.name().span(),
                                f.type().span(),
                                f.type().name().span())) {
                            if (s.touches(offset)) spans.add(s);
                        }
                        for (Attribute a : f.attributes()) {
                            if (a.span().touches(offset)) {
                                spans.add(a.span());
                                if (a.name().span().touches(offset))
                                    spans.add(a.name().span());
                                a.args().forEach(v -> value(v, offset, spans));
                            }
                        }
                        if (f.defaultValue() != null) value(f.defaultValue(), offset, spans);
                    }
                }
            } else if (d instanceof EnumDecl e) {
                e.members().stream().filter(m -> m.span().touches(offset)).forEach(m -> spans.add(m.span()));
            } else if (d instanceof ApiDecl a) {
                if (a.prefixSpan().touches(offset)) spans.add(a.prefixSpan());
                for (var m : a.members()) {
                    if (!m.span().touches(offset)) continue;
                    spans.add(m.span());
                    if (m instanceof Resource r) {
                        for (Span s : List.of(r.pathSpan(), r.entity().span())) if (s.touches(offset)) spans.add(s);
                        r.operations().stream()
                                .map(o -> o.name().span())
                                .filter(o -> o.touches(offset))
                                .forEach(spans::add);
                        access(r.access(), offset, spans);
                        for (var o : r.operations()) {
                            if (o.access() != null && o.span().touches(offset)) {
                                spans.add(o.span());
                                access(o.access(), offset, spans);
                            }
                        }
                    } else if (m instanceof Route r) {
                        for (Span s : List.of(
                                r.pathSpan(), r.entity().span(), r.method().span()))
                            if (s.touches(offset)) spans.add(s);
                        for (Route.Condition c : r.where()) {
                            if (c.span().touches(offset)) {
                                spans.add(c.span());
                                if (c.field().span().touches(offset))
                                    spans.add(c.field().span());
                                if (c.param().span().touches(offset))
                                    spans.add(c.param().span());
                            }
                        }
                        if (!r.where().isEmpty()) {
                            Span all = r.where()
                                    .get(0)
                                    .span()
                                    .union(r.where().get(r.where().size() - 1).span());
                            if (all.touches(offset)) spans.add(all);
                        }
                        if (r.order() != null && r.order().span().touches(offset))
                            spans.add(r.order().span());
                        access(r.access(), offset, spans);
                    }
                }
            } else if (d instanceof ImportDecl i && i.targetSpan().touches(offset)) {
                spans.add(i.targetSpan());
            }
        }
        spans.add(new Span(0, file.text().length()));
        spans.removeIf(s -> s.length() == 0);
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            if (out.isEmpty() || s.covers(out.get(out.size() - 1)) && !s.equals(out.get(out.size() - 1))) {
                out.add(s);
            }
        }
        return out;
    }

    /** An access rule: the whole rule, then the role string and its inside (the role's name). */
    private static void access(Access a, int offset, TreeSet<Span> spans) {
        if (a == null || !a.span().touches(offset)) return;
        spans.add(a.span());
        for (Access.RoleRef role : a.roles()) {
            if (role.span().touches(offset)) {
                spans.add(role.span());
                if (role.span().length() > 2)
                    spans.add(new Span(role.span().start() + 1, role.span().end() - 1));
            }
        }
    }

    private static void block(Block b, int offset, TreeSet<Span> spans) {
        if (!b.span().touches(offset)) return;
        spans.add(b.span());
        for (Setting s : b.settings()) {
            if (s.span().touches(offset)) {
                spans.add(s.span());
                if (s.key().span().touches(offset)) spans.add(s.key().span());
                value(s.value(), offset, spans);
            }
        }
    }

    private static void value(Value v, int offset, TreeSet<Span> spans) {
        if (!v.span().touches(offset)) return;
        spans.add(v.span());
        if (v instanceof Value.Nested n) {
            block(n.block(), offset, spans);
        } else if (v instanceof Value.ListOf l) {
            l.items().forEach(x -> value(x, offset, spans));
        } else if (v instanceof Value.Range r) {
            value(r.low(), offset, spans);
            value(r.high(), offset, spans);
        } else if (v instanceof Value.Env e) {
            if (e.variableSpan().touches(offset)) spans.add(e.variableSpan());
            if (e.fallback() != null) value(e.fallback(), offset, spans);
        }
    }

    /** The whole file in canonical layout; empty when it has syntax errors or is already formatted. */
    public static Optional<String> format(SourceFile file) {
        return Formatter.format(file).filter(s -> !s.equals(file.text()));
    }
}
