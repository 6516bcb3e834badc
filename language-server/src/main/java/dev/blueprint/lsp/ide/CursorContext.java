package dev.blueprint.lsp.ide;

import static dev.blueprint.lang.syntax.BlueprintLexer.*;

import dev.blueprint.lang.check.Attributes;
import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.ApiMember;
import dev.blueprint.lang.model.Attribute;
import dev.blueprint.lang.model.Decl;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.Name;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.resolve.BuiltinType;
import dev.blueprint.lang.resolve.FieldType;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.resolve.Reference;
import dev.blueprint.lang.settings.BlockSchema;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lang.source.Span;
import dev.blueprint.lsp.ide.Tokens.Tok;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the cursor stands in one file, found once per (snapshot, offset) ({@link
 * FileContext#cursor}) and shared by completion, signature help and hover. It has three views,
 * each worked out on first use from the snapshot's tokens of the file and its model:
 *
 * <ul>
 *   <li>{@link #site()}: what may be written at the cursor (a declaration, a setting's key or
 *       value, a field's type, a route's next clause, …), with the span a proposal replaces. It is
 *       read from the tokens before the cursor and the braces they open, so it holds in
 *       half-written text the parser cannot make sense of; names and types come from the model.
 *   <li>{@link #call()}: the call whose parentheses hold the cursor ({@code @range(|)},
 *       {@code env(|)}, {@code role(|)}), and which argument it is at.
 *   <li>{@link #target()}: the named thing the cursor touches (a reference, a setting's key, an
 *       attribute, an endpoint's path, …), from the model.
 * </ul>
 */
public final class CursorContext {
    private final FileContext file;
    private final int offset;
    private SiteFinder.Found site;
    private Optional<Call> call;
    private Optional<Target> target;

    CursorContext(FileContext file, int offset) {
        this.file = file;
        this.offset = offset;
    }

    public FileContext file() {
        return file;
    }

    public int offset() {
        return offset;
    }

    /** What may be written at the cursor. */
    public Site site() {
        return found().site();
    }

    /** The span a proposal replaces: the word (or number) typed up to the cursor, or the inside of the string it is in. */
    public Span replace() {
        return found().replace();
    }

    private synchronized SiteFinder.Found found() {
        if (site == null) {
            site = SiteFinder.find(file, offset);
        }
        return site;
    }

    /** The text of {@link #replace()}: what proposals are narrowed by. */
    public String typed() {
        Span s = replace();
        return file.text().substring(s.start(), s.end());
    }

    /** The call whose parentheses hold the cursor (not past a brace), if any. */
    public synchronized Optional<Call> call() {
        if (call == null) {
            call = findCall();
        }
        return call;
    }

    /** The named thing the cursor touches, if any. */
    public synchronized Optional<Target> target() {
        if (target == null) {
            target = findTarget();
        }
        return target;
    }

    // ---- sites -------------------------------------------------------------------------------

    /** Where the cursor stands, as far as what may be written there is concerned. */
    public sealed interface Site {
        /** Nothing may be proposed: in a comment, inside an operator, past a value, in an unknown block. */
        record Nowhere() implements Site {}

        /** At the start of a top-level declaration. */
        record Declaration() implements Site {}

        /** After {@code import}: the path of another file. */
        record ImportPath() implements Site {}

        /** Where a key of a settings block may be written; {@code written} are the keys its block already has. */
        record SettingKey(BlockSchema schema, Set<String> written) implements Site {}

        /** After a setting's key: its value. */
        record SettingValue(Key key) implements Site {}

        /** Inside a setting's list ({@code checks [main, |]}); {@code listed} are the items written around the cursor. */
        record ListItem(Key key, Set<String> listed) implements Site {}

        /** At the start of a line inside a map ({@code clients { | }}): a new entry of schema {@code entry}. */
        record NewMapEntry(BlockSchema entry) implements Site {}

        /**
         * Where a role is named: {@code requires role(|)}, a client's {@code roles [|]}, or
         * security's own {@code roles [|]} ({@code declaring}: the roles rules require but it lacks
         * are proposed there, the declared ones elsewhere). {@code inString}: the cursor is inside
         * the quotes; {@code listed} are the roles written around it.
         */
        record RoleName(boolean declaring, boolean inString, Set<String> listed) implements Site {}

        /** At the start of a line in an entity; {@code firstWithoutKey}: its first line, and it has no key. */
        record FieldStart(boolean firstWithoutKey) implements Site {}

        /** After a field's colon: its type. */
        record FieldTypeName() implements Site {}

        /** After {@code @} ({@code withAt} false) or after a field's type ({@code withAt} true): an attribute fitting {@code type}. */
        record AttributeName(FieldType type, boolean withAt) implements Site {}

        /** After a field's {@code =}: a default of {@code type}. */
        record DefaultValue(FieldType type) implements Site {}

        /** At the start of a line in an {@code api} block: a resource or a route. */
        record ApiMemberStart() implements Site {}

        /** After a resource's path or a route's {@code ->}: an entity. */
        record EntityName() implements Site {}

        /** After a resource, an operation or a route: its access rule ({@code public}, {@code requires role(…)}). */
        record AccessRule() implements Site {}

        /** After {@code requires}: {@code role(…)}. */
        record Requirement() implements Site {}

        /** In a resource's braces: the operations not {@code written} yet, after {@code ruleMayFollow} an operation's name also its rule. */
        record Operation(Set<String> written, boolean ruleMayFollow) implements Site {}

        /** In a route, after {@code where}, {@code and} or {@code by}: a field of the route's entity. */
        record RouteField(EntityDecl entity) implements Site {}

        /** In a route, after {@code ==} or {@code $} ({@code afterDollar}): a parameter of its path. */
        record RouteParameter(List<String> parameters, boolean afterDollar) implements Site {}

        /** In a route, where one of {@code words} may come next, and its access rule when {@code rule}. */
        record RouteClause(List<RouteWord> words, boolean rule) implements Site {}
    }

    /** The words a route is written with, as proposed where they may come next. */
    public enum RouteWord {
        GET("GET", "method", "Routes are read queries.", "GET"),
        ARROW("->", "result", null, "-> "),
        BY("by", "order by", null, "by"),
        ASC("asc", "ascending", null, "asc"),
        DESC("desc", "descending", null, "desc"),
        COMPARE("==", "compare", null, "== "),
        WHERE("where", "filter", null, "where "),
        AND("and", "another condition", null, "and "),
        ORDER_BY("order by", "sort", null, "order by "),
        LIMIT("limit", "at most n rows", null, "limit ");

        public final String label;
        public final String detail;
        public final String doc;
        public final String insert;

        RouteWord(String label, String detail, String doc, String insert) {
            this.label = label;
            this.detail = detail;
            this.doc = doc;
            this.insert = insert;
        }
    }

    // ---- calls -------------------------------------------------------------------------------

    /**
     * A call whose parentheses hold the cursor: its name, the type of the token before the name
     * ({@code AT} for an attribute, {@code REQUIRES} for a rule; -1 at the start of the file) and
     * the index of the argument the cursor is at (the commas before it).
     */
    public record Call(Tok name, int precededBy, int argument) {}

    /** Walks back from the cursor over balanced parentheses to an open one, stopping at a brace. */
    private Optional<Call> findCall() {
        List<Tok> toks = file.tokens();
        int depth = 0;
        int commas = 0;
        for (int i = Tokens.startingBefore(toks, offset) - 1; i >= 0; i--) {
            Tok t = toks.get(i);
            if (t.type() == RPAREN && t.end() <= offset) {
                depth++;
            } else if (t.type() == LPAREN) {
                if (depth == 0) {
                    return i == 0
                            ? Optional.empty()
                            : Optional.of(new Call(
                                    toks.get(i - 1), i >= 2 ? toks.get(i - 2).type() : -1, commas));
                }
                depth--;
            } else if (t.type() == COMMA && depth == 0) {
                commas++;
            } else if (t.type() == LBRACE || t.type() == RBRACE) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    // ---- targets -----------------------------------------------------------------------------

    /** The named thing the cursor touches. */
    public sealed interface Target {
        /** A use or the declaration of a symbol. */
        record SymbolName(Reference reference) implements Target {}

        /** An access rule ({@code public}, {@code requires role(…)}). */
        record AccessRule(Rules.Rule rule) implements Target {}

        /** The name of a map's entry ({@code desk} in {@code clients}). */
        record MapEntryName(Nodes.MapEntry entry) implements Target {}

        /** The key of a setting the schema knows. */
        record SettingKey(Nodes.SettingHit setting) implements Target {}

        /** An attribute the core knows ({@code @range}). */
        record AttributeName(Attribute attribute, Attributes.Spec spec) implements Target {}

        /** A field's built-in type. */
        record BuiltinTypeName(Field field, BuiltinType type) implements Target {}

        /** The keyword of a settings block ({@code server}, {@code probes}, …). */
        record BlockKeyword(SettingsDecl decl, BlockSchema schema) implements Target {}

        /** The path of a resource or a route. */
        record EndpointPath(ApiDecl api, ApiMember member, Span path) implements Target {}

        /** A route's {@code $parameter}. */
        record RouteParameter(Route route, Route.Condition condition) implements Target {}

        /** An operation listed in a resource's braces, and the endpoint it makes. */
        record OperationName(Name name, Endpoint endpoint) implements Target {}

        /** The path prefix of an {@code api} block. */
        record ApiPrefix(ApiDecl api) implements Target {}
    }

    /** The first that the cursor touches of: a reference, a rule, a map entry's name, a setting's key, an attribute, a built-in type, then a block keyword or an api's path, parameter, operation or prefix. */
    private Optional<Target> findTarget() {
        Program program = file.program();
        Optional<Reference> ref = program.references().at(file.path(), offset);
        if (ref.isPresent()) {
            return Optional.of(new Target.SymbolName(ref.get()));
        }
        Optional<Rules.Rule> rule = Rules.ruleAt(file.file(), offset);
        if (rule.isPresent()) {
            return Optional.of(new Target.AccessRule(rule.get()));
        }
        Optional<Nodes.MapEntry> entry = Nodes.mapEntryAt(file.file(), offset);
        if (entry.isPresent()) {
            return Optional.of(new Target.MapEntryName(entry.get()));
        }
        Optional<Nodes.SettingHit> setting = Nodes.settingKeyAt(file.file(), offset);
        if (setting.isPresent() && setting.get().key() != null) {
            return Optional.of(new Target.SettingKey(setting.get()));
        }
        Optional<Field> field = Nodes.fieldAt(file.file(), offset);
        if (field.isPresent()) {
            Field f = field.get();
            for (Attribute a : f.attributes()) {
                if (a.name().span().touches(offset) || a.span().start() == offset) {
                    Optional<Attributes.Spec> spec = Attributes.spec(a.name().text());
                    if (spec.isPresent()) {
                        return Optional.of(new Target.AttributeName(a, spec.get()));
                    }
                }
            }
            if (f.type().name().span().touches(offset)) {
                Optional<BuiltinType> b = BuiltinType.named(f.type().name().text());
                if (b.isPresent()) {
                    return Optional.of(new Target.BuiltinTypeName(f, b.get()));
                }
            }
        }
        for (Decl d : file.file().decls()) {
            if (d instanceof SettingsDecl s && s.keywordSpan().touches(offset)) {
                return Optional.of(new Target.BlockKeyword(
                        s, Schema.block(s.kind().keyword()).orElseThrow()));
            }
            if (d instanceof ApiDecl api) {
                Optional<Target> inApi = inApi(api);
                if (inApi.isPresent()) {
                    return inApi;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Target> inApi(ApiDecl api) {
        for (Endpoint e : Endpoint.of(api)) {
            Span p = e.member() instanceof Resource r ? r.pathSpan() : ((Route) e.member()).pathSpan();
            if (p.touches(offset)) {
                return Optional.of(new Target.EndpointPath(api, e.member(), p));
            }
        }
        for (ApiMember m : api.members()) {
            if (m instanceof Route route && route.span().touches(offset)) {
                for (Route.Condition c : route.where()) {
                    if (c.param().span().touches(offset) && !c.param().isMissing()) {
                        return Optional.of(new Target.RouteParameter(route, c));
                    }
                }
            }
            if (m instanceof Resource r) {
                for (Resource.Operation listed : r.operations()) {
                    Name op = listed.name();
                    if (op.span().touches(offset)) {
                        Optional<Endpoint> e = Endpoint.of(api).stream()
                                .filter(x -> x.member() == r
                                        && x.operation().keyword().equals(op.text()))
                                .findFirst();
                        if (e.isPresent()) {
                            return Optional.of(new Target.OperationName(op, e.get()));
                        }
                    }
                }
            }
        }
        return api.prefixSpan().touches(offset) ? Optional.of(new Target.ApiPrefix(api)) : Optional.empty();
    }
}
