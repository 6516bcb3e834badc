package dev.blueprint.lsp.ide;

import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.Field;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lsp.ide.Completion.Builder;
import dev.blueprint.lsp.ide.Completion.ItemKind;
import dev.blueprint.lsp.ide.CursorContext.RouteWord;
import dev.blueprint.lsp.ide.CursorContext.Site;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The proposals inside an {@code api} block, and wherever a role is named: members, entities, operations, route clauses, access rules, roles. */
final class ApiProposals {
    private ApiProposals() {}

    /** At the start of an api member. */
    static void members(Builder out) {
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
    }

    /** In a resource's braces: after an operation's name its rule, then the operations not written yet. */
    static void operations(Site.Operation site, Program program, Builder out) {
        if (site.ruleMayFollow()) {
            access(program, out);
        }
        for (Endpoint.Operation op : Endpoint.Operation.resourceOperations()) {
            if (!site.written().contains(op.keyword())) {
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

    /** The words that may come next in a route, and its rule. */
    static void clause(Site.RouteClause site, Program program, Builder out) {
        for (RouteWord w : site.words()) {
            out.add(w.label, ItemKind.KEYWORD, w.detail, w.doc, w.insert, false);
        }
        if (site.rule()) {
            access(program, out);
        }
    }

    /** A path parameter, with its {@code $} unless one is typed. */
    static void parameters(Site.RouteParameter site, Builder out) {
        boolean dollar = site.afterDollar();
        for (String p : site.parameters()) {
            out.add(
                    (dollar ? "" : "$") + p,
                    ItemKind.PARAM,
                    "path parameter",
                    null,
                    (dollar ? "" : "\\$") + p,
                    !dollar);
        }
    }

    /** The roles not yet listed: the declared ones, or where security declares them those rules require but it lacks. */
    static void roleNames(Site.RoleName site, Program program, Builder out) {
        Collection<String> roles =
                site.declaring() ? undeclared(program) : program.roleSymbols().keySet();
        roleNames(roles, site.listed(), !site.inString(), out);
    }

    /** What may follow a resource, an operation or a route: its access rule. */
    static void access(Program program, Builder out) {
        out.add("public", ItemKind.KEYWORD, "anyone may call", Rules.PUBLIC_DOC, "public", false);
        out.snippet(
                "requires role(…)",
                "only callers holding a role",
                "requires role(\"" + roleChoice(program) + "\")$0",
                Rules.REQUIRES_DOC);
    }

    /** After {@code requires}. */
    static void requirement(Program program, Builder out) {
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

    /** Role names not yet {@code listed}: quoted, or bare when the cursor is inside a string. */
    private static void roleNames(Collection<String> roles, Set<String> listed, boolean quoted, Builder out) {
        for (String r : roles) {
            if (!listed.contains(r)) {
                String label = quoted ? "\"" + r + "\"" : r;
                out.add(label, ItemKind.VALUE, "role", null, quoted ? "\"" + literal(r) + "\"" : literal(r), false);
            }
        }
    }

    /** The roles rules require that security's roles does not declare. */
    private static List<String> undeclared(Program program) {
        return Rules.requiredRoles(program).stream()
                .filter(r -> !program.roleSymbols().containsKey(r))
                .toList();
    }

    static void entities(Program program, Builder out) {
        program.entities()
                .forEach(e -> out.add(
                        e.name().text(),
                        ItemKind.ENTITY,
                        "entity",
                        e.doc(),
                        e.name().text(),
                        false));
    }

    static void fields(EntityDecl e, Program program, Builder out) {
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
}
