package dev.blueprint.lsp.ide;

import dev.blueprint.lang.check.Endpoint;
import dev.blueprint.lang.model.Access;
import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.ApiMember;
import dev.blueprint.lang.model.Block;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.model.Setting;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.settings.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Access rules, roles and API clients as the IDE features see them: where rules stand, what they govern, who holds a role. */
public final class Rules {
    private Rules() {}

    /** What {@code public} means. */
    public static final String PUBLIC_DOC =
            "Anyone may call, without a credential, even when the service authenticates callers.";

    /** What {@code requires role(…)} means. */
    public static final String REQUIRES_DOC =
            "Only a caller with a valid credential (an API key or a JWT) that holds any one of the roles may call: "
                    + "without a valid credential the answer is 401, without one of the roles 403.";

    /** A written rule: its api and member, and the operation it follows (null for the member's own rule). */
    public record Rule(ApiDecl api, ApiMember member, Resource.Operation operation, Access access) {}

    /** An API key client of the security block: its entry ({@code desk { … }}) and the roles it lists. */
    public record Client(String name, Setting entry, List<String> roles) {}

    /** Every rule written in a file, in written order. */
    public static List<Rule> rules(SourceFile file) {
        List<Rule> out = new ArrayList<>();
        for (ApiDecl api : file.decls(ApiDecl.class)) {
            for (ApiMember m : api.members()) {
                if (m instanceof Resource r) {
                    if (r.access() != null) {
                        out.add(new Rule(api, r, null, r.access()));
                    }
                    r.operations().stream()
                            .filter(o -> o.access() != null)
                            .forEach(o -> out.add(new Rule(api, r, o, o.access())));
                } else if (m instanceof Route route && route.access() != null) {
                    out.add(new Rule(api, route, null, route.access()));
                }
            }
        }
        return out;
    }

    /** The rule whose text holds {@code offset}. */
    public static Optional<Rule> ruleAt(SourceFile file, int offset) {
        return rules(file).stream()
                .filter(r -> r.access().span().touches(offset))
                .findFirst();
    }

    /** The endpoints a rule decides: its operation's, or those of its member that have no rule of their own. */
    public static List<Endpoint> governed(Rule rule) {
        return Endpoint.of(rule.api()).stream()
                .filter(e -> e.member() == rule.member())
                .filter(e -> {
                    if (rule.operation() != null) {
                        return e.operation()
                                .keyword()
                                .equals(rule.operation().name().text());
                    }
                    return !(rule.member() instanceof Resource r)
                            || r.operations().stream()
                                    .noneMatch(o -> o.access() != null
                                            && o.name()
                                                    .text()
                                                    .equals(e.operation().keyword()));
                })
                .toList();
    }

    /** Every endpoint of the program whose rule requires {@code role}. */
    public static List<Endpoint> requiring(Program program, String role) {
        return program.apis().stream()
                .flatMap(a -> Endpoint.of(a).stream())
                .filter(e -> e.access().kind() == Endpoint.Access.Kind.ROLES
                        && e.access().roles().contains(role))
                .toList();
    }

    /** Whether any rule of the program names {@code role}, whether or not it governs an endpoint. */
    public static boolean named(Program program, String role) {
        return program.files().values().stream()
                .flatMap(f -> rules(f).stream())
                .anyMatch(r ->
                        r.access().roles().stream().anyMatch(ref -> ref.name().equals(role)));
    }

    /** The API key clients of the program's security block, in written order. */
    public static List<Client> clients(Program program) {
        List<Client> out = new ArrayList<>();
        program.settings(SettingsDecl.Kind.SECURITY)
                .flatMap(s -> nested(s.body(), Schema.API_KEYS_BLOCK.name()))
                .flatMap(k -> nested(k, Schema.CLIENTS.name()))
                .ifPresent(clients -> {
                    for (Setting entry : clients.settings()) {
                        if (entry.value() instanceof Value.Nested n
                                && !entry.key().isMissing()) {
                            out.add(new Client(
                                    entry.key().text(), entry, strings(n.block(), Schema.CLIENT_ROLES.name())));
                        }
                    }
                });
        return out;
    }

    /** Whether the program's security block configures JWTs, whose roles come from a claim. */
    public static boolean hasJwt(Program program) {
        return program.settings(SettingsDecl.Kind.SECURITY)
                .flatMap(s -> s.body().find(Schema.JWT_BLOCK.name()))
                .isPresent();
    }

    /** The roles required anywhere in the program's rules, in written order, each once. */
    public static List<String> requiredRoles(Program program) {
        List<String> out = new ArrayList<>();
        for (ApiDecl api : program.apis()) {
            for (Endpoint e : Endpoint.of(api)) {
                e.access().roles().stream().filter(r -> !out.contains(r)).forEach(out::add);
            }
        }
        return out;
    }

    /** Who may call under an endpoint's access, in words. */
    public static String describe(Endpoint.Access access, boolean authenticates) {
        return switch (access.kind()) {
            case PUBLIC -> "public";
            case ROLES ->
                (access.roles().size() == 1 ? "role " : "any of roles ")
                        + String.join(
                                ", ",
                                access.roles().stream()
                                        .map(r -> "\"" + r + "\"")
                                        .toList());
            case DEFAULT -> authenticates ? "any authenticated caller" : "anyone (the service authenticates nobody)";
        };
    }

    static Optional<Block> nested(Block block, String key) {
        return block.find(key)
                .map(Setting::value)
                .filter(Value.Nested.class::isInstance)
                .map(v -> ((Value.Nested) v).block());
    }

    static List<String> strings(Block block, String key) {
        List<String> out = new ArrayList<>();
        block.find(key)
                .map(Setting::value)
                .filter(Value.ListOf.class::isInstance)
                .ifPresent(l -> ((Value.ListOf) l)
                        .items().stream()
                                .filter(Value.Str.class::isInstance)
                                .map(v -> ((Value.Str) v).value())
                                .forEach(out::add));
        return out;
    }
}
