package dev.blueprint.validate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.lang.check.Endpoint.Access;
import dev.blueprint.lang.settings.Configured;
import dev.blueprint.lang.settings.ServiceConfig;
import dev.blueprint.lang.settings.ServiceConfig.ApiClient;
import dev.blueprint.lang.settings.ServiceConfig.Jwt;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials {@code validate} gives the service and presents to it. For every API client whose key comes from
 * {@code env(…)}, a fresh random key (a key written in the file is used as written); for a {@code jwt} with
 * {@code public_key env(…)}, a fresh key pair (EC P-256 for ES256 when allowed, else RSA 2048 for the first allowed
 * RS/PS algorithm) whose public PEM goes into that variable, and tokens signed with its private key. A {@code jwt}
 * that takes its keys from {@code jwks_url} trusts nothing {@code validate} can serve: API keys stand in for it when
 * there are any. Secrets live only in this object and the child's environment: {@link #used()} and every message
 * name credentials by kind and client or subject, never by value.
 */
final class Credentials {

    /** The subject of the tokens validate mints. */
    static final String SUBJECT = "validate";
    /** The subject of the token without roles. */
    static final String SUBJECT_WITHOUT_ROLES = "validate-without-roles";

    /** A credential as the report names it: its kind, its client or subject, the roles it holds; never its value. */
    record Used(String kind, String name, List<String> roles, String source) {}

    /** One credential: its headers and what the report calls it. */
    record Credential(Map<String, String> headers, String description) {}

    private final ServiceConfig.Security security;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final List<Used> used = new ArrayList<>();
    private final Optional<String> problem;
    private Optional<String> token = Optional.empty();
    private Optional<String> tokenWithoutRoles = Optional.empty();
    private Optional<String> foreignToken = Optional.empty();
    private String algorithm = "";

    private Credentials(ServiceConfig.Security security) {
        this.security = security;
        SecureRandom random = new SecureRandom();
        security.apiKeys().ifPresent(apiKeys -> {
            for (ApiClient client : apiKeys.clients()) {
                Configured key = client.key();
                String value;
                String source;
                if (key.env().isPresent()) {
                    value = environment.computeIfAbsent(key.env().get(), v -> randomKey(random));
                    source = "a fresh random key in " + key.env().get();
                } else {
                    value = key.literal().orElseThrow();
                    source = "the key written in the blueprint";
                }
                keys.put(client.name(), value);
                used.add(new Used("api key", client.name(), client.roles(), source));
            }
        });
        Optional<String> cannot = Optional.empty();
        if (security.jwt().isPresent()) {
            Jwt jwt = security.jwt().get();
            if (jwt.publicKey().isPresent()) {
                try {
                    mint(jwt, random);
                } catch (GeneralSecurityException | JOSEException e) {
                    throw new IllegalStateException("cannot make a key pair to sign test tokens: " + e.getMessage(), e);
                }
            }
            if (jwt.jwksUrl().isPresent()) {
                used.add(new Used(
                        "jwt",
                        "-",
                        List.of(),
                        "none: the jwt takes its keys from jwks_url, validate serves no key the service "
                                + "would trust" + (security.apiKeys().isPresent() ? "; api keys stand in" : "")));
            }
            if (token.isEmpty() && security.apiKeys().isEmpty()) {
                String why = jwt.jwksUrl().isPresent()
                        ? "jwt takes its keys from jwks_url (" + jwt.jwksUrl().get()
                                + ") and there are no api_keys; validate can serve no key the service would trust"
                        : jwt.publicKey().flatMap(Configured::env).isEmpty()
                                ? "jwt's public_key is written in the blueprint (validate holds no private key for it) and there are no api_keys"
                                : "validate signs ES256, RS… or PS… tokens, jwt allows "
                                        + String.join(", ", jwt.algorithms()) + ", and there are no api_keys";
                cannot = Optional.of("validate cannot authenticate: " + why + ". Give the jwt a public_key env(\"…\") "
                        + "or add an api_keys client to validate this blueprint");
            }
        }
        this.problem = cannot;
    }

    /** The credentials for {@code spec}'s security; none when it authenticates nobody. */
    static Credentials of(ServiceSpec spec) {
        return of(spec.config().security());
    }

    static Credentials of(ServiceConfig.Security security) {
        return new Credentials(security);
    }

    /** Why validate cannot authenticate to the service, when it cannot. */
    Optional<String> problem() {
        return problem;
    }

    /** Whether the service authenticates callers. */
    boolean authenticates() {
        return security.authenticates();
    }

    /** The variables the service reads its keys from, with the values validate made. */
    Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** The credentials validate made or used, as the report shows them. */
    List<Used> used() {
        return List.copyOf(used);
    }

    boolean canMintTokens() {
        return token.isPresent();
    }

    /**
     * A credential that satisfies {@code access}: none for a public endpoint (or a service that authenticates nobody),
     * the token with every role when tokens can be minted, else the key of a client holding one of the roles (any
     * client for the default rule); empty when validate has none.
     */
    Optional<Credential> forAccess(Access access) {
        if (!security.authenticates() || access.kind() == Access.Kind.PUBLIC)
            return Optional.of(new Credential(Map.of(), "none"));
        if (token.isPresent())
            return Optional.of(bearer(token.get(), "jwt " + SUBJECT + " (" + algorithm + ", every role)"));
        if (security.apiKeys().isEmpty()) return Optional.empty();
        for (ApiClient client : security.apiKeys().get().clients()) {
            if (access.kind() == Access.Kind.DEFAULT || client.roles().stream().anyMatch(access.roles()::contains)) {
                return Optional.of(apiKey(client));
            }
        }
        return Optional.empty();
    }

    /** Why no credential satisfies {@code access} (for a failed check). */
    String whyNone(Access access) {
        String roles = String.join("\", \"", access.roles());
        String jwt = security.jwt().isEmpty() ? "there is no jwt" : "validate cannot mint tokens the service trusts";
        String clients = security.apiKeys().isEmpty()
                ? "there are no api_keys"
                : "no api_keys client holds "
                        + (access.roles().size() == 1
                                ? "the role \"" + roles + "\""
                                : "any of the roles \"" + roles + "\"");
        return "validate has no credential for requires role(\"" + roles + "\"): " + clients + " and " + jwt;
    }

    /** A credential that authenticates but holds none of {@code access}'s roles, when validate can make one. */
    Optional<Credential> lacking(Access access) {
        if (access.kind() != Access.Kind.ROLES) return Optional.empty();
        if (tokenWithoutRoles.isPresent())
            return Optional.of(bearer(tokenWithoutRoles.get(), "jwt " + SUBJECT_WITHOUT_ROLES + " (no roles)"));
        if (security.apiKeys().isEmpty()) return Optional.empty();
        for (ApiClient client : security.apiKeys().get().clients()) {
            if (client.roles().stream().noneMatch(access.roles()::contains)) return Optional.of(apiKey(client));
        }
        return Optional.empty();
    }

    /** Each API client's key (its name, roles and credential), in written order. */
    List<Map.Entry<ApiClient, Credential>> apiClients() {
        List<Map.Entry<ApiClient, Credential>> all = new ArrayList<>();
        security.apiKeys().ifPresent(k -> k.clients().forEach(c -> all.add(Map.entry(c, apiKey(c)))));
        return all;
    }

    /** Credentials the service must refuse with 401: an API key no client holds, a token signed by another key. */
    List<Credential> bad() {
        List<Credential> bad = new ArrayList<>();
        security.apiKeys()
                .ifPresent(k -> bad.add(new Credential(
                        Map.of(k.header(), "validate-unknown-" + randomKey(new SecureRandom())),
                        "an unknown api key")));
        foreignToken.ifPresent(t -> bad.add(bearer(t, "a jwt signed by another key")));
        return bad;
    }

    private Credential apiKey(ApiClient client) {
        return new Credential(
                Map.of(security.apiKeys().orElseThrow().header(), keys.get(client.name())), "api key " + client.name());
    }

    private static Credential bearer(String token, String description) {
        return new Credential(Map.of("Authorization", "Bearer " + token), description);
    }

    private void mint(Jwt jwt, SecureRandom random) throws GeneralSecurityException, JOSEException {
        boolean ec = jwt.algorithms().contains("ES256");
        Optional<String> rsa = jwt.algorithms().stream()
                .filter(a -> a.startsWith("RS") || a.startsWith("PS"))
                .findFirst();
        Optional<String> variable = jwt.publicKey().flatMap(Configured::env);
        if (variable.isEmpty()) {
            used.add(new Used(
                    "jwt",
                    SUBJECT,
                    List.of(),
                    "none: the public_key is written in the blueprint, validate holds no private key for it"));
            return;
        }
        if (!ec && rsa.isEmpty()) {
            used.add(new Used(
                    "jwt",
                    SUBJECT,
                    List.of(),
                    "none: validate signs ES256, RS… or PS…, and the jwt allows "
                            + String.join(", ", jwt.algorithms())));
            return;
        }
        algorithm = ec ? "ES256" : rsa.get();
        KeyPair pair = keyPair(ec, random);
        KeyPair other = keyPair(ec, random);
        environment.put(variable.get(), pem(pair));
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        token = Optional.of(sign(jwt, alg, pair, SUBJECT, security.roles()));
        tokenWithoutRoles = Optional.of(sign(jwt, alg, pair, SUBJECT_WITHOUT_ROLES, List.of()));
        foreignToken = Optional.of(sign(jwt, alg, other, SUBJECT, security.roles()));
        used.add(new Used(
                "jwt",
                SUBJECT,
                security.roles(),
                "tokens signed " + algorithm + " with a fresh " + (ec ? "EC P-256" : "RSA 2048")
                        + " key pair, its public key in " + variable.get()));
    }

    private static KeyPair keyPair(boolean ec, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ec ? "EC" : "RSA");
        if (ec) generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        else generator.initialize(2048, random);
        return generator.generateKeyPair();
    }

    private static String pem(KeyPair pair) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private static String sign(Jwt jwt, JWSAlgorithm alg, KeyPair pair, String subject, List<String> roles)
            throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(jwt.issuer())
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofHours(2))));
        jwt.audience().ifPresent(claims::audience);
        if (!roles.isEmpty()) {
            String[] path = jwt.rolesClaim().split("\\.");
            Object value = List.copyOf(roles);
            for (int i = path.length - 1; i > 0; i--) value = Map.of(path[i], value);
            claims.claim(path[0], value);
        }
        JWSSigner signer = pair.getPrivate() instanceof ECPrivateKey ec
                ? new ECDSASigner(ec)
                : new RSASSASigner(pair.getPrivate());
        SignedJWT signed = new SignedJWT(
                new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims.build());
        signed.sign(signer);
        return signed.serialize();
    }

    private static String randomKey(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
