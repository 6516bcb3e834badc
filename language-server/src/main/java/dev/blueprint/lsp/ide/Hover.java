package dev.blueprint.lsp.ide;

import dev.blueprint.lang.check.Attributes;
import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.EnumDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.model.StoreDecl;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.naming.EnvironmentNames;
import dev.blueprint.lang.naming.SqlNames;
import dev.blueprint.lang.resolve.FieldType;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.resolve.Symbol;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.settings.Schema;
import dev.blueprint.lang.source.Span;
import dev.blueprint.lsp.ide.CursorContext.Target;
import java.util.List;
import java.util.Optional;

/** Hover: docs of keys and attributes from the core's tables, summaries of declarations. Markdown. */
public final class Hover {
    private Hover() {}

    public record Result(String markdown, Span span) {}

    /** What the named thing at {@code offset} ({@link CursorContext#target()}) is, in Markdown, and the span it covers. */
    public static Optional<Result> hover(FileContext ctx, int offset) {
        return ctx.cursor(offset).target().map(t -> describe(ctx, t));
    }

    private static Result describe(FileContext ctx, Target target) {
        Program program = ctx.program();
        if (target instanceof Target.SymbolName s) {
            return new Result(
                    symbol(program, s.reference().target()), s.reference().span());
        }
        if (target instanceof Target.AccessRule r) {
            return new Result(rule(program, r.rule()), r.rule().access().span());
        }
        if (target instanceof Target.MapEntryName m) {
            return new Result(mapEntry(m.entry()), m.entry().entry().key().span());
        }
        if (target instanceof Target.SettingKey s) {
            return new Result(
                    setting(ctx, s.setting()), s.setting().setting().key().span());
        }
        if (target instanceof Target.AttributeName a) {
            Attributes.Spec s = a.spec();
            String written = a.attribute().args().isEmpty()
                    ? ""
                    : "Written: `" + slice(ctx.text(), a.attribute().span()) + "`\n\n";
            return new Result(
                    "**@" + s.name() + "** — for " + s.appliesTo() + "\n\n" + written + s.doc() + "\n\nExample: `"
                            + s.example() + "`",
                    a.attribute().span());
        }
        if (target instanceof Target.BuiltinTypeName b) {
            return new Result(
                    "**" + program.typeOf(b.field()).display() + "** — built-in type\n\n"
                            + b.type().doc(),
                    b.field().type().span());
        }
        if (target instanceof Target.BlockKeyword k) {
            return new Result(
                    "**" + k.schema().name() + "** — " + k.schema().doc() + "\n\n"
                            + keysTable(k.schema().keys()),
                    k.decl().keywordSpan());
        }
        if (target instanceof Target.EndpointPath e) {
            StringBuilder md = new StringBuilder("**Endpoints**\n\n");
            boolean auth = Endpoint.authenticates(program);
            Endpoint.of(e.api()).stream()
                    .filter(x -> x.member() == e.member())
                    .forEach(x -> md.append(endpointLine(x, auth)).append('\n'));
            return new Result(md.toString(), e.path());
        }
        if (target instanceof Target.RouteParameter p) {
            return new Result(
                    parameter(program, p.route(), p.condition()),
                    p.condition().param().span());
        }
        if (target instanceof Target.OperationName o) {
            return new Result(
                    "**" + o.name().text() + "** — `" + o.endpoint() + "`\n\nAccess: "
                            + Rules.describe(o.endpoint().access(), Endpoint.authenticates(program)),
                    o.name().span());
        }
        if (target instanceof Target.ApiPrefix a) {
            StringBuilder md = new StringBuilder("**api** `" + a.api().prefix() + "`\n\n");
            boolean auth = Endpoint.authenticates(program);
            Endpoint.of(a.api()).forEach(x -> md.append(endpointLine(x, auth)).append('\n'));
            return new Result(md.toString(), a.api().prefixSpan());
        }
        throw new IllegalArgumentException("no hover for " + target);
    }

    /** A setting's key: what it expects, its doc, what is written, its default and bounds. */
    private static String setting(FileContext ctx, Nodes.SettingHit setting) {
        Key k = setting.key();
        Value value = setting.setting().value();
        String written = value instanceof Value.Nested || value instanceof Value.Missing
                ? ""
                : "Set to `"
                        + ctx.text()
                                .substring(
                                        value.span().start(),
                                        Math.min(value.span().end(), ctx.text().length()))
                        + "` · ";
        return "**" + setting.schema().name() + "." + k.name() + "** — " + k.expectation() + "\n\n"
                + k.doc() + "\n\n" + written + "default: `" + k.defaultText() + "`"
                + (k.boundsText().isEmpty() ? "" : " · bounds: `" + k.boundsText() + "`");
    }

    /** A route's parameter: path or query, its type (a reference's key type), the field it is compared with. */
    private static String parameter(Program program, Route route, Route.Condition c) {
        boolean inPath = route.path().contains("{" + c.param().text() + "}");
        String type = program.entity(route.entity().text())
                .flatMap(e -> e.field(c.field().text()))
                .map(f -> program.typeOf(f) instanceof FieldType.EntityRef r
                        ? r.decl().key().map(k -> program.typeOf(k).display()).orElse("unknown") + " (the key of "
                                + r.decl().name() + ")"
                        : program.typeOf(f).display())
                .orElse("unknown");
        return "**$" + c.param().text() + "** — " + (inPath ? "path" : "query") + " parameter: `" + type
                + "`\n\nCompared with `" + route.entity().text() + "."
                + c.field().text() + "`.";
    }

    private static String keysTable(List<Key> keys) {
        StringBuilder s = new StringBuilder("| key | default | |\n|---|---|---|\n");
        for (Key k : keys) {
            s.append("| `")
                    .append(k.name())
                    .append("` | ")
                    .append(k.defaultText())
                    .append(" | ")
                    .append(k.doc())
                    .append(" |\n");
        }
        return s.toString();
    }

    /** Markdown describing a symbol. */
    public static String symbol(Program program, Symbol sym) {
        StringBuilder md = new StringBuilder();
        int uses = (int) program.references().of(sym).stream()
                .filter(r -> !(r.file().equals(sym.file()) && r.span().equals(sym.nameSpan())))
                .count();
        switch (sym.kind()) {
            case ENTITY -> {
                EntityDecl e = (EntityDecl) sym.node();
                md.append("**entity ").append(e.name()).append("**");
                if (e.doc() != null && !e.doc().isBlank()) {
                    md.append("\n\n").append(e.doc().strip());
                }
                md.append("\n\nTable `")
                        .append(SqlNames.table(e.name().text()))
                        .append("`\n\n```" + LANGUAGE_ID + "\n");
                for (Field f : e.fields()) {
                    String text = program.files().get(sym.file()) == null
                            ? null
                            : program.files().get(sym.file()).text();
                    md.append(f.name())
                            .append(": ")
                            .append(typeText(program, f, text))
                            .append(f.optional() ? "?" : "");
                    f.attributes()
                            .forEach(a -> md.append(' ').append(text == null ? "@" + a.name() : slice(text, a.span())));
                    if (f.defaultValue() != null && text != null) {
                        md.append(" = ").append(slice(text, f.defaultValue().span()));
                    }
                    if (program.typeOf(f) instanceof FieldType.Unknown
                            && !f.type().name().isMissing()) {
                        md.append(" // unknown type");
                    }
                    md.append('\n');
                }
                md.append("```");
                List<Endpoint> endpoints = endpointsOf(program, e);
                if (!endpoints.isEmpty()) {
                    md.append("\n\n**Endpoints**\n");
                    boolean auth = Endpoint.authenticates(program);
                    endpoints.forEach(x -> md.append('\n').append(endpointLine(x, auth)));
                }
                md.append("\n\n").append(uses).append(uses == 1 ? " reference" : " references");
            }
            case ENUM -> {
                EnumDecl e = (EnumDecl) sym.node();
                md.append("**enum ")
                        .append(e.name())
                        .append("** { ")
                        .append(String.join(
                                ", ", e.members().stream().map(n -> n.text()).toList()))
                        .append(" }");
                if (e.doc() != null && !e.doc().isBlank()) {
                    md.append("\n\n").append(e.doc().strip());
                }
                md.append("\n\n").append(uses).append(uses == 1 ? " reference" : " references");
            }
            case FIELD -> {
                Field f = (Field) sym.node();
                FieldType t = program.typeOf(f);
                String text = program.files().get(sym.file()) == null
                        ? null
                        : program.files().get(sym.file()).text();
                md.append("**")
                        .append(sym.qualifiedName())
                        .append("**: `")
                        .append(typeText(program, f, text))
                        .append(f.optional() ? "?" : "")
                        .append('`');
                if (t instanceof FieldType.Unknown && !f.type().name().isMissing()) {
                    md.append(" (an unknown type)");
                }
                f.attributes()
                        .forEach(a -> md.append(" `")
                                .append(text == null ? "@" + a.name() : slice(text, a.span()))
                                .append('`'));
                if (f.doc() != null && !f.doc().isBlank()) {
                    md.append("\n\n").append(f.doc().strip());
                }
                if (t instanceof FieldType.EntityRef r) {
                    md.append("\n\nA reference to ").append(r.decl().name()).append(" (a foreign key to its key).");
                }
            }
            case ENUM_MEMBER ->
                md.append("**")
                        .append(sym.qualifiedName())
                        .append("** — member of enum ")
                        .append(sym.owner().name());
            case STORE -> {
                StoreDecl s = (StoreDecl) sym.node();
                md.append("**store ").append(s.name()).append("**");
                s.body()
                        .find("engine")
                        .ifPresent(x -> md.append(" — engine `")
                                .append(ctxText(x.value().span(), program, sym))
                                .append('`'));
                if (program.stores().indexOf(s) == 0) {
                    md.append("\n\nThe default store.");
                }
            }
            case ROLE -> {
                md.append("**role** `\"").append(sym.name()).append("\"`");
                List<Endpoint> required = Rules.requiring(program, sym.name());
                if (required.isEmpty()) {
                    md.append(
                            Rules.named(program, sym.name())
                                    ? "\n\nThe rules naming it govern no endpoint: every operation they cover has a rule of its own."
                                    : "\n\nNo rule requires it: holding it grants nothing.");
                } else {
                    md.append("\n\n**Required by**\n");
                    required.forEach(x -> md.append("\n- `")
                            .append(x)
                            .append('`')
                            .append(
                                    x.access().roles().size() > 1
                                            ? " (any of "
                                                    + String.join(
                                                            ", ", x.access().roles()) + ")"
                                            : ""));
                }
                List<String> holders = Rules.clients(program).stream()
                        .filter(c -> c.roles().contains(sym.name()))
                        .map(Rules.Client::name)
                        .toList();
                md.append("\n\n**Held by** ")
                        .append(
                                holders.isEmpty()
                                        ? "no API key client"
                                        : "API key clients "
                                                + String.join(
                                                        ", ",
                                                        holders.stream()
                                                                .map(h -> "`" + h + "`")
                                                                .toList()));
                if (Rules.hasJwt(program)) {
                    md.append("; and by JWT callers whose roles claim lists it");
                }
                if (!Endpoint.authenticates(program) && !required.isEmpty()) {
                    md.append("\n\n").append(NOBODY);
                }
            }
            case SERVICE -> {
                md.append("**service ").append(sym.name()).append("**");
                int n = program.apis().stream()
                        .mapToInt(a -> Endpoint.of(a).size())
                        .sum();
                md.append("\n\n").append(n).append(n == 1 ? " endpoint" : " endpoints");
            }
        }
        return md.toString();
    }

    /** Said where a rule cannot be enforced. */
    static final String NOBODY =
            "⚠ The service authenticates nobody (no `api_keys` or `jwt` in a `security` block): every endpoint is open to anyone.";

    /** One endpoint and who may call it, as a list item. */
    static String endpointLine(Endpoint e, boolean authenticates) {
        return "- `" + e + "` — " + Rules.describe(e.access(), authenticates);
    }

    /** A rule: what it means and the endpoints it decides. */
    private static String rule(Program program, Rules.Rule rule) {
        var access = rule.access();
        boolean auth = Endpoint.authenticates(program);
        StringBuilder md = new StringBuilder();
        if (access.isPublic()) {
            md.append("**public** — ").append(Rules.PUBLIC_DOC);
        } else {
            List<String> roles = access.roles().stream()
                    .map(r -> "`\"" + r.name() + "\"`")
                    .distinct()
                    .toList();
            md.append("**requires role(…)** — ").append(Rules.REQUIRES_DOC);
            if (!roles.isEmpty()) {
                md.append("\n\nRoles: ").append(String.join(", ", roles));
            }
        }
        List<Endpoint> governed = Rules.governed(rule);
        if (!governed.isEmpty()) {
            md.append("\n\n**")
                    .append(rule.operation() != null ? "Governs" : "Governs (unless an operation has its own rule)")
                    .append("**\n");
            governed.forEach(e -> md.append("\n- `").append(e).append('`'));
        }
        if (!auth) {
            md.append("\n\n")
                    .append(
                            access.isPublic()
                                    ? "The service authenticates nobody, so every endpoint is open anyway; `public` says so explicitly."
                                    : NOBODY + " This rule cannot be enforced.");
        }
        return md.toString();
    }

    /** An entry of a map ({@code desk} in {@code clients}): its schema, and for an API client its roles and key. */
    private static String mapEntry(Nodes.MapEntry entry) {
        var schema = entry.map().block();
        StringBuilder md = new StringBuilder(
                "**" + schema.name() + "** `" + entry.entry().key().text() + "` — " + schema.doc());
        if (schema == Schema.CLIENT && entry.entry().value() instanceof Value.Nested n) {
            List<String> roles = Rules.strings(n.block(), Schema.CLIENT_ROLES.name());
            md.append("\n\nRoles: ")
                    .append(
                            roles.isEmpty()
                                    ? "none"
                                    : String.join(
                                            ", ",
                                            roles.stream()
                                                    .map(r -> "`\"" + r + "\"`")
                                                    .toList()));
            n.block()
                    .find(Schema.KEY.name())
                    .ifPresent(k -> md.append("\n\nKey: ")
                            .append(
                                    k.value() instanceof Value.Env e
                                            ? "from the environment variable `" + e.variable() + "`"
                                            : "written in the file (use `env(\""
                                                    + EnvironmentNames.clientKey(
                                                            entry.entry().key().text()) + "\")`)"));
        }
        return md.toString();
    }

    /** The language id editors know blueprints by; code fences carry it so they are highlighted. */
    public static final String LANGUAGE_ID = "blueprint-service";

    /**
     * A field's type as resolved ({@code string(40)}, {@code Status}); a name that resolves to
     * nothing is shown as written (while the user types {@code Staus}), not as "unknown".
     */
    private static String typeText(Program program, Field f, String text) {
        FieldType t = program.typeOf(f);
        if (t instanceof FieldType.Unknown && text != null && !f.type().name().isMissing()) {
            return slice(text, f.type().span());
        }
        return t.display();
    }

    private static String slice(String text, Span span) {
        return text.substring(Math.min(span.start(), text.length()), Math.min(span.end(), text.length()));
    }

    private static String ctxText(Span span, Program program, Symbol sym) {
        String text = program.files().get(sym.file()).text();
        return text.substring(Math.min(span.start(), text.length()), Math.min(span.end(), text.length()));
    }

    /** The endpoints that expose an entity. */
    public static List<Endpoint> endpointsOf(Program program, EntityDecl e) {
        return program.apis().stream()
                .flatMap(a -> Endpoint.of(a).stream())
                .filter(x -> (x.member() instanceof Resource r
                                && r.entity().text().equals(e.name().text()))
                        || (x.member() instanceof Route q
                                && q.entity().text().equals(e.name().text())))
                .toList();
    }
}
