package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * JWT bearer authentication over HTTP, with RSA and EC keys generated here: via a PEM public key and via a JWKS
 * served by a test HTTP server. Every bad token is refused with 401 and an RFC 6750 challenge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtSecurityTest {

    static final String ISSUER = "https://auth.example.com/";
    static final String AUDIENCE = "shop";

    private KeyPair rsa;
    private KeyPair ec;
    private KeyPair otherRsa;
    private HttpServer jwksServer;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private RunningService rsaPem;
    private RunningService ecPem;
    private RunningService jwks;
    private RunningService both;

    @BeforeAll
    void start() throws Exception {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair();
        otherRsa = rsaGenerator.generateKeyPair();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGenerator.generateKeyPair();

        String jwkSet = new JWKSet(List.of(
                        new RSAKey.Builder((RSAPublicKey) rsa.getPublic())
                                .keyID("rsa-1")
                                .keyUse(KeyUse.SIGNATURE)
                                .build(),
                        new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic())
                                .keyID("ec-1")
                                .keyUse(KeyUse.SIGNATURE)
                                .build()))
                .toString();
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            byte[] body = jwkSet.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwksServer.start();
        String jwksUrl = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json";

        rsaPem = SecuredService.start(
                "Shop",
                SecurityConfig.none()
                        .jwt(JwtConfig.issuer(ISSUER).audience(AUDIENCE).publicKeyPem(pem(rsa.getPublic()))));
        ecPem = SecuredService.start(
                "Garage",
                SecurityConfig.none()
                        .jwt(JwtConfig.issuer(ISSUER)
                                .audience(AUDIENCE)
                                .publicKeyPem(pem(ec.getPublic()))
                                .algorithms("ES256")
                                .rolesClaim("realm_access.roles")));
        jwks = SecuredService.start(
                "Fleet",
                SecurityConfig.none()
                        .jwt(JwtConfig.issuer(ISSUER).audience(AUDIENCE).jwksUrl(jwksUrl)));
        both = SecuredService.start(
                "Both",
                SecurityConfig.none()
                        .jwt(JwtConfig.issuer(ISSUER).publicKeyPem(pem(rsa.getPublic())))
                        .apiKeys(ApiKeyConfig.header("X-API-Key").client("desk", "desk-key-0123456789", "clerk")));
    }

    @AfterAll
    void stop() {
        for (RunningService service : new RunningService[] {rsaPem, ecPem, jwks, both}) {
            if (service != null) service.stop();
        }
        if (jwksServer != null) jwksServer.stop(0);
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("alice")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("roles", List.of("clerk"));
    }

    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder builder = claims();
        change.accept(builder);
        return builder.build();
    }

    private static String sign(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private String rs256(JWTClaimsSet claims) {
        return sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner((RSAPrivateKey) rsa.getPrivate()), claims);
    }

    private String es256(JWTClaimsSet claims) {
        try {
            return sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner((ECPrivateKey) ec.getPrivate()), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Http.Response get(RunningService service, String path, String token) {
        return new Http(service.uri()).send("GET", path, null, "Authorization", "Bearer " + token);
    }

    /** 401 problem with a Bearer challenge carrying {@code invalid_token} and the detail. */
    private static void assertRefused(Http.Response response, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("detail").asText()).isEqualTo(detail);
        assertThat(response.header("WWW-Authenticate"))
                .matches("Bearer realm=\"[A-Za-z]+\", error=\"invalid_token\", error_description=\".+\"")
                .contains("error_description=\"" + detail.replace("\"", "'") + "\"");
    }

    @Test
    void aValidRs256TokenFromThePemKeyNamesTheSubjectWithItsRoles() {
        Http.Response response = get(rsaPem, "/me", rs256(claims().build()));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("caller").asText()).isEqualTo("alice");
        assertThat(response.json().get("scheme").asText()).isEqualTo("Bearer");
        assertThat(response.json().get("roles").toString()).isEqualTo("[\"clerk\"]");
        assertThat(get(rsaPem, "/clerk", rs256(claims().build())).status()).isEqualTo(200);
        // the scheme name is case-insensitive
        assertThat(new Http(rsaPem.uri())
                        .send("GET", "/me", null, "Authorization", "bearer " + rs256(claims().build()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aValidEs256TokenFromThePemKeyWithRolesAtADottedPath() {
        String token = es256(claims(c ->
                c.claim("roles", null).claim("realm_access", Map.of("roles", List.of("admin", "clerk")))));
        Http.Response response = get(ecPem, "/me", token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("roles").toString()).isEqualTo("[\"admin\",\"clerk\"]");
        assertThat(new Http(ecPem.uri())
                        .send("PUT", "/admin/1", "{}", "Authorization", "Bearer " + token)
                        .status())
                .isEqualTo(200);
        // allowed algorithms only: this service takes ES256, not RS256
        assertRefused(
                get(ecPem, "/me", rs256(claims().build())),
                "the token's algorithm RS256 is not allowed (allowed: ES256)");
    }

    @Test
    void rolesMayBeASpaceSeparatedString() {
        String token = rs256(claims(c -> c.claim("roles", "clerk  admin")));
        assertThat(get(rsaPem, "/me", token).json().get("roles").toString()).isEqualTo("[\"admin\",\"clerk\"]");
        assertThat(new Http(rsaPem.uri())
                        .send("DELETE", "/admin/3", null, "Authorization", "Bearer " + token)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aMissingRoleIs403() {
        String token = rs256(claims(c -> c.claim("roles", List.of("visitor"))));
        Http.Response response =
                new Http(rsaPem.uri()).send("PUT", "/admin/1", "{}", "Authorization", "Bearer " + token);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asText()).isEqualTo("this operation requires the role admin");
        // no roles claim at all: no roles
        String none = rs256(claims(c -> c.claim("roles", null)));
        assertThat(get(rsaPem, "/clerk", none).status()).isEqualTo(403);
        assertThat(get(rsaPem, "/me", none).status()).isEqualTo(200);
    }

    @Test
    void missingTokenIs401WithAPlainBearerChallenge() {
        Http.Response response = new Http(rsaPem.uri()).get("/me");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"Shop\"");
        assertThat(response.json().get("detail").asText())
                .isEqualTo("the request carries no credential: send a bearer token (Authorization: Bearer …)");
        Http.Response basic =
                new Http(rsaPem.uri()).send("GET", "/me", null, "Authorization", "Basic YWxpY2U6c2VjcmV0");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.json().get("detail").asText())
                .isEqualTo("the Authorization header does not hold a Bearer token");
        assertThat(basic.body()).doesNotContain("YWxpY2U6c2VjcmV0");
    }

    @Test
    void expiredTokensAreRefusedBeyondTheClockSkew() {
        Instant now = Instant.now();
        assertRefused(
                get(rsaPem, "/me", rs256(claims(c -> c.expirationTime(Date.from(now.minusSeconds(300)))))),
                "the token has expired");
        // within the 30 s default skew
        assertThat(get(rsaPem, "/me", rs256(claims(c -> c.expirationTime(Date.from(now.minusSeconds(10))))))
                        .status())
                .isEqualTo(200);
        assertRefused(get(rsaPem, "/me", rs256(claims(c -> c.expirationTime(null)))), "the token has no expiry (exp)");
    }

    @Test
    void notYetValidTokensAreRefused() {
        Instant now = Instant.now();
        assertRefused(
                get(rsaPem, "/me", rs256(claims(c -> c.notBeforeTime(Date.from(now.plusSeconds(300)))))),
                "the token is not valid yet (nbf)");
        assertThat(get(rsaPem, "/me", rs256(claims(c -> c.notBeforeTime(Date.from(now.plusSeconds(10))))))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void wrongAudienceAndWrongIssuerAreRefused() {
        assertRefused(
                get(rsaPem, "/me", rs256(claims(c -> c.audience("billing")))),
                "the token's audience (aud) does not include shop");
        assertRefused(
                get(rsaPem, "/me", rs256(claims(c -> c.audience((String) null)))),
                "the token's audience (aud) does not include shop");
        assertThat(get(rsaPem, "/me", rs256(claims(c -> c.audience(List.of("billing", "shop")))))
                        .status())
                .isEqualTo(200);
        assertRefused(
                get(rsaPem, "/me", rs256(claims(c -> c.issuer("https://evil.example.com/")))),
                "the token's issuer (iss) is not " + ISSUER);
        assertRefused(
                get(rsaPem, "/me", rs256(claims(c -> c.issuer(null)))), "the token's issuer (iss) is not " + ISSUER);
        assertRefused(get(rsaPem, "/me", rs256(claims(c -> c.subject(null)))), "the token has no subject (sub)");
    }

    @Test
    void algNoneIsRefused() {
        String unsigned = new PlainJWT(claims().build()).serialize();
        assertThat(unsigned).endsWith(".");
        assertRefused(get(rsaPem, "/me", unsigned), "the token is not signed (alg none is never accepted)");
        // a none header with a signature part appended
        String[] parts = rs256(claims().build()).split("\\.");
        String noneHeader =
                Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        Http.Response forged = get(rsaPem, "/me", noneHeader + "." + parts[1] + "." + parts[2]);
        assertThat(forged.status()).isEqualTo(401);
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = rs256(claims().build()).split("\\.");
        String otherPayload = Base64URL.encode(claims(c -> c.subject("mallory").claim("roles", List.of("admin")))
                        .toString())
                .toString();
        assertRefused(
                get(rsaPem, "/me", parts[0] + "." + otherPayload + "." + parts[2]), "the token's signature is invalid");
        char[] signature = parts[2].toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        assertRefused(
                get(rsaPem, "/me", parts[0] + "." + parts[1] + "." + new String(signature)),
                "the token's signature is invalid");
        // signed by someone else's key
        String foreign = sign(
                JWSAlgorithm.RS256, "rsa-1", new RSASSASigner((RSAPrivateKey) otherRsa.getPrivate()), claims().build());
        assertRefused(get(rsaPem, "/me", foreign), "the token's signature is invalid");
        assertRefused(get(rsaPem, "/me", "not.a.jwt"), "the bearer token is not a JWT");
    }

    @Test
    void hs256WithThePublicKeyAsSecretIsRefused() throws Exception {
        byte[] der = rsa.getPublic().getEncoded();
        assertRefused(
                get(rsaPem, "/me", sign(JWSAlgorithm.HS256, "rsa-1", new MACSigner(der), claims().build())),
                "the token's algorithm HS256 is not allowed (allowed: RS256, ES256)");
        byte[] pemBytes = pem(rsa.getPublic()).getBytes(StandardCharsets.US_ASCII);
        assertRefused(
                get(rsaPem, "/me", sign(JWSAlgorithm.HS256, null, new MACSigner(pemBytes), claims().build())),
                "the token's algorithm HS256 is not allowed (allowed: RS256, ES256)");
    }

    @Test
    void aKeyOfTheWrongFamilyVerifiesNothing() {
        // the RSA service allows ES256, but its one key is RSA
        assertRefused(get(rsaPem, "/me", es256(claims().build())), "no known key verifies the token");
    }

    @Test
    void theJwksUrlServesRsaAndEcKeysFetchedOnceAndCached() {
        for (int i = 0; i < 3; i++) {
            Http.Response rs = get(jwks, "/me", rs256(claims().build()));
            assertThat(rs.status()).as(rs.toString()).isEqualTo(200);
            assertThat(rs.json().get("caller").asText()).isEqualTo("alice");
            assertThat(get(jwks, "/clerk", es256(claims().build())).status()).isEqualTo(200);
        }
        assertThat(jwksFetches.get()).isEqualTo(1);
        assertRefused(
                get(
                        jwks,
                        "/me",
                        rs256(claims(
                                c -> c.expirationTime(Date.from(Instant.now().minusSeconds(600)))))),
                "the token has expired");
        assertRefused(
                get(jwks, "/me", rs256(claims(c -> c.audience("other")))),
                "the token's audience (aud) does not include shop");
        String[] parts = es256(claims().build()).split("\\.");
        String otherPayload =
                Base64URL.encode(claims(c -> c.subject("mallory")).toString()).toString();
        assertRefused(
                get(jwks, "/me", parts[0] + "." + otherPayload + "." + parts[2]), "the token's signature is invalid");
        // an unknown key id: the JWKS is fetched again (at a limited rate), and the token refused
        String unknown = sign(
                JWSAlgorithm.RS256, "rsa-2", new RSASSASigner((RSAPrivateKey) otherRsa.getPrivate()), claims().build());
        assertRefused(get(jwks, "/me", unknown), "no known key verifies the token");
        assertRefused(get(jwks, "/me", unknown), "no known key verifies the token");
        assertThat(jwksFetches.get()).isBetween(1, 2);
        assertRefused(
                get(jwks, "/me", new PlainJWT(claims().build()).serialize()),
                "the token is not signed (alg none is never accepted)");
    }

    @Test
    void anUnreachableJwksIs503NotTheCallersFault() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        RunningService service = SecuredService.start(
                "Down",
                SecurityConfig.none()
                        .jwt(JwtConfig.issuer(ISSUER).jwksUrl("http://127.0.0.1:" + closed + "/jwks.json")));
        try {
            Http.Response response = get(service, "/me", rs256(claims().build()));
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.json().get("detail").asText()).startsWith("the token cannot be verified now");
            // public routes stay open
            assertThat(get(service, "/public", rs256(claims().build())).status())
                    .isEqualTo(200);
        } finally {
            service.stop();
        }
    }

    @Test
    void bothSchemesAreChallengedAndEitherCredentialWorks() {
        Http http = new Http(both.uri());
        Http.Response missing = http.get("/me");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.raw().headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"Both\"", "ApiKey header=\"X-API-Key\"");
        assertThat(missing.json().get("detail").asText())
                .isEqualTo(
                        "the request carries no credential: send a bearer token (Authorization: Bearer …) or an API key in the X-API-Key header");
        assertThat(http.send("GET", "/me", null, "X-API-Key", "desk-key-0123456789")
                        .json()
                        .get("caller")
                        .asText())
                .isEqualTo("desk");
        // no audience configured: any aud is accepted
        assertThat(get(both, "/me", rs256(claims(c -> c.audience("anything"))))
                        .json()
                        .get("caller")
                        .asText())
                .isEqualTo("alice");
        Http.Response bad = get(both, "/me", rs256(claims(c -> c.issuer("https://other/"))));
        assertThat(bad.raw().headers().allValues("WWW-Authenticate"))
                .containsExactly(
                        "Bearer realm=\"Both\", error=\"invalid_token\", error_description=\"the token's issuer (iss) is not "
                                + ISSUER + "\"",
                        "ApiKey header=\"X-API-Key\"");
        Http.Response two = http.send(
                "GET",
                "/me",
                null,
                "X-API-Key",
                "desk-key-0123456789",
                "Authorization",
                "Bearer " + rs256(claims().build()));
        assertThat(two.status()).isEqualTo(401);
        assertThat(two.json().get("detail").asText())
                .isEqualTo("send one credential, a bearer token or an API key, not both");
    }

    @Test
    void probesAndMetricsNeedNoToken() {
        for (RunningService service : List.of(rsaPem, jwks)) {
            Http http = new Http(service.uri());
            for (String path : List.of("/health/live", "/health/ready", "/health/startup", "/health", "/metrics")) {
                assertThat(http.get(path).status()).as(path).isEqualTo(200);
            }
            assertThat(http.get("/public").status()).isEqualTo(200);
        }
    }
}
