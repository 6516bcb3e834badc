package dev.blueprint.lang.check;

import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.ApiMember;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.settings.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP operation a blueprint exposes: {@code GET /api/v1/customers/{id}}. Derived from
 * resources and routes in one place, for conflict checks, inlay hints, code lenses and the
 * generator.
 */
public record Endpoint(String method, String path, Operation operation, ApiMember member, Access access) {

    /**
     * Who may call an endpoint, as the blueprint writes it (an operation's own rule wins over its
     * resource's). {@code DEFAULT}: nothing written, so any authenticated caller when the service
     * authenticates, anyone otherwise; {@code PUBLIC}: anyone; {@code ROLES}: a caller holding
     * any one of {@code roles}.
     */
    public record Access(Kind kind, List<String> roles) {
        public static final Access DEFAULT = new Access(Kind.DEFAULT, List.of());
        public static final Access PUBLIC = new Access(Kind.PUBLIC, List.of());

        public enum Kind {
            DEFAULT,
            PUBLIC,
            ROLES
        }

        public Access {
            roles = List.copyOf(roles);
        }

        public static Access anyOf(List<String> roles) {
            return new Access(Kind.ROLES, roles);
        }

        /** The rule {@code written}, or {@code fallback} when nothing is written. */
        static Access of(dev.blueprint.lang.model.Access written, Access fallback) {
            if (written == null) {
                return fallback;
            }
            return written.isPublic()
                    ? PUBLIC
                    : anyOf(written.roles().stream()
                            .map(dev.blueprint.lang.model.Access.RoleRef::name)
                            .distinct()
                            .toList());
        }
    }

    /** The five resource operations, and {@code ROUTE} for a route's query. */
    public enum Operation {
        LIST("GET", false),
        GET("GET", true),
        CREATE("POST", false),
        UPDATE("PUT", true),
        DELETE("DELETE", true),
        ROUTE("GET", false);

        private final String method;
        private final boolean byKey;

        Operation(String method, boolean byKey) {
            this.method = method;
            this.byKey = byKey;
        }

        public String method() {
            return method;
        }

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The resource operations, in their canonical order. */
        public static List<Operation> resourceOperations() {
            return List.of(LIST, GET, CREATE, UPDATE, DELETE);
        }

        public static java.util.Optional<Operation> resourceOperation(String keyword) {
            return resourceOperations().stream()
                    .filter(o -> o.keyword().equals(keyword))
                    .findFirst();
        }
    }

    /** The operations a resource exposes: all five when none are listed, else the known ones listed. */
    public static List<Operation> operationsOf(Resource r) {
        if (r.allOperations()) {
            return Operation.resourceOperations();
        }
        List<Operation> ops = new ArrayList<>();
        for (Resource.Operation o : r.operations()) {
            Operation.resourceOperation(o.name().text())
                    .filter(op -> !ops.contains(op))
                    .ifPresent(ops::add);
        }
        return ops;
    }

    /** The rule of {@code op} on {@code r}: the operation's own, else the resource's, else the default. */
    static Access accessOf(Resource r, Operation op) {
        Access resource = Access.of(r.access(), Access.DEFAULT);
        for (Resource.Operation o : r.operations()) {
            if (o.name().text().equals(op.keyword())) {
                return Access.of(o.access(), resource);
            }
        }
        return resource;
    }

    /**
     * Whether the program's service authenticates callers: its security block writes
     * {@code api_keys} or {@code jwt}. A rule is enforceable then, even if those settings have
     * mistakes of their own; otherwise every endpoint is open to anyone.
     */
    public static boolean authenticates(Program program) {
        return program.settings(SettingsDecl.Kind.SECURITY)
                .map(d -> d.body().settings().stream()
                        .anyMatch(s -> s.key().text().equals(Schema.API_KEYS_BLOCK.name())
                                || s.key().text().equals(Schema.JWT_BLOCK.name())))
                .orElse(false);
    }

    /** Every endpoint of an api block, in written order. */
    public static List<Endpoint> of(ApiDecl api) {
        List<Endpoint> out = new ArrayList<>();
        for (ApiMember m : api.members()) {
            if (m instanceof Resource r) {
                String base = join(api.prefix(), r.path());
                for (Operation op : operationsOf(r)) {
                    out.add(new Endpoint(op.method(), op.byKey ? join(base, "/{id}") : base, op, r, accessOf(r, op)));
                }
            } else if (m instanceof Route route) {
                out.add(new Endpoint(
                        route.method().text(),
                        join(api.prefix(), route.path()),
                        Operation.ROUTE,
                        route,
                        Access.of(route.access(), Access.DEFAULT)));
            }
        }
        return out;
    }

    /** Joins path parts with exactly one '/' between them and none at the end (but "/" alone). */
    public static String join(String prefix, String path) {
        String joined = (prefix + "/" + path).replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined.startsWith("/") ? joined : "/" + joined;
    }

    /** The path with every parameter name erased, so that templates compare by shape. */
    public String shape() {
        return path.replaceAll("\\{[^}/]*}", "{}");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
