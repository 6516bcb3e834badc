package dev.blueprint.lang.check;

import static dev.blueprint.lang.settings.Schema.*;

import dev.blueprint.lang.model.Access;
import dev.blueprint.lang.model.ApiDecl;
import dev.blueprint.lang.model.ApiMember;
import dev.blueprint.lang.model.Resource;
import dev.blueprint.lang.model.Route;
import dev.blueprint.lang.model.Setting;
import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.naming.EnvironmentNames;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.settings.Configured;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.settings.ServiceConfig;
import dev.blueprint.lang.settings.ServiceConfig.RateKey;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code security} block and the access rules of the APIs: builds
 * {@link ServiceConfig.Security} (written values over the schema's defaults) and makes the
 * security checks (BP07xx, and BP0507 for API keys written in the file).
 */
final class SecurityChecker {
    /** An HTTP header name (RFC 9110 token). */
    private static final java.util.regex.Pattern HTTP_TOKEN =
            java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private final Program program;
    private final List<Diagnostic> out;
    private final SettingsChecker settings;

    SecurityChecker(Program program, List<Diagnostic> out) {
        this.program = program;
        this.out = out;
        this.settings = new SettingsChecker(out);
    }

    /** The security configuration, after checking the block and every access rule against it. */
    ServiceConfig.Security check() {
        Optional<SettingsDecl> decl = program.settings(SettingsDecl.Kind.SECURITY);
        ServiceConfig.Security security = decl.map(this::security).orElse(ServiceConfig.Security.NONE);
        boolean authenticates = Endpoint.authenticates(program);
        checkRules(security, authenticates, decl);
        return security;
    }

    private ServiceConfig.Security security(SettingsDecl decl) {
        Path file = program.fileOf(decl);
        CheckedBlock block = settings.check(file, decl.body(), SECURITY);
        List<String> roles = strings(block, ROLES);
        ServiceConfig.ApiKeys apiKeys = block.value(API_KEYS_BLOCK, CheckedBlock.class)
                .map(b -> apiKeys(file, b, block.setting(API_KEYS_BLOCK).orElseThrow(), roles))
                .orElse(null);
        ServiceConfig.Jwt jwt = block.value(JWT_BLOCK, CheckedBlock.class)
                .map(b -> jwt(file, b, block.setting(JWT_BLOCK).orElseThrow()))
                .orElse(null);
        ServiceConfig.RateLimit rateLimit = block.value(RATE_LIMIT_BLOCK, CheckedBlock.class)
                .map(b -> rateLimit(file, b, block.setting(RATE_LIMIT_BLOCK).orElseThrow()))
                .orElse(null);
        ServiceConfig.Cors cors = block.value(CORS_BLOCK, CheckedBlock.class)
                .map(b -> cors(file, b, block.setting(CORS_BLOCK).orElseThrow(), apiKeys))
                .orElse(null);
        return new ServiceConfig.Security(
                roles,
                Optional.ofNullable(apiKeys),
                Optional.ofNullable(jwt),
                Optional.ofNullable(rateLimit),
                Optional.ofNullable(cors));
    }

    private ServiceConfig.ApiKeys apiKeys(Path file, CheckedBlock b, Setting at, List<String> declaredRoles) {
        String header = stringOf(b, HEADER);
        boolean headerOk = HTTP_TOKEN.matcher(header).matches() && !header.equalsIgnoreCase("Authorization");
        if (!headerOk) {
            out.add(Diagnostic.of(
                    Code.WRONG_VALUE_TYPE,
                    file,
                    b.setting(HEADER).map(s -> s.value().span()).orElse(at.key().span()),
                    "the API key header must be a header name like \"X-API-Key\" other than Authorization (it carries bearer tokens), not \""
                            + header + "\""));
        }
        SettingsChecker.Entries entries =
                b.value(CLIENTS, SettingsChecker.Entries.class).orElse(null);
        if (entries == null || entries.settings().isEmpty()) {
            if (!b.isWritten(CLIENTS) || entries != null) {
                out.add(
                        Diagnostic.of(
                                Code.MISSING_SETTING,
                                file,
                                b.setting(CLIENTS)
                                        .map(s -> s.key().span())
                                        .orElse(at.key().span()),
                                "api_keys needs at least one client: clients { desk { key env(\"DESK_API_KEY\") roles [\"…\"] } }"));
            }
            return null;
        }
        List<ServiceConfig.ApiClient> clients = new ArrayList<>();
        java.util.Map<String, String> keyOwners = new java.util.HashMap<>();
        entries.blocks().forEach((name, client) -> {
            Setting entry = entries.settings().get(name);
            Configured key = client.value(KEY, Configured.class).orElse(null);
            if (!client.isWritten(KEY)) {
                out.add(Diagnostic.of(
                        Code.MISSING_SETTING,
                        file,
                        entry.key().span(),
                        "client '" + name + "' needs its key: key env(\"" + EnvironmentNames.clientKey(name) + "\")"));
            } else if (key != null
                    && (!key.fromEnv()
                            || key.fallback().filter(f -> !f.isEmpty()).isPresent())) {
                Setting keySetting = client.setting(KEY).orElseThrow();
                String variable = key.env().orElse(EnvironmentNames.clientKey(name));
                out.add(Diagnostic.of(
                                Code.LITERAL_SECRET,
                                file,
                                keySetting.value().span(),
                                key.fromEnv()
                                        ? "the API key of client '" + name
                                                + "' has a fallback written in the file: anyone who reads it can call as '"
                                                + name + "' wherever " + variable + " is unset; drop the fallback"
                                        : "the API key of client '" + name + "' is written in the file; use env(\""
                                                + variable + "\")")
                        .withFix("env(\"" + variable + "\")"));
            }
            if (key != null) {
                String source = key.fromEnv()
                        ? "env " + key.env().orElseThrow()
                        : "literal " + key.literal().orElseThrow();
                String owner = keyOwners.putIfAbsent(source, name);
                if (owner != null) {
                    out.add(Diagnostic.of(
                            Code.SHARED_API_KEY,
                            file,
                            client.setting(KEY).orElseThrow().value().span(),
                            key.fromEnv()
                                    ? "clients '" + owner + "' and '" + name + "' both take their key from "
                                            + key.env().orElseThrow() + "; give '" + name + "' a variable of its own"
                                    : "clients '" + owner + "' and '" + name
                                            + "' have the same key; one key cannot name two clients"));
                }
            }
            List<String> roles = strings(client, CLIENT_ROLES);
            client.setting(CLIENT_ROLES).ifPresent(s -> checkDeclared(file, s.value(), declaredRoles));
            if (key != null) {
                clients.add(new ServiceConfig.ApiClient(name, key, roles));
            }
        });
        return headerOk && clients.size() == entries.blocks().size()
                ? new ServiceConfig.ApiKeys(header, clients)
                : null;
    }

    private ServiceConfig.Jwt jwt(Path file, CheckedBlock b, Setting at) {
        String issuer = b.value(ISSUER, String.class).orElse(null);
        if (!b.isWritten(ISSUER)) {
            out.add(Diagnostic.of(
                    Code.MISSING_SETTING,
                    file,
                    at.key().span(),
                    "jwt needs the issuer its tokens come from: issuer \"https://…\""));
        }
        String audience = b.value(AUDIENCE, String.class).orElse(null);
        if (!b.isWritten(AUDIENCE)) {
            out.add(Diagnostic.of(
                    Code.JWT_WITHOUT_AUDIENCE,
                    file,
                    at.key().span(),
                    "jwt has no audience: tokens the issuer made for any other service are accepted here"));
        }
        String jwksUrl = b.value(JWKS_URL, String.class).orElse(null);
        Configured publicKey = b.value(PUBLIC_KEY, Configured.class).orElse(null);
        if (b.isWritten(JWKS_URL) == b.isWritten(PUBLIC_KEY)) {
            Span span = b.isWritten(PUBLIC_KEY)
                    ? b.setting(PUBLIC_KEY).orElseThrow().key().span()
                    : at.key().span();
            out.add(
                    Diagnostic.of(
                            Code.JWT_KEY_SOURCE,
                            file,
                            span,
                            b.isWritten(JWKS_URL)
                                    ? "jwt gives both jwks_url and public_key; keep one"
                                    : "jwt needs the issuer's keys: jwks_url \"https://…/jwks.json\" or public_key env(\"JWT_PUBLIC_KEY\")"));
            return null;
        }
        if (jwksUrl != null && !jwksUrl.startsWith("https://") && !jwksUrl.startsWith("http://")) {
            out.add(Diagnostic.of(
                    Code.WRONG_VALUE_TYPE,
                    file,
                    b.setting(JWKS_URL).orElseThrow().value().span(),
                    "jwks_url must be an http(s) URL, not \"" + jwksUrl + "\""));
            return null;
        }
        if (issuer == null || (jwksUrl == null && publicKey == null)) {
            return null;
        }
        return new ServiceConfig.Jwt(
                issuer,
                Optional.ofNullable(audience),
                Optional.ofNullable(jwksUrl),
                Optional.ofNullable(publicKey),
                strings(b, ALGORITHMS),
                durationOf(b, CLOCK_SKEW),
                stringOf(b, ROLES_CLAIM));
    }

    private ServiceConfig.RateLimit rateLimit(Path file, CheckedBlock b, Setting at) {
        Long perSecond = b.value(PER_SECOND, Long.class).orElse(null);
        if (!b.isWritten(PER_SECOND)) {
            out.add(Diagnostic.of(
                    Code.MISSING_SETTING,
                    file,
                    at.key().span(),
                    "rate_limit needs per_second: the requests a client may make each second"));
        }
        if (perSecond == null) {
            return null;
        }
        int burst = b.value(BURST, Long.class).map(Long::intValue).orElse(perSecond.intValue());
        RateKey by = RateKey.valueOf(stringOf(b, BY).toUpperCase(Locale.ROOT));
        return new ServiceConfig.RateLimit(perSecond.intValue(), burst, by);
    }

    private ServiceConfig.Cors cors(Path file, CheckedBlock b, Setting at, ServiceConfig.ApiKeys apiKeys) {
        if (!b.isWritten(ORIGINS)) {
            out.add(Diagnostic.of(
                    Code.MISSING_SETTING,
                    file,
                    at.key().span(),
                    "cors needs the origins it allows: origins [\"https://…\"]"));
            return null;
        }
        List<String> origins = b.value(ORIGINS, List.class).isPresent() ? strings(b, ORIGINS) : null;
        if (origins == null) {
            return null;
        }
        boolean credentials =
                b.value(CREDENTIALS, Boolean.class).orElseGet(() -> Defaults.of(CREDENTIALS, Boolean.class));
        if (credentials && origins.contains("*")) {
            boolean credentialsLast =
                    b.setting(CREDENTIALS).map(s -> s.span().start()).orElse(-1)
                            > b.setting(ORIGINS).orElseThrow().span().start();
            Setting last = b.setting(credentialsLast ? CREDENTIALS : ORIGINS).orElseThrow();
            out.add(
                    Diagnostic.of(
                            Code.CORS_ANY_ORIGIN_WITH_CREDENTIALS,
                            file,
                            last.key().span(),
                            "cors allows any origin (\"*\") with credentials: list the origins that may call, or set credentials false"));
        }
        for (String origin : origins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                out.add(Diagnostic.of(
                        Code.WRONG_VALUE_TYPE,
                        file,
                        b.setting(ORIGINS).orElseThrow().value().span(),
                        "a CORS origin is a scheme and a host, like \"https://shop.example.com\" (no path), not \""
                                + origin + "\""));
                return null;
            }
        }
        Set<String> headers = new LinkedHashSet<>(strings(b, HEADERS));
        headers.add("Authorization");
        if (apiKeys != null) {
            headers.add(apiKeys.header());
        }
        return new ServiceConfig.Cors(
                origins, strings(b, METHODS), List.copyOf(headers), credentials, durationOf(b, MAX_AGE));
    }

    // ---- access rules --------------------------------------------------------------------------

    private void checkRules(ServiceConfig.Security security, boolean authenticates, Optional<SettingsDecl> decl) {
        Set<String> required = new HashSet<>();
        for (ApiDecl api : program.apis()) {
            Path file = program.fileOf(api);
            for (ApiMember m : api.members()) {
                if (m instanceof Resource r) {
                    checkRule(file, r.access(), security, authenticates, required);
                    r.operations().forEach(o -> checkRule(file, o.access(), security, authenticates, required));
                } else if (m instanceof Route route) {
                    checkRule(file, route.access(), security, authenticates, required);
                }
            }
        }
        decl.ifPresent(d -> d.body().settings().stream()
                .filter(s -> s.key().text().equals(ROLES.name()))
                .findFirst()
                .ifPresent(s -> unusedRoles(program.fileOf(d), s.value(), required)));
    }

    private void checkRule(
            Path file, Access access, ServiceConfig.Security security, boolean authenticates, Set<String> required) {
        if (access == null || access.isPublic()) {
            return;
        }
        if (!access.requirement().isMissing() && !access.requirement().text().equals("role")) {
            Diagnostic d = Diagnostic.of(
                    Code.BAD_REQUIREMENT,
                    file,
                    access.requirement().span(),
                    "a rule requires role(…), not " + access.requirement() + "(…)"
                            + Suggest.didYouMean(
                                    Suggest.closest(access.requirement().text(), List.of("role"))));
            out.add(Suggest.closest(access.requirement().text(), List.of("role"))
                    .map(d::withFix)
                    .orElse(d));
            return;
        }
        if (access.roles().isEmpty()) {
            out.add(Diagnostic.of(
                    Code.BAD_REQUIREMENT,
                    file,
                    access.span(),
                    "requires role(…) names no role; write requires role(\"name\")"));
            return;
        }
        if (!authenticates) {
            out.add(
                    Diagnostic.of(
                            Code.REQUIRES_WITHOUT_AUTHENTICATION,
                            file,
                            access.span(),
                            "this rule requires a role, but the service authenticates nobody; configure api_keys or jwt in a security block"));
        }
        Set<String> seen = new HashSet<>();
        for (Access.RoleRef role : access.roles()) {
            if (!seen.add(role.name())) {
                out.add(Diagnostic.of(
                                Code.BAD_REQUIREMENT,
                                file,
                                role.span(),
                                "role \"" + role.name() + "\" is already listed in this rule")
                        .markUnnecessary());
            } else if (!security.roles().contains(role.name())) {
                out.add(unknownRole(file, role.name(), role.span(), security.roles()));
            }
            required.add(role.name());
        }
    }

    private void checkDeclared(Path file, Value list, List<String> declared) {
        if (list instanceof Value.ListOf items) {
            for (Value item : items.items()) {
                if (item instanceof Value.Str s && !declared.contains(s.value())) {
                    out.add(unknownRole(file, s.value(), s.span(), declared));
                }
            }
        }
    }

    private static Diagnostic unknownRole(Path file, String role, Span span, List<String> declared) {
        Optional<String> close = Suggest.closest(role, declared);
        Diagnostic d = Diagnostic.of(
                Code.UNKNOWN_ROLE,
                file,
                span,
                declared.isEmpty()
                        ? "role \"" + role + "\" is not declared: add roles [\"" + role + "\"] to the security block"
                        : "role \"" + role + "\" is not declared in security's roles" + Suggest.didYouMean(close));
        return close.map(c -> d.withFix("\"" + c + "\"")).orElse(d);
    }

    private void unusedRoles(Path file, Value list, Set<String> required) {
        if (!(list instanceof Value.ListOf items)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Value item : items.items()) {
            if (item instanceof Value.Str s) {
                if (!seen.add(s.value())) {
                    out.add(Diagnostic.of(
                                    Code.DUPLICATE_SETTING,
                                    file,
                                    s.span(),
                                    "role \"" + s.value() + "\" is already declared")
                            .markUnnecessary());
                } else if (!required.contains(s.value())) {
                    out.add(Diagnostic.of(
                                    Code.UNUSED_ROLE,
                                    file,
                                    s.span(),
                                    "role \"" + s.value()
                                            + "\" is declared but no rule requires it; holding it grants nothing")
                            .markUnnecessary());
                }
            }
        }
    }

    // ---- values ------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<String> strings(CheckedBlock b, Key key) {
        return b.value(key, List.class)
                .map(l -> (List<String>) l)
                .orElseGet(() -> Defaults.of(key).map(v -> (List<String>) v).orElse(List.of()));
    }

    private static String stringOf(CheckedBlock b, Key key) {
        return b.value(key, String.class).orElseGet(() -> Defaults.of(key, String.class));
    }

    private static Duration durationOf(CheckedBlock b, Key key) {
        return b.value(key, Duration.class).orElseGet(() -> Defaults.of(key, Duration.class));
    }
}
