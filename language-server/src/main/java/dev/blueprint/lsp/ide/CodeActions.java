package dev.blueprint.lsp.ide;

import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.model.Attribute;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.ImportDecl;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.model.Setting;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.naming.EnvironmentNames;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Quick fixes for diagnostics, and the formatting source action. */
public final class CodeActions {
    private CodeActions() {}

    /** A text replacement in one file. */
    public record Edit(Path file, Span span, String newText) {}

    /** An action: {@code kind} is "quickfix" or "source.fixAll"/"source.format"; {@code fixes} the diagnostic it resolves. */
    public record Action(String title, String kind, Diagnostic fixes, List<Edit> edits, boolean preferred) {}

    private static final Pattern UNKNOWN_NAME = Pattern.compile("unknown (?:type|entity) '([A-Za-z_][A-Za-z0-9_]*)'");
    private static final Pattern PATH_PARAM = Pattern.compile("path parameter \\{([A-Za-z_][A-Za-z0-9_]*)}");

    public static List<Action> actions(FileContext ctx, Span range) {
        List<Action> out = new ArrayList<>();
        for (Diagnostic d : ctx.snapshot().diagnostics(ctx.path())) {
            if (d.span().end() < range.start() || d.span().start() > range.end()) {
                continue;
            }
            fixesFor(ctx, d, out);
        }
        return out;
    }

    static void fixesFor(FileContext ctx, Diagnostic d, List<Action> out) {
        SourceFile file = ctx.file();
        Path path = ctx.path();
        String text = file.text();
        if (d.fix() != null) {
            out.add(new Action(
                    "Change to '" + d.fix() + "'", "quickfix", d, List.of(new Edit(path, d.span(), d.fix())), true));
        }
        switch (d.code()) {
            case MISSING_KEY ->
                Nodes.entityAt(file, d.span().start()).ifPresent(e -> {
                    Optional<Field> id = e.field("id");
                    if (id.isPresent()) {
                        // an 'id' field exists: make it the key rather than adding a second 'id'
                        Field f = id.get();
                        int at = f.type().span().end();
                        if (f.optional()) {
                            at = text.indexOf('?', at) + 1;
                        }
                        out.add(new Action(
                                "Make 'id' the key (@key)",
                                "quickfix",
                                d,
                                List.of(new Edit(path, new Span(at, at), " @key")),
                                true));
                        return;
                    }
                    int brace = text.indexOf('{', e.name().span().end());
                    if (brace >= 0 && brace < e.span().end()) {
                        String indent = e.fields().isEmpty()
                                ? "  "
                                : indentOf(text, e.fields().get(0).span().start());
                        out.add(new Action(
                                "Add a key field 'id: uuid @key'",
                                "quickfix",
                                d,
                                List.of(new Edit(
                                        path, new Span(brace + 1, brace + 1), "\n" + indent + "id: uuid @key")),
                                true));
                    }
                });
            case UNKNOWN_TYPE, UNKNOWN_ENTITY -> {
                Matcher m = UNKNOWN_NAME.matcher(d.message());
                if (m.find()) {
                    String name = m.group(1);
                    Span end = new Span(text.length(), text.length());
                    String sep = text.endsWith("\n") ? "\n" : "\n\n";
                    out.add(new Action(
                            "Create entity '" + name + "'",
                            "quickfix",
                            d,
                            List.of(new Edit(path, end, sep + "entity " + name + " {\n  id: uuid @key\n}\n")),
                            d.fix() == null));
                    if (d.code() == Code.UNKNOWN_TYPE) {
                        out.add(new Action(
                                "Create enum '" + name + "'",
                                "quickfix",
                                d,
                                List.of(new Edit(path, end, sep + "enum " + name + " { }\n")),
                                false));
                    }
                }
            }
            case DUPLICATE_SETTING -> {
                // a key set twice, an entry of a map named twice (`desk` in clients), or an item listed twice (a role,
                // an algorithm)
                Optional<Setting> setting = Nodes.settingAt(file, d.span().start())
                        .map(Nodes.SettingHit::setting)
                        .filter(x -> x.key().span().equals(d.span()))
                        .or(() -> Nodes.mapEntries(file).stream()
                                .map(Nodes.MapEntry::entry)
                                .filter(x -> x.key().span().equals(d.span()))
                                .findFirst());
                if (setting.isPresent()) {
                    out.add(new Action(
                            "Remove the duplicate '" + setting.get().key().text() + "'",
                            "quickfix",
                            d,
                            List.of(removeLine(path, text, setting.get().span())),
                            true));
                } else {
                    out.add(new Action(
                            "Remove the duplicate " + slice(text, d.span()),
                            "quickfix",
                            d,
                            List.of(removeListItem(path, text, d.span())),
                            true));
                }
            }
            case DUPLICATE_FIELD ->
                Nodes.fieldAt(file, d.span().start())
                        .ifPresent(f -> out.add(new Action(
                                "Remove the duplicate field '" + f.name().text() + "'",
                                "quickfix",
                                d,
                                List.of(removeLine(path, text, f.span())),
                                true)));
            case DUPLICATE_ATTRIBUTE ->
                Nodes.fieldAt(file, d.span().start()).ifPresent(f -> {
                    for (Attribute a : f.attributes()) {
                        if (a.span().equals(d.span())) {
                            out.add(new Action(
                                    "Remove the duplicate @" + a.name().text(),
                                    "quickfix",
                                    d,
                                    List.of(removeWithSpaceBefore(path, text, a.span())),
                                    true));
                        }
                    }
                });
            case DUPLICATE_MEMBER, DUPLICATE_OPERATION ->
                out.add(new Action(
                        "Remove the duplicate '" + slice(text, d.span()) + "'",
                        "quickfix",
                        d,
                        List.of(removeListItem(path, text, d.span())),
                        true));
            case MIN_IDLE_ABOVE_MAX ->
                Nodes.settingAt(file, d.span().start()).ifPresent(h -> {
                    Matcher m = Pattern.compile("max_size (\\d+)").matcher(d.message());
                    if (m.find()) {
                        out.add(new Action(
                                "Set min_idle to max_size (" + m.group(1) + ")",
                                "quickfix",
                                d,
                                List.of(new Edit(path, h.setting().value().span(), m.group(1))),
                                true));
                    }
                });
            case UNUSED_PATH_PARAM -> {
                Matcher m = PATH_PARAM.matcher(d.message());
                Optional<Route> route = Nodes.apiMemberAt(file, d.span().start())
                        .filter(Route.class::isInstance)
                        .map(Route.class::cast);
                if (m.find() && route.isPresent()) {
                    String p = m.group(1);
                    Route r = route.get();
                    Optional<EntityDecl> entity =
                            ctx.program().entity(r.entity().text());
                    String field = entity.flatMap(e -> e.field(p))
                            .map(f -> f.name().text())
                            .or(() -> entity.flatMap(e -> e.key())
                                    .map(f -> f.name().text()))
                            .orElse(p);
                    int at = !r.where().isEmpty()
                            ? r.where().get(r.where().size() - 1).span().end()
                            : afterResult(r, text);
                    String insert = (r.where().isEmpty() ? " where " : " and ") + field + " == $" + p;
                    out.add(new Action(
                            "Add '" + insert.strip() + "'",
                            "quickfix",
                            d,
                            List.of(new Edit(path, new Span(at, at), insert)),
                            true));
                }
            }
            case REQUIRES_WITHOUT_AUTHENTICATION -> addApiKeys(ctx, d, out);
            case UNUSED_ROLE -> {
                // holding it grants nothing; removed only when no client lists it (that would be BP0702 there)
                String role = slice(text, d.span());
                String name = role.length() >= 2 ? role.substring(1, role.length() - 1) : role;
                if (Rules.clients(ctx.program()).stream()
                        .noneMatch(c -> c.roles().contains(name))) {
                    out.add(new Action(
                            "Remove the unused role " + role,
                            "quickfix",
                            d,
                            List.of(removeListItem(path, text, d.span())),
                            false));
                }
            }
            case IMPORT_NOT_FOUND ->
                file.decls(ImportDecl.class).stream()
                        .filter(i -> i.targetSpan().equals(d.span()))
                        .findFirst()
                        .ifPresent(i -> out.add(new Action(
                                "Remove the import", "quickfix", d, List.of(removeLine(path, text, i.span())), false)));
            default -> {}
        }
    }

    /**
     * For a rule that cannot be enforced: API key authentication with one client holding the
     * roles the rules require, in a new security block at the end of the file, or added to the
     * security block there is.
     */
    private static void addApiKeys(FileContext ctx, Diagnostic d, List<Action> out) {
        Program program = ctx.program();
        Optional<SettingsDecl> security = program.settings(SettingsDecl.Kind.SECURITY);
        List<String> required = Rules.requiredRoles(program);
        if (security.isEmpty()) {
            String text = ctx.text();
            String block = Schema.SECURITY.name() + " {\n  " + Schema.ROLES.name() + " [" + quoted(required) + "]\n"
                    + apiKeys(required, "  ") + "\n}\n";
            String sep = text.isEmpty() ? "" : text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
            out.add(new Action(
                    "Add a security block with API keys",
                    "quickfix",
                    d,
                    List.of(new Edit(ctx.path(), new Span(text.length(), text.length()), sep + block)),
                    false));
            return;
        }
        SettingsDecl decl = security.get();
        Path file = program.fileOf(decl);
        SourceFile source = program.files().get(file);
        Span body = decl.body().span();
        if (source == null
                || body.length() < 2
                || body.end() > source.text().length()
                || source.text().charAt(body.end() - 1) != '}') {
            return; // an unclosed block: nowhere sure to insert
        }
        String text = source.text();
        List<String> declared = Rules.strings(decl.body(), Schema.ROLES.name());
        List<String> roles = required.stream().filter(declared::contains).toList();
        int close = body.end() - 1;
        int from = close;
        while (from > body.start() + 1 && Character.isWhitespace(text.charAt(from - 1))) {
            from--;
        }
        out.add(new Action(
                "Add api_keys to the security block",
                "quickfix",
                d,
                List.of(new Edit(file, new Span(from, close), "\n" + apiKeys(roles, "  ") + "\n")),
                false));
    }

    /** {@code api_keys} with one client holding {@code roles}, indented by {@code indent}. */
    private static String apiKeys(List<String> roles, String indent) {
        String client = "client";
        String block = Schema.API_KEYS_BLOCK.name() + " {\n"
                + "  " + Schema.CLIENTS.name() + " {\n"
                + "    " + client + " {\n"
                + "      " + Schema.KEY.name() + " env(\"" + EnvironmentNames.clientKey(client) + "\")\n"
                + "      " + Schema.CLIENT_ROLES.name() + " [" + quoted(roles) + "]\n"
                + "    }\n"
                + "  }\n"
                + "}";
        return indent + block.replace("\n", "\n" + indent);
    }

    private static String quoted(List<String> names) {
        return String.join(
                ", ",
                names.stream()
                        .map(n -> "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                        .toList());
    }

    private static int afterResult(Route r, String text) {
        int end = r.entity().span().end();
        if (r.many()) {
            int bracket = text.indexOf(']', end);
            if (bracket >= 0 && bracket < r.span().end()) {
                end = bracket + 1;
            }
        }
        return end;
    }

    private static String slice(String text, Span s) {
        return text.substring(Math.min(s.start(), text.length()), Math.min(s.end(), text.length()));
    }

    private static String indentOf(String text, int offset) {
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        int i = start;
        while (i < offset && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(start, i);
    }

    /** Removes a node; the whole line when nothing else stands on it. */
    static Edit removeLine(Path path, String text, Span span) {
        int lineStart = text.lastIndexOf('\n', span.start() - 1) + 1;
        int lineEnd = text.indexOf('\n', span.end());
        lineEnd = lineEnd < 0 ? text.length() : lineEnd;
        if (text.substring(lineStart, span.start()).isBlank()
                && text.substring(span.end(), lineEnd).isBlank()) {
            return new Edit(path, new Span(lineStart, Math.min(text.length(), lineEnd + 1)), "");
        }
        return removeWithSpaceBefore(path, text, span);
    }

    private static Edit removeWithSpaceBefore(Path path, String text, Span span) {
        int start = span.start();
        while (start > 0 && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '\t')) {
            start--;
        }
        return new Edit(path, new Span(start, span.end()), "");
    }

    /**
     * Removes an item of a comma-or-space separated list, with the separator before it (the
     * first item: with the separator after it).
     */
    private static Edit removeListItem(Path path, String text, Span span) {
        int start = span.start();
        int i = start;
        while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        if (i > 0 && text.charAt(i - 1) == ',') {
            return new Edit(path, new Span(i - 1, span.end()), "");
        }
        int j = span.end();
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        if (j < text.length() && text.charAt(j) == ',') {
            j++;
            while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j++;
            }
            return new Edit(path, new Span(span.start(), j), "");
        }
        return new Edit(path, new Span(i, span.end()), "");
    }
}
