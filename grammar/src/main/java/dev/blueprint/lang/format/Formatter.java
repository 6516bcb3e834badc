package dev.blueprint.lang.format;

import dev.blueprint.lang.model.Access;
import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.ApiMember;
import dev.blueprint.lang.model.Attribute;
import dev.blueprint.lang.model.Block;
import dev.blueprint.lang.model.Comment;
import dev.blueprint.lang.model.Decl;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.EnumDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.ImportDecl;
import dev.blueprint.lang.model.Name;
import dev.blueprint.lang.model.Node;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.model.Setting;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.StoreDecl;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.source.Span;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The canonical layout: two-space indents, one declaration after another with a blank line
 * between, one setting, field or api member per line, entity field types aligned, a blank
 * line inside a block kept where the author put one. Literals are kept exactly as written
 * and every comment is kept: a comment on a line of its own stays above what follows it, a
 * comment after code stays at the end of that line. Files with syntax errors are not
 * formatted, since their meaning is not known.
 */
public final class Formatter {
    private static final String INDENT = "  ";

    private final SourceFile file;
    private final String text;
    private final List<Comment> comments;
    private final StringBuilder out = new StringBuilder();
    private int nextComment;
    private int depth;

    private Formatter(SourceFile file) {
        this.file = file;
        this.text = file.text();
        this.comments = file.comments();
    }

    /** The formatted text, or empty when the file has syntax errors. */
    public static Optional<String> format(SourceFile file) {
        if (!file.syntaxErrors().isEmpty()) {
            return Optional.empty();
        }
        Formatter f = new Formatter(file);
        f.file();
        return Optional.of(f.out.toString());
    }

    private void file() {
        Decl previous = null;
        for (Decl decl : file.decls()) {
            if (previous != null) {
                boolean importsRun = previous instanceof ImportDecl && decl instanceof ImportDecl;
                out.append(
                        importsRun
                                        && !blankLineBetween(
                                                previous.span().end(),
                                                decl.span().start())
                                ? ""
                                : "\n");
            }
            leadingComments(
                    decl.span().start(), previous == null ? 0 : previous.span().end());
            declaration(decl);
            previous = decl;
        }
        int lastEnd = previous == null ? 0 : previous.span().end();
        if (nextComment < comments.size() && previous != null) {
            out.append('\n');
        }
        leadingComments(text.length() + 1, lastEnd);
        while (out.length() > 0
                && out.charAt(out.length() - 1) == '\n'
                && out.length() > 1
                && out.charAt(out.length() - 2) == '\n') {
            out.setLength(out.length() - 1);
        }
    }

    private void declaration(Decl decl) {
        if (decl instanceof ImportDecl i) {
            line("import " + slice(i.targetSpan()), i.span());
        } else if (decl instanceof ServiceDecl s) {
            settingsBlock("service " + s.name().text(), s.body(), s.span());
        } else if (decl instanceof SettingsDecl s) {
            settingsBlock(s.kind().keyword(), s.body(), s.span());
        } else if (decl instanceof StoreDecl s) {
            settingsBlock("store " + s.name().text(), s.body(), s.span());
        } else if (decl instanceof EnumDecl e) {
            enumDecl(e);
        } else if (decl instanceof EntityDecl e) {
            entity(e);
        } else if (decl instanceof ApiDecl a) {
            api(a);
        }
    }

    // ---- blocks ------------------------------------------------------------------------

    private void settingsBlock(String header, Block body, Span whole) {
        if (body.settings().isEmpty() && !hasCommentsIn(body.span())) {
            line(header + " {}", whole);
            return;
        }
        open(header);
        members(body.settings(), body.span(), s -> setting(s));
        close(whole);
    }

    private void setting(Setting s) {
        if (s.value() instanceof Value.Nested n) {
            settingsBlock(s.key().text(), n.block(), s.span());
        } else {
            line(s.key().text() + " " + value(s.value()), s.span());
        }
    }

    private void enumDecl(EnumDecl e) {
        String members = e.members().stream().map(Name::text).collect(Collectors.joining(", "));
        if (!hasCommentsIn(e.span())) {
            line("enum " + e.name().text() + " {" + (members.isEmpty() ? "" : " " + members + " ") + "}", e.span());
            return;
        }
        open("enum " + e.name().text());
        for (int i = 0; i < e.members().size(); i++) {
            Name m = e.members().get(i);
            leadingComments(
                    m.span().start(),
                    i == 0 ? e.span().start() : e.members().get(i - 1).span().end());
            line(m.text() + (i < e.members().size() - 1 ? "," : ""), m.span());
        }
        int lastEnd = e.members().isEmpty()
                ? e.span().start()
                : e.members().get(e.members().size() - 1).span().end();
        leadingComments(e.span().end() - 1, lastEnd);
        close(e.span());
    }

    private void entity(EntityDecl e) {
        if (e.fields().isEmpty() && !hasCommentsIn(e.span())) {
            line("entity " + e.name().text() + " {}", e.span());
            return;
        }
        int width = e.fields().stream()
                        .mapToInt(f -> f.name().text().length())
                        .max()
                        .orElse(0)
                + 1;
        open("entity " + e.name().text());
        members(e.fields(), e.span(), f -> line(field(f, width), f.span()));
        close(e.span());
    }

    private String field(Field f, int width) {
        StringBuilder s = new StringBuilder();
        String label = f.name().text() + ":";
        s.append(label).append(" ".repeat(Math.max(1, width - label.length() + 1)));
        s.append(f.type().name().text());
        if (!f.type().args().isEmpty()) {
            s.append('(')
                    .append(f.type().args().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (f.optional()) {
            s.append('?');
        }
        for (Attribute a : f.attributes()) {
            s.append(" @").append(a.name().text());
            if (!a.args().isEmpty() || slice(a.span()).endsWith(")")) {
                s.append('(')
                        .append(a.args().stream().map(this::value).collect(Collectors.joining(", ")))
                        .append(')');
            }
        }
        if (f.defaultValue() != null) {
            s.append(" = ").append(value(f.defaultValue()));
        }
        return s.toString();
    }

    private void api(ApiDecl a) {
        if (a.members().isEmpty() && !hasCommentsIn(a.span())) {
            line("api " + slice(a.prefixSpan()) + " {}", a.span());
            return;
        }
        open("api " + slice(a.prefixSpan()));
        members(a.members(), a.span(), m -> line(member(m), m.span()));
        close(a.span());
    }

    private String member(ApiMember m) {
        if (m instanceof Resource r) {
            String ops = r.allOperations()
                    ? ""
                    : " { "
                            + r.operations().stream()
                                    .map(o -> o.name().text() + access(o.access()))
                                    .collect(Collectors.joining(", "))
                            + " }";
            return ("resource " + slice(r.pathSpan()) + " " + r.entity().text() + access(r.access()) + ops)
                    .replace("{  }", "{}");
        }
        Route r = (Route) m;
        StringBuilder s = new StringBuilder("route ")
                .append(r.method().text())
                .append(' ')
                .append(slice(r.pathSpan()))
                .append(" -> ")
                .append(r.entity().text())
                .append(r.many() ? "[]" : "");
        for (int i = 0; i < r.where().size(); i++) {
            Route.Condition c = r.where().get(i);
            s.append(i == 0 ? " where " : " and ")
                    .append(c.field().text())
                    .append(" == $")
                    .append(c.param().text());
        }
        if (r.order() != null) {
            s.append(" order by ").append(r.order().field().text());
            if (r.order().descending()) {
                s.append(" desc");
            } else if (slice(r.order().span()).endsWith("asc")) {
                s.append(" asc");
            }
        }
        if (r.limit() != null) {
            s.append(" limit ").append(r.limit().value());
        }
        return s.append(access(r.access())).toString();
    }

    /** " public", " requires role(\"a\", \"b\")", or "" when no rule is written. */
    private String access(Access a) {
        if (a == null) {
            return "";
        }
        if (a.isPublic()) {
            return " public";
        }
        return " requires " + a.requirement().text() + "("
                + a.roles().stream().map(r -> slice(r.span())).collect(Collectors.joining(", ")) + ")";
    }

    private <T extends Node> void members(List<T> nodes, Span container, java.util.function.Consumer<T> emit) {
        int previousEnd = -1;
        for (T node : nodes) {
            if (previousEnd >= 0
                    && blankLineBetween(
                            previousEnd,
                            firstCommentOrStart(previousEnd, node.span().start()))) {
                out.append('\n');
            }
            leadingComments(node.span().start(), previousEnd < 0 ? container.start() : previousEnd);
            emit.accept(node);
            previousEnd = node.span().end();
        }
        leadingComments(container.end() - 1, previousEnd < 0 ? container.start() : previousEnd);
    }

    // ---- values ------------------------------------------------------------------------

    private String value(Value v) {
        if (v instanceof Value.Ident i) {
            return i.name().text();
        } else if (v instanceof Value.Range r) {
            return value(r.low()) + ".." + value(r.high());
        } else if (v instanceof Value.ListOf l) {
            return "[" + l.items().stream().map(this::value).collect(Collectors.joining(", ")) + "]";
        } else if (v instanceof Value.Env e) {
            return "env(" + slice(e.variableSpan()) + (e.fallback() == null ? "" : ", " + value(e.fallback())) + ")";
        } else if (v instanceof Value.Nested n) {
            return "{ "
                    + n.block().settings().stream()
                            .map(s -> s.key().text() + " " + value(s.value()))
                            .collect(Collectors.joining(" "))
                    + " }";
        }
        return slice(v.span());
    }

    // ---- layout and comments -----------------------------------------------------------

    private void open(String header) {
        indent();
        out.append(header).append(" {\n");
        depth++;
    }

    private void close(Span whole) {
        depth--;
        indent();
        out.append('}');
        trailingComment(whole.end());
        out.append('\n');
    }

    private void line(String content, Span span) {
        indent();
        out.append(content);
        trailingComment(span.end());
        out.append('\n');
    }

    private void indent() {
        out.append(INDENT.repeat(depth));
    }

    /** A comment that starts on the same source line as {@code end}, after it, is written at the end of the line. */
    private void trailingComment(int end) {
        if (nextComment >= comments.size()) {
            return;
        }
        Comment c = comments.get(nextComment);
        // A doc comment documents what follows it, even after code on the same line: it goes on
        // its own line above that, or moving it away would drop the doc from the model.
        if (c.text().startsWith("///")) {
            return;
        }
        if (c.span().start() >= end
                && file.lines().line(c.span().start()) == file.lines().line(Math.max(0, end - 1))
                && text.substring(end, c.span().start()).replace(",", "").isBlank()
                && text.substring(end, c.span().start()).indexOf('\n') < 0) {
            out.append("  ").append(c.text().stripTrailing());
            nextComment++;
        }
    }

    /** Writes, each on its own line, the comments that start before {@code offset}. */
    private void leadingComments(int offset, int after) {
        int previousEnd = after;
        boolean first = true;
        while (nextComment < comments.size() && comments.get(nextComment).span().start() < offset) {
            Comment c = comments.get(nextComment++);
            if (!first && blankLineBetween(previousEnd, c.span().start())) {
                out.append('\n');
            }
            indent();
            out.append(c.text().stripTrailing()).append('\n');
            if (blankLineBetween(c.span().end(), offset) && offset <= text.length()) {
                boolean more = nextComment < comments.size()
                        && comments.get(nextComment).span().start() < offset;
                if (!more && offset < text.length()) {
                    out.append('\n');
                }
            }
            previousEnd = c.span().end();
            first = false;
        }
    }

    private int firstCommentOrStart(int from, int start) {
        for (int i = nextComment; i < comments.size(); i++) {
            Comment c = comments.get(i);
            if (c.span().start() >= from && c.span().start() < start) {
                return c.span().start();
            }
        }
        return start;
    }

    private boolean hasCommentsIn(Span span) {
        for (int i = nextComment; i < comments.size(); i++) {
            if (span.contains(comments.get(i).span().start())) {
                return true;
            }
        }
        return false;
    }

    private boolean blankLineBetween(int from, int to) {
        if (from < 0 || to > text.length() || from >= to) {
            return false;
        }
        int newlines = 0;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch == '\n') {
                newlines++;
                if (newlines >= 2) {
                    return true;
                }
            } else if (!Character.isWhitespace(ch)) {
                newlines = 0;
            }
        }
        return false;
    }

    private String slice(Span span) {
        return text.substring(span.start(), Math.min(span.end(), text.length()));
    }
}
