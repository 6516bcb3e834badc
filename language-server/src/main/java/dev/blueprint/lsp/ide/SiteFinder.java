package dev.blueprint.lsp.ide;

import static dev.blueprint.lang.syntax.BlueprintLexer.*;

import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.resolve.FieldType;
import dev.blueprint.lang.settings.BlockSchema;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.settings.Kind;
import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lang.source.Span;
import dev.blueprint.lsp.ide.CursorContext.RouteWord;
import dev.blueprint.lsp.ide.CursorContext.Site;
import dev.blueprint.lsp.ide.Tokens.Tok;
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
 * Finds a cursor's {@link Site}: from the code tokens before it and the braces they open
 * (which block, which statement, which token just before), so it holds in half-written text
 * the parser cannot make sense of; the model supplies what the tokens cannot (the keys a block
 * already has, a field's type, a route's entity). One use per cursor context.
 */
final class SiteFinder {
    /** A site and the span a proposal there replaces. */
    record Found(Site site, Span replace) {}

    /** The site at {@code offset} of {@code file}. */
    static Found find(FileContext file, int offset) {
        return new SiteFinder(file, offset).find();
    }

    private static final Site NOWHERE = new Site.Nowhere();
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

    /** An open brace: what it opens, the schema of a settings block, and its index in the tokens before the cursor. */
    private record Open(Frame frame, BlockSchema schema, int at) {}

    private final FileContext file;
    private final String text;
    /** The cursor, within the text. */
    private final int at;
    /** The tokens without comments. */
    private final List<Tok> code;
    /** How many code tokens start before the cursor: those from here on follow it. */
    private final int after;

    private SiteFinder(FileContext file, int offset) {
        this.file = file;
        this.text = file.text();
        this.at = Math.max(0, Math.min(offset, text.length()));
        this.code = file.codeTokens();
        this.after = Tokens.startingBefore(code, at);
    }

    /**
     * Nothing in a comment or inside an operator; a role's name in a string that names one; else
     * the site after the last code token before the word (or number) being typed.
     */
    private Found find() {
        List<Tok> before = code.subList(0, after);
        List<Tok> all = file.tokens();
        int last = Tokens.startingBefore(all, at) - 1;
        if (last >= 0) {
            Tok t = all.get(last);
            if (t.isComment() && (t.end() > at || (t.type() != BLOCK_COMMENT && t.end() == at))) {
                return nowhere(); // inside a comment
            }
            if ((t.type() == STRING && t.end() > at) || (t.type() == UNTERMINATED_STRING && t.end() == at)) {
                return inString(before.subList(0, after - 1), t);
            }
            if (t.type() == STRING
                    && t.end() == at
                    && (t.text().length() < 2 || !t.text().endsWith("\""))) {
                return nowhere(); // an unterminated string runs to here
            }
        }
        // the word (or number) being typed
        int wordStart = at;
        if (!before.isEmpty()) {
            Tok t = before.get(before.size() - 1);
            if (t.end() >= at && (t.isWord() || t.type() == INT || t.type() == QUANTITY || t.type() == DECIMAL)) {
                wordStart = t.start();
                before = before.subList(0, before.size() - 1);
            } else if (t.end() > at) {
                return nowhere(); // inside an operator
            }
        }
        Tok prev = before.isEmpty() ? null : before.get(before.size() - 1);
        boolean lineStart = prev == null
                || prev.type() == LBRACE
                || prev.type() == RBRACE
                || text.substring(prev.end(), wordStart).contains("\n");
        return new Found(site(before, prev, lineStart), new Span(wordStart, at));
    }

    private Found nowhere() {
        return new Found(NOWHERE, new Span(at, at));
    }

    /** The site after {@code prev} (the last code token before the word typed), by the innermost open brace. */
    private Site site(List<Tok> before, Tok prev, boolean lineStart) {
        Open open = stackOf(before).peek();
        if (open == null) {
            if (prev != null && prev.type() == IMPORT) {
                return new Site.ImportPath();
            }
            return lineStart || prev.type() == RBRACE ? new Site.Declaration() : NOWHERE;
        }
        if ((open.frame() == Frame.API || open.frame() == Frame.RESOURCE) && prev != null) {
            if (prev.type() == REQUIRES) {
                return new Site.Requirement();
            }
            if (inRoleCall(before)) {
                return new Site.RoleName(false, false, listed(before, LPAREN, RPAREN));
            }
        }
        return switch (open.frame()) {
            case SETTINGS -> settings(open.schema(), before, prev, lineStart);
            case MAP -> lineStart ? new Site.NewMapEntry(open.schema()) : NOWHERE;
            case ENTITY -> entity(before, prev, lineStart);
            case API -> api(before, open.at(), prev, lineStart);
            case RESOURCE -> resource(before, open.at(), prev);
            default -> NOWHERE;
        };
    }

    /** Inside a string: a role's name where the string names one ({@code role("|")}, {@code roles ["|"]}), else nothing. */
    private Found inString(List<Tok> before, Tok string) {
        int end = string.type() == STRING ? string.end() - 1 : string.end();
        Span inside = new Span(string.start() + 1, Math.max(string.start() + 1, end));
        boolean call = inRoleCall(before);
        Optional<Key> list = call ? Optional.empty() : listKey(before);
        Set<String> listed = new LinkedHashSet<>();
        // the other items of the list or call, without this string
        for (int i = before.size() - 1; i >= 0 && before.get(i).type() != (call ? LPAREN : LBRACK); i--) {
            addItem(listed, before.get(i));
        }
        for (Tok t : code.subList(after, code.size())) {
            if (t.type() != STRING && t.type() != COMMA && t.type() != IDENT) {
                break;
            }
            addItem(listed, t);
        }
        Site site;
        if (call || list.filter(k -> k == Schema.CLIENT_ROLES).isPresent()) {
            site = new Site.RoleName(false, true, listed);
        } else if (list.filter(k -> k == Schema.ROLES).isPresent()) {
            site = new Site.RoleName(true, true, listed);
        } else {
            site = NOWHERE;
        }
        return new Found(site, inside);
    }

    /** In a settings block of {@code schema}: inside a key's list, where a key may come, or after a key. */
    private Site settings(BlockSchema schema, List<Tok> before, Tok prev, boolean lineStart) {
        // inside a list: `checks [main, |`
        int depth = 0;
        for (int i = before.size() - 1; i >= 0; i--) {
            Tok t = before.get(i);
            if (t.type() == RBRACK) {
                depth++;
            } else if (t.type() == LBRACK) {
                if (depth == 0) {
                    Optional<Key> key = i > 0 ? schema.key(before.get(i - 1).text()) : Optional.empty();
                    return key.map(k -> listItem(k, listed(before, LBRACK, RBRACK)))
                            .orElse(NOWHERE);
                }
                depth--;
            } else if (t.type() == LBRACE || t.type() == RBRACE) {
                break;
            }
        }
        if (lineStart || afterValue(schema, before, prev)) {
            Set<String> written = new LinkedHashSet<>();
            Nodes.blockAt(file.file(), at)
                    .filter(b -> b.schema() == schema)
                    .ifPresent(b -> b.block()
                            .settings()
                            .forEach(s -> written.add(s.key().text())));
            return new Site.SettingKey(schema, written);
        }
        if (prev == null || !prev.isWord()) {
            return NOWHERE;
        }
        return schema.key(prev.text()).<Site>map(Site.SettingValue::new).orElse(NOWHERE);
    }

    /** Inside the list of {@code key}: the two lists of roles name roles, the others their own items. */
    private Site listItem(Key key, Set<String> listed) {
        if (key == Schema.CLIENT_ROLES) {
            return new Site.RoleName(false, false, listed);
        }
        if (key == Schema.ROLES) {
            return new Site.RoleName(true, false, listed);
        }
        return new Site.ListItem(key, listed);
    }

    /**
     * Whether the cursor follows a complete {@code key value} on its line ({@code desk { key env("K") |}),
     * where the next key may be written.
     */
    private boolean afterValue(BlockSchema schema, List<Tok> before, Tok prev) {
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

    /** In an entity: at a field's start, after its colon, its {@code @}, its {@code =} or its type. */
    private Site entity(List<Tok> before, Tok prev, boolean lineStart) {
        if (prev == null || lineStart && prev.type() != COLON && prev.type() != AT && prev.type() != ASSIGN) {
            return new Site.FieldStart(prev != null
                    && prev.type() == LBRACE
                    && file.file().decls().stream()
                            .noneMatch(d -> d instanceof EntityDecl e
                                    && e.span().touches(at)
                                    && e.key().isPresent()));
        }
        return switch (prev.type()) {
            case COLON -> new Site.FieldTypeName();
            case AT -> new Site.AttributeName(fieldType(), false);
            case ASSIGN -> new Site.DefaultValue(fieldType());
            case IDENT, RPAREN, QUESTION -> {
                Tok key = before.size() > 1 ? before.get(before.size() - 2) : null;
                yield prev.type() != IDENT || (key != null && (key.type() == COLON || key.type() == AT))
                        ? new Site.AttributeName(fieldType(), true)
                        : NOWHERE;
            }
            default -> NOWHERE;
        };
    }

    /** The type of the field at the cursor (or just before it), unknown outside one. */
    private FieldType fieldType() {
        return Nodes.fieldAt(file.file(), at)
                .or(() -> Nodes.fieldAt(file.file(), Math.max(0, at - 1)))
                .map(f -> file.program().typeOf(f))
                .orElse(new FieldType.Unknown());
    }

    /** In an {@code api} block: at a member's start, or in the resource or route statement being written. */
    private Site api(List<Tok> before, int braceAt, Tok prev, boolean lineStart) {
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
            return new Site.ApiMemberStart();
        }
        List<Tok> s = before.subList(stmt, before.size());
        if (s.get(0).type() == RESOURCE) {
            if (prev.type() == STRING) {
                return new Site.EntityName();
            }
            return s.size() == 3 && s.get(1).type() == STRING && prev.isWord()
                    ? new Site.AccessRule() // after the entity: the resource's rule
                    : NOWHERE;
        }
        return route(s, prev);
    }

    /** In the route statement {@code s}, after {@code prev}. */
    private Site route(List<Tok> s, Tok prev) {
        String path = s.size() > 2 && s.get(2).type() == STRING ? s.get(2).text() : "";
        String entityName = null;
        for (int i = 0; i + 1 < s.size(); i++) {
            if (s.get(i).type() == ARROW && s.get(i + 1).type() == IDENT) {
                entityName = s.get(i + 1).text();
            }
        }
        Optional<EntityDecl> entity =
                entityName == null ? Optional.empty() : file.program().entity(entityName);
        boolean hasAccess = s.stream().anyMatch(t -> t.type() == PUBLIC || t.type() == REQUIRES);
        return switch (prev.type()) {
            case ROUTE -> new Site.RouteClause(List.of(RouteWord.GET), false);
            case STRING -> new Site.RouteClause(List.of(RouteWord.ARROW), false);
            case ARROW -> new Site.EntityName();
            case WHERE, AND, BY -> entity.<Site>map(Site.RouteField::new).orElse(NOWHERE);
            case ORDER -> new Site.RouteClause(List.of(RouteWord.BY), false);
            case EQEQ, DOLLAR -> {
                Matcher m = PARAM.matcher(path);
                Set<String> params = new LinkedHashSet<>();
                while (m.find()) {
                    params.add(m.group(1));
                }
                yield new Site.RouteParameter(List.copyOf(params), prev.type() == DOLLAR);
            }
            case ASC, DESC -> hasAccess ? NOWHERE : new Site.AccessRule();
            case RBRACK, IDENT, INT -> hasAccess ? NOWHERE : nextClause(s, prev);
            default -> NOWHERE;
        };
    }

    /** After a complete part of a route ({@code -> E[]}, {@code where f == $p}, {@code order by f}, {@code limit 5}). */
    private Site nextClause(List<Tok> s, Tok prev) {
        Tok before2 = s.size() > 1 ? s.get(s.size() - 2) : null;
        if (before2 != null && before2.type() == BY) {
            return new Site.RouteClause(List.of(RouteWord.ASC, RouteWord.DESC), false);
        }
        if (before2 != null && (before2.type() == WHERE || before2.type() == AND)) {
            return new Site.RouteClause(List.of(RouteWord.COMPARE), false);
        }
        if (prev.type() == IDENT && before2 != null && before2.type() != DOLLAR && before2.type() != ARROW) {
            return NOWHERE;
        }
        boolean hasWhere = s.stream().anyMatch(t -> t.type() == WHERE);
        boolean hasOrder = s.stream().anyMatch(t -> t.type() == ORDER);
        boolean hasLimit = s.stream().anyMatch(t -> t.type() == LIMIT);
        List<RouteWord> words = new ArrayList<>();
        if (!hasWhere && !hasOrder && !hasLimit) {
            words.add(RouteWord.WHERE);
        } else if (hasWhere && !hasOrder && !hasLimit && before2 != null && before2.type() == DOLLAR) {
            words.add(RouteWord.AND);
        }
        if (!hasOrder && !hasLimit) {
            words.add(RouteWord.ORDER_BY);
        }
        if (!hasLimit) {
            words.add(RouteWord.LIMIT);
        }
        return new Site.RouteClause(List.copyOf(words), prev.type() != INT || hasLimit);
    }

    /** In a resource's braces (opened at {@code braceAt}). */
    private Site resource(List<Tok> before, int braceAt, Tok prev) {
        Set<String> written = new LinkedHashSet<>();
        for (int i = braceAt + 1; i < before.size(); i++) {
            written.add(before.get(i).text());
        }
        // after an operation's name: its rule
        boolean ruleMayFollow = prev != null
                && prev.isWord()
                && Endpoint.Operation.resourceOperation(prev.text()).isPresent()
                && (before.size() < 2 || before.get(before.size() - 2).type() != REQUIRES);
        return new Site.Operation(written, ruleMayFollow);
    }

    /**
     * The items already written in the list or call around the cursor (words and strings,
     * unquoted), from its opening {@code open} to its closing {@code close}.
     */
    private Set<String> listed(List<Tok> before, int open, int close) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = before.size() - 1; i >= 0 && before.get(i).type() != open; i--) {
            addItem(out, before.get(i));
        }
        for (Tok t : code.subList(after, code.size())) {
            if (t.type() == close
                    || t.type() == LBRACE
                    || t.type() == RBRACE
                    || t.type() == LBRACK
                    || t.type() == LPAREN) {
                break;
            }
            addItem(out, t);
        }
        return out;
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

    /** What the brace at {@code toks[brace]} opens, inside {@code parent} (null at top level). */
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

    /** Whether the tokens stand inside the parentheses of {@code requires role(…)}. */
    private static boolean inRoleCall(List<Tok> toks) {
        int i = toks.size() - 1;
        while (i >= 0 && (toks.get(i).type() == STRING || toks.get(i).type() == COMMA)) {
            i--;
        }
        return i >= 2
                && toks.get(i).type() == LPAREN
                && toks.get(i - 1).isWord()
                && toks.get(i - 2).type() == REQUIRES;
    }

    /** The key whose list ({@code key [}) of a settings block the tokens stand inside. */
    private static Optional<Key> listKey(List<Tok> toks) {
        int i = toks.size() - 1;
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

    /** Adds an item written in a list or call: a word, or a string without its quotes (not the commas between). */
    private static void addItem(Set<String> items, Tok t) {
        if (t.type() == COMMA) {
            return;
        }
        String s = t.text();
        items.add(s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s);
    }
}
