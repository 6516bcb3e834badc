package dev.blueprint.lang.check;

import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.ApiMember;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.model.Name;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.resolve.BuiltinType;
import dev.blueprint.lang.resolve.FieldType;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** API rules: paths, operations, route queries and conflicts between endpoints. */
final class ApiChecker {
    private static final Pattern PARAM = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Program program;
    private final List<Diagnostic> out;
    private final Map<String, Endpoint> seen = new HashMap<>();

    ApiChecker(Program program, List<Diagnostic> out) {
        this.program = program;
        this.out = out;
    }

    void check(ApiDecl api) {
        Path file = program.fileOf(api);
        if (!api.prefix().startsWith("/")) {
            out.add(Diagnostic.of(
                    Code.BAD_PATH, file, api.prefixSpan(), "an api prefix starts with '/', like \"/api\""));
        }
        IdentityHashMap<ApiMember, Boolean> badPath = new IdentityHashMap<>();
        for (ApiMember m : api.members()) {
            if (m instanceof Resource r) {
                badPath.put(m, !checkResource(file, r));
            } else if (m instanceof Route route) {
                badPath.put(m, !checkRoute(file, route));
            }
        }
        Set<ApiMember> reported = new HashSet<>();
        for (Endpoint e : Endpoint.of(api)) {
            if (badPath.get(e.member()) || entityOf(e.member()).isEmpty()) {
                continue;
            }
            Endpoint first = seen.putIfAbsent(e.method() + " " + e.shape(), e);
            if (first != null && reported.add(e.member())) {
                Span at = e.member().span();
                out.add(Diagnostic.of(
                                Code.CONFLICTING_ROUTE,
                                file,
                                at,
                                e + " conflicts with " + describe(first) + ", which answers the same method and path")
                        .withRelated(fileOfMember(first), first.member().span(), "the first " + first));
            }
        }
    }

    private Path fileOfMember(Endpoint e) {
        for (ApiDecl api : program.apis()) {
            if (api.members().stream().anyMatch(m -> m == e.member())) {
                return program.fileOf(api);
            }
        }
        return program.root();
    }

    private static String describe(Endpoint e) {
        if (e.member() instanceof Resource r) {
            return "the '" + e.operation().keyword() + "' of resource \"" + r.path() + "\"";
        }
        return "the route " + e;
    }

    private Optional<EntityDecl> entityOf(ApiMember m) {
        Name name = m instanceof Resource r ? r.entity() : ((Route) m).entity();
        return program.entity(name.text());
    }

    private boolean checkResource(Path file, Resource r) {
        boolean ok = checkPath(file, r.path(), r.pathSpan());
        if (ok && !PARAM.matcher(r.path()).results().toList().isEmpty()) {
            out.add(Diagnostic.of(
                    Code.BAD_PATH,
                    file,
                    r.pathSpan(),
                    "a resource path has no {parameters}; its key is added for get, update and delete"));
            ok = false;
        }
        Set<String> ops = new HashSet<>();
        for (Resource.Operation listed : r.operations()) {
            Name op = listed.name();
            if (op.isMissing()) {
                continue;
            }
            if (Endpoint.Operation.resourceOperation(op.text()).isEmpty()) {
                List<String> names = Endpoint.Operation.resourceOperations().stream()
                        .map(Endpoint.Operation::keyword)
                        .toList();
                Optional<String> close = Suggest.closest(op.text(), names);
                Diagnostic d = Diagnostic.of(
                        Code.UNKNOWN_OPERATION,
                        file,
                        op.span(),
                        "unknown operation '" + op + "'; a resource offers " + String.join(", ", names)
                                + Suggest.didYouMean(close));
                out.add(close.map(d::withFix).orElse(d));
            } else if (!ops.add(op.text())) {
                out.add(Diagnostic.of(Code.DUPLICATE_OPERATION, file, op.span(), "'" + op + "' is already listed")
                        .markUnnecessary());
            }
        }
        return ok;
    }

    private boolean checkRoute(Path file, Route route) {
        boolean ok = true;
        if (!route.method().isMissing() && !route.method().text().equals("GET")) {
            String m = route.method().text();
            String hint = m.equalsIgnoreCase("GET")
                    ? "; write it in capitals: GET"
                    : " (routes are read queries; writes go through resources)";
            Diagnostic d = Diagnostic.of(
                    Code.UNSUPPORTED_METHOD, file, route.method().span(), "a route's method is GET, not " + m + hint);
            out.add(m.equalsIgnoreCase("GET") ? d.withFix("GET") : d);
        }
        if (!checkPath(file, route.path(), route.pathSpan())) {
            ok = false;
        }
        if (route.limit() != null && route.limit().value() <= 0) {
            out.add(Diagnostic.of(
                    Code.BAD_LIMIT,
                    file,
                    route.limit().span(),
                    "a limit is a positive number, not " + route.limit().value()));
        }
        Optional<EntityDecl> entity = program.entity(route.entity().text());
        if (entity.isEmpty()) {
            return ok;
        }
        Map<String, String> paramTypes = new HashMap<>();
        for (Route.Condition c : route.where()) {
            Optional<Field> field = entity.get().field(c.field().text());
            if (field.isEmpty() || c.param().isMissing()) {
                continue;
            }
            FieldType type = comparedType(program.typeOf(field.get()));
            if (type instanceof FieldType.Builtin b && b.type() == BuiltinType.TEXT) {
                out.add(Diagnostic.of(
                        Code.UNSORTABLE_FIELD,
                        file,
                        c.field().span(),
                        "'" + c.field() + "' is text and cannot be compared; use string(n)"));
                continue;
            }
            String category = category(type);
            String prior = paramTypes.putIfAbsent(c.param().text(), category);
            if (prior != null && !prior.equals(category) && !category.isEmpty() && !prior.isEmpty()) {
                out.add(Diagnostic.of(
                        Code.PARAM_TYPE_CONFLICT,
                        file,
                        c.param().span(),
                        "$" + c.param() + " is compared with " + prior + " and with " + category + " ('" + c.field()
                                + "'); use two parameters"));
            }
        }
        if (route.order() != null) {
            Optional<Field> field = entity.get().field(route.order().field().text());
            if (field.isPresent()
                    && program.typeOf(field.get()) instanceof FieldType.Builtin b
                    && b.type() == BuiltinType.TEXT) {
                out.add(Diagnostic.of(
                        Code.UNSORTABLE_FIELD,
                        file,
                        route.order().field().span(),
                        "'" + route.order().field() + "' is text and cannot be sorted; use string(n)"));
            }
        }
        boolean complete = route.where().stream()
                .noneMatch(c -> c.field().isMissing() || c.param().isMissing());
        if (ok && complete) {
            Set<String> used = new HashSet<>();
            route.where().forEach(c -> used.add(c.param().text()));
            for (String p : pathParams(route.path())) {
                if (!used.contains(p)) {
                    out.add(Diagnostic.of(
                            Code.UNUSED_PATH_PARAM,
                            file,
                            route.pathSpan(),
                            "path parameter {" + p + "} is not used by the where; add 'where <field> == $" + p + "'"));
                }
            }
        }
        return ok;
    }

    /** What a parameter compared with this field must be: a reference compares with its target's key. */
    private FieldType comparedType(FieldType type) {
        if (type instanceof FieldType.EntityRef ref) {
            return ref.decl().key().map(program::typeOf).orElse(new FieldType.Unknown());
        }
        return type;
    }

    private static String category(FieldType type) {
        if (type instanceof FieldType.Builtin b) {
            return b.type().keyword();
        } else if (type instanceof FieldType.EnumRef e) {
            return "enum " + e.decl().name().text();
        }
        return "";
    }

    static Set<String> pathParams(String path) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = PARAM.matcher(path);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private boolean checkPath(Path file, String path, Span span) {
        if (path.isEmpty() && span.length() == 0) {
            return false; // missing: a syntax error was reported
        }
        if (!path.startsWith("/")) {
            out.add(Diagnostic.of(Code.BAD_PATH, file, span, "a path starts with '/', not \"" + path + "\""));
            return false;
        }
        String stripped = PARAM.matcher(path).replaceAll("");
        if (stripped.contains("{") || stripped.contains("}")) {
            out.add(Diagnostic.of(Code.BAD_PATH, file, span, "unbalanced '{' or '}' in path \"" + path + "\""));
            return false;
        }
        if (stripped.contains(" ") || stripped.contains("?") || stripped.contains("#")) {
            out.add(Diagnostic.of(Code.BAD_PATH, file, span, "a path has no spaces, '?' or '#': \"" + path + "\""));
            return false;
        }
        Set<String> names = new HashSet<>();
        Matcher m = PARAM.matcher(path);
        while (m.find()) {
            String name = m.group(1);
            if (!IDENT.matcher(name).matches()) {
                out.add(Diagnostic.of(Code.BAD_PATH, file, span, "path parameter {" + name + "} is not a name"));
                return false;
            }
            if (!names.add(name)) {
                out.add(Diagnostic.of(Code.BAD_PATH, file, span, "path parameter {" + name + "} appears twice"));
                return false;
            }
        }
        return true;
    }
}
