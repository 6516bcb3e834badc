package dev.blueprint.lsp.ide;

import static dev.blueprint.lang.syntax.BlueprintLexer.*;

import dev.blueprint.lang.check.Attributes;
import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.Name;
import dev.blueprint.lang.naming.EnvironmentNames;
import dev.blueprint.lang.resolve.BuiltinType;
import dev.blueprint.lang.resolve.FieldType;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.settings.BlockSchema;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.settings.Kind;
import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lang.source.Span;
import dev.blueprint.lsp.ide.Tokens.Tok;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completion by context. The context comes from the tokens before the cursor (so it works
 * in half-written text the parser cannot make sense of) and names from the analysis.
 */
public final class Completion {
    private Completion() {}

    public enum ItemKind {
        KEYWORD,
        KEY,
        VALUE,
        UNIT,
        TYPE,
        ENTITY,
        ENUM,
        MEMBER,
        FIELD,
        ATTRIBUTE,
        OPERATION,
        STORE,
        PARAM,
        SNIPPET,
        FILE
    }

    /**
     * One proposal. {@code insert} replaces {@code replace}; it is a snippet (with {@code $1},
     * {@code $0} tab stops) when {@code snippet} is set.
     */
    public record Item(
            String label, ItemKind kind, String detail, String doc, String insert, boolean snippet, Span replace) {}

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** What a brace opens; {@code MAP} is a block of named entries ({@code clients}), its schema the entries'. */
    private enum Frame {
        SETTINGS,
        MAP,
        ENTITY,
        ENUM,
        API,
        RESOURCE,
        OTHER
    }

    private record Open(Frame frame, BlockSchema schema, int at) {}

    /** At most this many proposals are returned (the rest would be filtered out by typing anyway). */
    public static final int LIMIT = 200;

    /**
     * The proposals at {@code offset} whose labels contain the typed word's letters in order
     * (case-insensitive), at most {@link #LIMIT}.
     */
    public static List<Item> complete(FileContext ctx, int offset) {
        List<Item> all = proposals(ctx, offset);
        if (all.isEmpty()) {
            return all;
        }
        Span word = all.get(0).replace();
        String prefix = ctx.text().substring(word.start(), word.end());
        return all.stream().filter(i -> matches(i.label(), prefix)).limit(LIMIT).toList();
    }

    private static boolean matches(String label, String prefix) {
        String l = label.toLowerCase(java.util.Locale.ROOT);
        String p = prefix.toLowerCase(java.util.Locale.ROOT);
        int i = 0;
        for (int j = 0; j < l.length() && i < p.length(); j++) {
            if (l.charAt(j) == p.charAt(i)) {
                i++;
            }
        }
        return i == p.length();
    }

    private static List<Item> proposals(FileContext ctx, int offset) {
        String text = ctx.text();
        offset = Math.max(0, Math.min(offset, text.length()));
        List<Tok> all = ctx.tokens();
        List<Tok> before = new ArrayList<>();
        for (Tok t : all) {
            if (t.start() >= offset) {
                break;
            }
            if (t.isComment()) {
                if (t.end() > offset || (t.type() != BLOCK_COMMENT && t.end() == offset)) {
                    return List.of(); // inside a comment
                }
                continue;
            }
            if (t.type() == STRING && t.end() > offset) {
                return roleInString(ctx, before, t, offset); // inside a string: only a role name is proposed there
            }
            if (t.type() == UNTERMINATED_STRING && t.end() == offset) {
                return roleInString(ctx, before, t, offset);
            }
            if (t.type() == STRING
                    && t.end() == offset
                    && (t.text().length() < 2 || !t.text().endsWith("\""))) {
                return List.of(); // an unterminated string runs to here
            }
            before.add(t);
        }
        // the word (or number) being typed
        int wordStart = offset;
        if (!before.isEmpty()) {
            Tok last = before.get(before.size() - 1);
            if (last.end() >= offset
                    && (last.isWord() || last.type() == INT || last.type() == QUANTITY || last.type() == DECIMAL)) {
                wordStart = last.start();
                before.remove(before.size() - 1);
            } else if (last.end() > offset) {
                return List.of(); // inside an operator
            }
        }
        String prefix = text.substring(wordStart, offset);
        Span replace = new Span(wordStart, offset);
        Builder out = new Builder(replace);

        Open open = stackOf(before).peek();
        Tok prev = before.isEmpty() ? null : before.get(before.size() - 1);
        boolean lineStart = prev == null
                || prev.type() == LBRACE
                || prev.type() == RBRACE
                || text.substring(prev.end(), wordStart).contains("\n");
        Program program = ctx.program();

        if (open == null) {
            if (prev != null && prev.type() == IMPORT) {
                importFiles(ctx, out);
            } else if (lineStart || prev.type() == RBRACE) {
                topLevel(out);
            }
            return out.items;
        }
        if ((open.frame() == Frame.API || open.frame() == Frame.RESOURCE) && prev != null) {
            if (prev.type() == REQUIRES) {
                requirement(program, out);
                return out.items;
            }
            if (inRoleCall(before, before.size())) {
                roleNames(program.roleSymbols().keySet(), listed(ctx, before, offset, LPAREN, RPAREN), true, out);
                return out.items;
            }
        }
        switch (open.frame()) {
            case SETTINGS -> settings(open.schema(), before, prev, lineStart, prefix, text, offset, ctx, out);
            case MAP -> {
                if (lineStart) {
                    mapEntry(open.schema(), prefix, out);
                }
            }
            case ENTITY -> entity(ctx, before, open.at(), prev, lineStart, offset, out);
            case API -> api(program, before, open.at(), prev, lineStart, out);
            case RESOURCE -> {
                Set<String> written = new LinkedHashSet<>();
                for (int i = open.at() + 1; i < before.size(); i++) {
                    written.add(before.get(i).text());
                }
                // after an operation's name: its rule
                if (prev != null
                        && prev.isWord()
                        && Endpoint.Operation.resourceOperation(prev.text()).isPresent()
                        && (before.size() < 2 || before.get(before.size() - 2).type() != REQUIRES)) {
                    access(program, out);
                }
                for (Endpoint.Operation op : Endpoint.Operation.resourceOperations()) {
                    if (!written.contains(op.keyword())) {
                        out.add(
                                op.keyword(),
                                ItemKind.OPERATION,
                                op.method()
                                        + (op == Endpoint.Operation.GET
                                                        || op == Endpoint.Operation.UPDATE
                                                        || op == Endpoint.Operation.DELETE
                                                ? " /{id}"
                                                : ""),
                                "The " + op.keyword() + " operation.",
                                op.keyword(),
                                false);
                    }
                }
            }
            default -> {}
        }
        return out.items;
    }

    /** The open braces before the cursor, innermost on top. */
    private static Deque<Open> stackOf(List<Tok> before) {
        Deque<Open> stack = new ArrayDeque<>();
        for (int i = 0; i < before.size(); i++) {
            Tok t = before.get(i);
            if (t.type() == LBRACE) {
                stack.push(frameOf(before, i, stack.peek()));
            } else if (t.type() == RBRACE && !stack.isEmpty()) {
                stack.pop();
            }
        }
        return stack;
    }

    private static Open frameOf(List<Tok> toks, int brace, Open parent) {
        if (parent != null
                && parent.frame() == Frame.SETTINGS
                && brace > 0
                && toks.get(brace - 1).isWord()) {
            Optional<Key> key = parent.schema().key(toks.get(brace - 1).text());
            if (key.isPresent() && key.get().block() != null) {
                return new Open(
                        key.get().kind() == Kind.MAP ? Frame.MAP : Frame.SETTINGS,
                        key.get().block(),
                        brace);
            }
            return new Open(Frame.OTHER, null, brace);
        }
        if (parent != null
                && parent.frame() == Frame.MAP
                && brace > 0
                && toks.get(brace - 1).isWord()) {
            return new Open(Frame.SETTINGS, parent.schema(), brace); // an entry: `desk {`
        }
        if (parent != null && parent.frame() == Frame.API) {
            // `resource "/p" Entity {`, or with the resource's rule between: `… Entity requires role("a") {`
            for (int j = brace - 1; j > parent.at(); j--) {
                int type = toks.get(j).type();
                if (type == RESOURCE) {
                    return new Open(Frame.RESOURCE, null, brace);
                }
                if (type == ROUTE || type == LBRACE || type == RBRACE) {
                    break;
                }
            }
            return new Open(Frame.OTHER, null, brace);
        }
        if (parent != null) {
            return new Open(Frame.OTHER, null, brace);
        }
        for (int j = brace - 1; j >= 0 && j >= brace - 3; j--) {
            switch (toks.get(j).type()) {
                case SERVICE:
                    return new Open(Frame.SETTINGS, Schema.SERVICE, brace);
                case SERVER:
                    return new Open(Frame.SETTINGS, Schema.SERVER, brace);
                case STORE:
                    return new Open(Frame.SETTINGS, Schema.STORE, brace);
                case PROBES:
                    return new Open(Frame.SETTINGS, Schema.PROBES, brace);
                case DEPLOY:
                    return new Open(Frame.SETTINGS, Schema.DEPLOY, brace);
                case SECURITY:
                    return new Open(Frame.SETTINGS, Schema.SECURITY, brace);
                case ENTITY:
                    return new Open(Frame.ENTITY, null, brace);
                case ENUM:
                    return new Open(Frame.ENUM, null, brace);
                case API:
                    return new Open(Frame.API, null, brace);
                default:
                    break;
            }
        }
        return new Open(Frame.OTHER, null, brace);
    }

    private static void topLevel(Builder out) {
        out.snippet(
                "service", "service block", "service ${1:Name} {\n  version \"${2:0.1.0}\"\n}$0", Schema.SERVICE.doc());
        out.snippet("server", "server block", "server {\n  port ${1:8080}\n}$0", Schema.SERVER.doc());
        out.snippet("store", "store block", "store ${1:main} {\n  engine ${2|h2,postgres|}\n}$0", Schema.STORE.doc());
        out.snippet(
                "entity",
                "entity declaration",
                "entity ${1:Name} {\n  id: uuid @key\n  $0\n}",
                "An entity: a table and a JSON resource.");
        out.snippet(
                "enum",
                "enum declaration",
                "enum ${1:Name} { ${2:A}, ${3:B} }$0",
                "An enum: a closed set of names, stored as text.");
        out.snippet(
                "api",
                "api block",
                "api \"${1:/api/v1}\" {\n  $0\n}",
                "An HTTP API under a path prefix: resources and routes.");
        out.snippet("probes", "probes block", "probes {\n  $0\n}", Schema.PROBES.doc());
        out.snippet("deploy", "deploy block", "deploy {\n  replicas ${1:2}\n}$0", Schema.DEPLOY.doc());
        out.snippet("security", "security block", securitySnippet(), Schema.SECURITY.doc());
        out.snippet(
                "import",
                "import a file",
                "import \"${1:common.blueprint}\"$0",
                "Makes another file's declarations visible here.");
    }

    /** Roles, and one API key client that holds them: the smallest security block that authenticates. */
    private static String securitySnippet() {
        return Schema.SECURITY.name() + " {\n"
                + "  " + Schema.ROLES.name() + " [\"${1:clerk}\"]\n"
                + "  " + Schema.API_KEYS_BLOCK.name() + " {\n"
                + "    " + Schema.CLIENTS.name() + " {\n"
                + indent(clientSnippet("${2:desk}", "${3:DESK_API_KEY}", "\"${1}\""), "      ") + "\n"
                + "    }\n"
                + "  }\n"
                + "}$0";
    }

    /** A client entry of {@code clients}: {@code name { key env("…") roles […] }}. */
    private static String clientSnippet(String name, String variable, String roles) {
        return name + " {\n  " + Schema.KEY.name() + " env(\"" + variable + "\")\n  " + Schema.CLIENT_ROLES.name()
                + " [" + roles + "]\n}";
    }

    private static String indent(String text, String by) {
        return by + text.replace("\n", "\n" + by);
    }

    /** At the start of a line inside a map ({@code clients {}}): a new entry, named after the word typed so far. */
    private static void mapEntry(BlockSchema entry, String prefix, Builder out) {
        String name = prefix.matches("[A-Za-z_][A-Za-z0-9_]*") ? prefix : "name";
        if (entry == Schema.CLIENT) {
            String variable = name.equals("name") ? "NAME_API_KEY" : EnvironmentNames.clientKey(name);
            out.add(
                    name + " { " + Schema.KEY.name() + ", " + Schema.CLIENT_ROLES.name() + " }",
                    ItemKind.SNIPPET,
                    "API key client",
                    Schema.CLIENT.doc(),
                    clientSnippet("${1:" + name + "}", "${2:" + variable + "}", "$3") + "$0",
                    true);
        } else {
            out.add(
                    name + " { … }",
                    ItemKind.SNIPPET,
                    entry.name() + " entry",
                    entry.doc(),
                    "${1:" + name + "} {\n  $0\n}",
                    true);
        }
    }

    /** What may follow a resource, an operation or a route: its access rule. */
    private static void access(Program program, Builder out) {
        out.add("public", ItemKind.KEYWORD, "anyone may call", Rules.PUBLIC_DOC, "public", false);
        out.snippet(
                "requires role(…)",
                "only callers holding a role",
                "requires role(\"" + roleChoice(program) + "\")$0",
                Rules.REQUIRES_DOC);
    }

    /** After {@code requires}. */
    private static void requirement(Program program, Builder out) {
        out.add(
                "role(…)",
                ItemKind.KEYWORD,
                "any one of the roles",
                Rules.REQUIRES_DOC,
                "role(\"" + roleChoice(program) + "\")$0",
                true);
    }

    /** A tab stop choosing among the declared roles, or a placeholder when none is declared. */
    private static String roleChoice(Program program) {
        List<String> roles = List.copyOf(program.roleSymbols().keySet());
        if (roles.isEmpty()) {
            return "${1:role}";
        }
        return "${1|"
                + String.join(
                        ",",
                        roles.stream()
                                .map(r -> literal(r).replaceAll("([\\\\,|$}])", "\\\\$1"))
                                .toList()) + "|}";
    }

    /** A role name as the inside of a string literal: backslashes and quotes escaped. */
    private static String literal(String role) {
        return role.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Whether the tokens up to {@code end} stand inside the parentheses of {@code requires role(…)}. */
    private static boolean inRoleCall(List<Tok> toks, int end) {
        int i = end - 1;
        while (i >= 0 && (toks.get(i).type() == STRING || toks.get(i).type() == COMMA)) {
            i--;
        }
        return i >= 2
                && toks.get(i).type() == LPAREN
                && toks.get(i - 1).isWord()
                && toks.get(i - 2).type() == REQUIRES;
    }

    /** Whether the tokens up to {@code end} stand inside {@code key [} of the settings frame, and which key. */
    private static Optional<Key> listKey(List<Tok> toks, int end) {
        int i = end - 1;
        while (i >= 0
                && (toks.get(i).type() == STRING
                        || toks.get(i).type() == COMMA
                        || toks.get(i).type() == IDENT)) {
            i--;
        }
        if (i < 1 || toks.get(i).type() != LBRACK || !toks.get(i - 1).isWord()) {
            return Optional.empty();
        }
        Open open = stackOf(toks.subList(0, i)).peek();
        return open != null && open.frame() == Frame.SETTINGS
                ? open.schema().key(toks.get(i - 1).text())
                : Optional.empty();
    }

    /**
     * The items already written in the list or call around the cursor (words and strings,
     * unquoted), from its opening {@code open} to its closing {@code close}.
     */
    private static Set<String> listed(FileContext ctx, List<Tok> before, int offset, int open, int close) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = before.size() - 1; i >= 0 && before.get(i).type() != open; i--) {
            out.add(unquote(before.get(i).text()));
        }
        for (Tok t : ctx.tokens()) {
            if (t.start() < offset || t.isComment()) {
                continue;
            }
            if (t.type() == close
                    || t.type() == LBRACE
                    || t.type() == RBRACE
                    || t.type() == LBRACK
                    || t.type() == LPAREN) {
                break;
            }
            out.add(unquote(t.text()));
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** Role names not yet {@code listed}: quoted, or bare when the cursor is inside a string. */
    private static void roleNames(java.util.Collection<String> roles, Set<String> listed, boolean quoted, Builder out) {
        for (String r : roles) {
            if (!listed.contains(r)) {
                String label = quoted ? "\"" + r + "\"" : r;
                out.add(label, ItemKind.VALUE, "role", null, quoted ? "\"" + literal(r) + "\"" : literal(r), false);
            }
        }
    }

    /**
     * Inside a string: role names, when the string stands where a role is named ({@code role("|")},
     * a client's {@code roles ["|"]}), or the roles rules require but security's {@code roles}
     * does not declare yet; nothing elsewhere.
     */
    private static List<Item> roleInString(FileContext ctx, List<Tok> before, Tok string, int offset) {
        if (offset <= string.start()) {
            return List.of();
        }
        int end = string.type() == STRING ? string.end() - 1 : string.end();
        Span inside = new Span(string.start() + 1, Math.max(string.start() + 1, end));
        Builder out = new Builder(inside);
        Set<String> listed = new LinkedHashSet<>();
        boolean call = inRoleCall(before, before.size());
        Optional<Key> list = call ? Optional.empty() : listKey(before, before.size());
        if (!call && list.isEmpty()) {
            return List.of();
        }
        // the other items of the list or call, without this string
        for (int i = before.size() - 1; i >= 0 && before.get(i).type() != (call ? LPAREN : LBRACK); i--) {
            listed.add(unquote(before.get(i).text()));
        }
        for (Tok t : ctx.tokens()) {
            if (t.start() <= string.start() || t.isComment()) {
                continue;
            }
            if (t.type() != STRING && t.type() != COMMA && t.type() != IDENT) {
                break;
            }
            listed.add(unquote(t.text()));
        }
        Program program = ctx.program();
        if (call || list.get() == Schema.CLIENT_ROLES) {
            roleNames(program.roleSymbols().keySet(), listed, false, out);
        } else if (list.get() == Schema.ROLES) {
            roleNames(undeclared(program), listed, false, out);
        }
        return out.items;
    }

    /** The roles rules require that security's roles does not declare. */
    private static List<String> undeclared(Program program) {
        return Rules.requiredRoles(program).stream()
                .filter(r -> !program.roleSymbols().containsKey(r))
                .toList();
    }

    private static void importFiles(FileContext ctx, Builder out) {
        Path dir = ctx.path().getParent();
        for (Path p : ctx.snapshot().paths()) {
            if (!p.equals(ctx.path()) && dir != null && p.startsWith(dir)) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                out.add("\"" + rel + "\"", ItemKind.FILE, "blueprint file", null, "\"" + rel + "\"", false);
            }
        }
    }

    private static void settings(
            BlockSchema schema,
            List<Tok> before,
            Tok prev,
            boolean lineStart,
            String prefix,
            String text,
            int offset,
            FileContext ctx,
            Builder out) {
        // inside a list: `checks [main, |`
        int depth = 0;
        for (int i = before.size() - 1; i >= 0; i--) {
            Tok t = before.get(i);
            if (t.type() == RBRACK) {
                depth++;
            } else if (t.type() == LBRACK) {
                if (depth == 0) {
                    Optional<Key> key = i > 0 ? schema.key(before.get(i - 1).text()) : Optional.empty();
                    if (key.isPresent()) {
                        listItems(key.get(), listed(ctx, before, offset, LBRACK, RBRACK), ctx, out);
                    }
                    return;
                }
                depth--;
            } else if (t.type() == LBRACE || t.type() == RBRACE) {
                break;
            }
        }
        if (lineStart || afterValue(schema, before, prev)) {
            Set<String> written = new LinkedHashSet<>();
            Nodes.blockAt(ctx.file(), offset)
                    .filter(b -> b.schema() == schema)
                    .ifPresent(b -> b.block()
                            .settings()
                            .forEach(s -> written.add(s.key().text())));
            for (Key k : schema.keys()) {
                if (written.contains(k.name()) && !k.name().equals(prefix)) {
                    continue;
                }
                String doc = keyDoc(k);
                if (k.kind() == Kind.BLOCK || k.kind() == Kind.MAP) {
                    out.add(k.name(), ItemKind.KEY, k.kind().description(), doc, k.name() + " {\n  $0\n}", true);
                } else {
                    out.add(
                            k.name(),
                            ItemKind.KEY,
                            k.expectation() + " · default " + k.defaultText(),
                            doc,
                            k.name() + " ",
                            false);
                }
            }
            return;
        }
        if (prev == null || !prev.isWord()) {
            return;
        }
        Optional<Key> key = schema.key(prev.text());
        if (key.isEmpty()) {
            return;
        }
        Key k = key.get();
        values(k, prefix, ctx, out);
    }

    /**
     * Whether the cursor follows a complete {@code key value} on its line ({@code desk { key env("K") |}),
     * where the next key may be written.
     */
    private static boolean afterValue(BlockSchema schema, List<Tok> before, Tok prev) {
        if (prev == null) {
            return false;
        }
        int depth = 0;
        for (int i = before.size() - 1; i >= 0 && before.get(i).type() != LBRACE; i--) {
            int type = before.get(i).type();
            depth += type == RPAREN ? 1 : type == LPAREN ? -1 : 0;
            if (depth < 0) {
                return false; // inside env( or another call
            }
        }
        Tok key = before.size() > 1 ? before.get(before.size() - 2) : null;
        return switch (prev.type()) {
            case STRING, INT, DECIMAL, QUANTITY, RPAREN, RBRACK, TRUE, FALSE -> true;
            default ->
                prev.isWord()
                        && key != null
                        && key.isWord()
                        && schema.key(key.text())
                                .map(k -> k.kind() != Kind.BLOCK && k.kind() != Kind.MAP)
                                .orElse(false)
                        && schema.key(prev.text()).isEmpty();
        };
    }

    /** Inside a key's list: stores, the choices not listed yet, roles. */
    private static void listItems(Key k, Set<String> listed, FileContext ctx, Builder out) {
        if (k.kind() == Kind.STORE_LIST) {
            stores(ctx, out);
        } else if (k.kind() == Kind.CHOICE_LIST) {
            k.choices().stream()
                    .filter(c -> !listed.contains(c))
                    .forEach(c -> out.add(c, ItemKind.VALUE, k.name(), k.doc(), c, false));
        } else if (k == Schema.CLIENT_ROLES) {
            roleNames(ctx.program().roleSymbols().keySet(), listed, true, out);
        } else if (k == Schema.ROLES) {
            roleNames(undeclared(ctx.program()), listed, true, out);
        }
    }

    /** Values that fit a key: its choices, its default, numbers with each unit, off, env(…). */
    static void values(Key k, String prefix, FileContext ctx, Builder out) {
        String def = k.defaultText();
        switch (k.kind()) {
            case CHOICE ->
                k.choices()
                        .forEach(c -> out.add(
                                c, ItemKind.VALUE, k.name() + (c.equals(def) ? " (default)" : ""), k.doc(), c, false));
            case DURATION, SIZE, CPU, PERCENT -> {
                String digits = prefix.replaceAll("[^0-9.].*$", "");
                if (!digits.isEmpty() && Character.isDigit(digits.charAt(0))) {
                    for (String u : k.kind().units()) {
                        out.add(digits + u, ItemKind.UNIT, k.kind().description(), k.doc(), digits + u, false);
                    }
                    if (k.kind() == Kind.CPU) {
                        out.add(digits, ItemKind.UNIT, "cores", k.doc(), digits, false);
                    }
                } else if (!def.contains(" ")) {
                    out.add(def, ItemKind.VALUE, "default", k.doc(), def, false);
                }
            }
            case INT -> {
                if (def.matches("-?[0-9]+")) {
                    out.add(def, ItemKind.VALUE, "default", k.doc(), def, false);
                }
            }
            case STRING, PATH -> {
                if (def.startsWith("\"")) {
                    out.add(def, ItemKind.VALUE, "default", k.doc(), def, false);
                }
            }
            case STORE_LIST -> out.add("[…]", ItemKind.VALUE, "stores readiness checks", k.doc(), "[$0]", true);
            case BOOL -> {
                out.add(
                        "true",
                        ItemKind.VALUE,
                        k.name() + (def.equals("true") ? " (default)" : ""),
                        k.doc(),
                        "true",
                        false);
                out.add(
                        "false",
                        ItemKind.VALUE,
                        k.name() + (def.equals("false") ? " (default)" : ""),
                        k.doc(),
                        "false",
                        false);
            }
            case CHOICE_LIST, STRING_LIST -> {
                if (def.startsWith("[")) {
                    out.add(def, ItemKind.VALUE, "default", k.doc(), def, false);
                }
                out.add(
                        "[…]",
                        ItemKind.VALUE,
                        k.expectation(),
                        k.doc(),
                        k.kind() == Kind.STRING_LIST ? "[\"$1\"]$0" : "[$0]",
                        true);
            }
            case MAP -> out.add("{…}", ItemKind.VALUE, "named entries", k.doc(), "{\n  $0\n}", true);
            case INT_RANGE -> out.add("2..10", ItemKind.VALUE, "min..max", k.doc(), "${1:2}..${2:10}", true);
            case BLOCK -> out.add("{…}", ItemKind.VALUE, "block", k.doc(), "{\n  $0\n}", true);
            default -> {}
        }
        if (k.offAllowed()) {
            out.add("off", ItemKind.VALUE, def.equals("off") ? "default" : "turn off", k.doc(), "off", false);
        }
        if (k.envAllowed()) {
            out.add(
                    "env(\"…\")",
                    ItemKind.SNIPPET,
                    "from an environment variable",
                    "Read the value from an environment variable, with an optional fallback.",
                    "env(\"${1:NAME}\"$2)$0",
                    true);
        }
    }

    private static void stores(FileContext ctx, Builder out) {
        ctx.program().storeSymbols().keySet().forEach(s -> out.add(s, ItemKind.STORE, "store", null, s, false));
        if (ctx.program().storeSymbols().isEmpty()) {
            out.add("main", ItemKind.STORE, "the implicit store", null, "main", false);
        }
    }

    static String keyDoc(Key k) {
        StringBuilder s = new StringBuilder(k.doc());
        s.append("\n\nValue: ")
                .append(k.expectation())
                .append(". Default: ")
                .append(k.defaultText())
                .append('.');
        if (!k.boundsText().isEmpty()) {
            s.append(" Bounds: ").append(k.boundsText()).append('.');
        }
        return s.toString();
    }

    private static void entity(
            FileContext ctx, List<Tok> before, int braceAt, Tok prev, boolean lineStart, int offset, Builder out) {
        Program program = ctx.program();
        if (prev == null || lineStart && prev.type() != COLON && prev.type() != AT && prev.type() != ASSIGN) {
            if (prev != null
                    && prev.type() == LBRACE
                    && ctx.file().decls().stream()
                            .noneMatch(d -> d instanceof EntityDecl e
                                    && e.span().touches(offset)
                                    && e.key().isPresent())) {
                out.snippet("id: uuid @key", "key field", "id: ${1|uuid,long|} @key$0", "The entity's key.");
            }
            return;
        }
        switch (prev.type()) {
            case COLON -> {
                for (BuiltinType t : BuiltinType.values()) {
                    String insert = t == BuiltinType.STRING
                            ? "string(${1:255})$0"
                            : t == BuiltinType.DECIMAL ? "decimal(${1:19}, ${2:4})$0" : t.keyword();
                    out.add(t.keyword(), ItemKind.TYPE, "built-in type", t.doc(), insert, t.maxArguments() > 0);
                }
                program.entities()
                        .forEach(e -> out.add(
                                e.name().text(),
                                ItemKind.ENTITY,
                                "entity (a reference)",
                                e.doc(),
                                e.name().text(),
                                false));
                program.enums()
                        .forEach(e -> out.add(
                                e.name().text(),
                                ItemKind.ENUM,
                                "enum",
                                e.doc(),
                                e.name().text(),
                                false));
            }
            case AT -> attributes(fieldType(ctx, offset), out, false);
            case ASSIGN -> {
                FieldType type = fieldType(ctx, offset);
                if (type instanceof FieldType.EnumRef e) {
                    for (Name m : e.decl().members()) {
                        out.add(m.text(), ItemKind.MEMBER, e.decl().name().text(), null, m.text(), false);
                    }
                } else if (type instanceof FieldType.Builtin b && b.type() == BuiltinType.BOOL) {
                    out.add("true", ItemKind.VALUE, "bool", null, "true", false);
                    out.add("false", ItemKind.VALUE, "bool", null, "false", false);
                }
            }
            case IDENT, RPAREN, QUESTION -> {
                if (prev.type() != IDENT
                        || (before.size() > 1 && before.get(before.size() - 2).type() == COLON)
                        || (before.size() > 1 && before.get(before.size() - 2).type() == AT)) {
                    attributes(fieldType(ctx, offset), out, true);
                }
            }
            default -> {}
        }
    }

    private static FieldType fieldType(FileContext ctx, int offset) {
        return Nodes.fieldAt(ctx.file(), offset)
                .or(() -> Nodes.fieldAt(ctx.file(), Math.max(0, offset - 1)))
                .map(f -> ctx.program().typeOf(f))
                .orElse(new FieldType.Unknown());
    }

    private static void attributes(FieldType type, Builder out, boolean withAt) {
        for (Attributes.Spec a : Attributes.ALL) {
            if (type instanceof FieldType.Unknown || a.fits(type)) {
                String at = withAt ? "@" : "";
                String insert = at
                        + a.name()
                        + (a.arguments() > 0
                                ? "(${1:"
                                        + a.example()
                                                .replaceAll("^@" + a.name() + "\\((.*)\\)$", "$1")
                                                .replace("\"", "\\\"")
                                                .replace("$", "\\$")
                                                .replace("}", "\\}")
                                        + "})$0"
                                : "");
                out.add(
                        at + a.name(),
                        ItemKind.ATTRIBUTE,
                        a.example() + " · for " + a.appliesTo(),
                        a.doc(),
                        insert,
                        a.arguments() > 0);
            }
        }
    }

    private static void api(Program program, List<Tok> before, int braceAt, Tok prev, boolean lineStart, Builder out) {
        int stmt = -1;
        for (int i = before.size() - 1; i > braceAt; i--) {
            int t = before.get(i).type();
            if (t == RESOURCE || t == ROUTE) {
                stmt = i;
                break;
            }
        }
        if (stmt < 0
                || prev.type() == RBRACE
                || lineStart
                        && prev.type() != ARROW
                        && prev.type() != WHERE
                        && prev.type() != AND
                        && prev.type() != BY
                        && prev.type() != EQEQ
                        && prev.type() != DOLLAR
                        && prev.type() != ORDER) {
            out.snippet(
                    "resource",
                    "expose an entity",
                    "resource \"/${1:things}\" ${2:Entity}$0",
                    "A resource: list, get, create, update and delete of an entity.");
            out.snippet(
                    "route",
                    "a read query",
                    "route GET \"/${1:path}\" -> ${2:Entity}[] where ${3:field} == \\$${4:param}$0",
                    "A route: a GET query over one entity.");
            return;
        }
        List<Tok> s = before.subList(stmt, before.size());
        if (s.get(0).type() == RESOURCE) {
            if (prev.type() == STRING) {
                entities(program, out);
            } else if (s.size() == 3 && s.get(1).type() == STRING && prev.isWord()) {
                access(program, out); // after the entity: the resource's rule
            }
            return;
        }
        // route
        String path = s.size() > 2 && s.get(2).type() == STRING ? s.get(2).text() : "";
        String entityName = null;
        for (int i = 0; i + 1 < s.size(); i++) {
            if (s.get(i).type() == ARROW && s.get(i + 1).type() == IDENT) {
                entityName = s.get(i + 1).text();
            }
        }
        Optional<EntityDecl> entity = entityName == null ? Optional.empty() : program.entity(entityName);
        switch (prev.type()) {
            case ROUTE -> out.add("GET", ItemKind.KEYWORD, "method", "Routes are read queries.", "GET", false);
            case STRING -> out.add("->", ItemKind.KEYWORD, "result", null, "-> ", false);
            case ARROW -> entities(program, out);
            case WHERE, AND -> entity.ifPresent(e -> fields(e, program, out));
            case BY -> entity.ifPresent(e -> fields(e, program, out));
            case ORDER -> out.add("by", ItemKind.KEYWORD, "order by", null, "by", false);
            case EQEQ, DOLLAR -> {
                boolean dollar = prev.type() == DOLLAR;
                Matcher m = PARAM.matcher(path);
                Set<String> params = new LinkedHashSet<>();
                while (m.find()) {
                    params.add(m.group(1));
                }
                for (String p : params) {
                    out.add(
                            (dollar ? "" : "$") + p,
                            ItemKind.PARAM,
                            "path parameter",
                            null,
                            (dollar ? "" : "\\$") + p,
                            !dollar);
                }
            }
            case ASC, DESC -> {
                if (!hasAccess(s)) {
                    access(program, out);
                }
            }
            case RBRACK, IDENT, INT -> {
                Tok before2 = s.size() > 1 ? s.get(s.size() - 2) : null;
                boolean hasWhere = s.stream().anyMatch(t -> t.type() == WHERE);
                boolean hasOrder = s.stream().anyMatch(t -> t.type() == ORDER);
                // the lexer's LIMIT, not this class's LIMIT (the most proposals returned), which shadows it
                boolean hasLimit = s.stream().anyMatch(t -> t.type() == dev.blueprint.lang.syntax.BlueprintLexer.LIMIT);
                if (hasAccess(s)) {
                    return;
                }
                if (before2 != null && before2.type() == BY) {
                    out.add("asc", ItemKind.KEYWORD, "ascending", null, "asc", false);
                    out.add("desc", ItemKind.KEYWORD, "descending", null, "desc", false);
                    return;
                }
                if (before2 != null && (before2.type() == WHERE || before2.type() == AND)) {
                    out.add("==", ItemKind.KEYWORD, "compare", null, "== ", false);
                    return;
                }
                if (prev.type() == IDENT && before2 != null && before2.type() != DOLLAR && before2.type() != ARROW) {
                    return;
                }
                if (!hasWhere && !hasOrder && !hasLimit) {
                    out.add("where", ItemKind.KEYWORD, "filter", null, "where ", false);
                } else if (hasWhere && !hasOrder && !hasLimit && before2 != null && before2.type() == DOLLAR) {
                    out.add("and", ItemKind.KEYWORD, "another condition", null, "and ", false);
                }
                if (!hasOrder && !hasLimit) {
                    out.add("order by", ItemKind.KEYWORD, "sort", null, "order by ", false);
                }
                if (!hasLimit) {
                    out.add("limit", ItemKind.KEYWORD, "at most n rows", null, "limit ", false);
                }
                if (prev.type() != INT || hasLimit) {
                    access(program, out);
                }
            }
            default -> {}
        }
    }

    private static boolean hasAccess(List<Tok> statement) {
        return statement.stream().anyMatch(t -> t.type() == PUBLIC || t.type() == REQUIRES);
    }

    private static void entities(Program program, Builder out) {
        program.entities()
                .forEach(e -> out.add(
                        e.name().text(),
                        ItemKind.ENTITY,
                        "entity",
                        e.doc(),
                        e.name().text(),
                        false));
    }

    private static void fields(EntityDecl e, Program program, Builder out) {
        for (Field f : e.fields()) {
            out.add(
                    f.name().text(),
                    ItemKind.FIELD,
                    program.typeOf(f).display(),
                    f.doc(),
                    f.name().text(),
                    false);
        }
    }

    /** Collects items, all replacing the same span. */
    static final class Builder {
        final List<Item> items = new ArrayList<>();
        final Span replace;

        Builder(Span replace) {
            this.replace = replace;
        }

        void add(String label, ItemKind kind, String detail, String doc, String insert, boolean snippet) {
            items.add(new Item(label, kind, detail, doc, insert, snippet, replace));
        }

        void snippet(String label, String detail, String body, String doc) {
            items.add(new Item(label, ItemKind.SNIPPET, detail, doc, body, true, replace));
        }
    }
}
