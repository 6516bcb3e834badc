package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.build.LocalService;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Http;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/secure-shop.blueprint generated, compiled and started in-process on H2, driven over HTTP: the generated
 * Main and Api classes wire API keys, JWTs (RS256 here, ES256 on a second instance with an EC key), roles, public
 * endpoints, the rate limit, CORS, the security headers and the management port. The runtime's own tests go deep
 * into each mechanism; these prove that what the blueprint says is what the service does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureShopTest {

    private static final String API = "/api/v1";
    private static final String DESK_KEY = "desk-" + UUID.randomUUID();
    private static final String ADMIN_KEY = "admin-" + UUID.randomUUID();
    private static final String ORIGIN = "https://shop.example.com";
    private static final String PROBLEM_JSON = "application/problem+json";

    @TempDir
    static Path work;

    private final KeyPair rsa = Jwts.rsa();
    private LocalService.Started started;
    private Http http;
    private Http management;

    static Path blueprint() {
        return Blueprints.example("secure-shop.blueprint");
    }

    private static Map<String, String> environment(String publicKeyPem) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("MANAGEMENT_PORT", "0");
        env.put("ACCESS_LOG", "off");
        // tracing on, exporting nowhere: requests get trace ids
        env.put("OTEL_TRACES_EXPORTER", "none");
        env.put("DESK_KEY", DESK_KEY);
        env.put("ADMIN_KEY", ADMIN_KEY);
        env.put("JWT_PUBLIC_KEY", publicKeyPem);
        return env;
    }

    private static LocalService.Started start(Path work, Map<String, String> env) throws Exception {
        StringWriter errors = new StringWriter();
        try {
            return LocalService.start(blueprint(), work, Environment.of(env), new PrintWriter(errors, true));
        } catch (Exception e) {
            throw new AssertionError("the secure shop did not start: " + errors, e);
        }
    }

    @BeforeAll
    void start() throws Exception {
        started = start(work.resolve("rsa"), environment(Jwts.pem(rsa.getPublic())));
        http = new Http(started.service().uri());
        management = new Http(started.service().managementUri());
    }

    @AfterAll
    void stop() {
        if (started != null) started.close();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private Http.Response withKey(String method, String path, String key, String json) {
        return http.send(method, path, json, "X-API-Key", key);
    }

    private Http.Response withToken(String method, String path, String token, String json) {
        return http.send(method, path, json, "Authorization", "Bearer " + token);
    }

    /** An RS256 token for a caller of its own (so that its rate-limit bucket is its own too). */
    private String token(List<String> roles) {
        return Jwts.sign("RS256", rsa.getPrivate(), Jwts.claims("user-" + UUID.randomUUID(), roles));
    }

    private String part(String make) {
        String sku = UUID.randomUUID().toString().substring(0, 12);
        Http.Response created = withKey(
                "POST",
                API + "/parts",
                ADMIN_KEY,
                "{\"sku\": \"" + sku + "\", \"make\": \"" + make + "\", \"name\": \"Filter\", \"price\": 12.50}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String customer(String token) {
        Http.Response created = withToken(
                "POST",
                API + "/customers",
                token,
                "{\"name\": \"Ann\", \"email\": \"" + UUID.randomUUID() + "@example.com\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static List<String> challenges(Http.Response response) {
        return response.raw().headers().allValues("WWW-Authenticate");
    }

    private static void assertUnauthorized(Http.Response response, String because) {
        assertThat(response.status()).as(because + ": " + response).isEqualTo(401);
        assertThat(response.header("Content-Type")).as(because).startsWith(PROBLEM_JSON);
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(response.json().get("detail").asText()).as(because).isNotBlank();
        assertThat(challenges(response))
                .as(because)
                .anyMatch(c -> c.startsWith("Bearer realm=\"SecureShop\""))
                .anyMatch(c -> c.equals("ApiKey header=\"X-API-Key\""));
    }

    private static void assertInvalidToken(Http.Response response, String because) {
        assertUnauthorized(response, because);
        assertThat(challenges(response))
                .as(because)
                .anyMatch(c -> c.startsWith("Bearer ") && c.contains("error=\"invalid_token\""));
    }

    // ---- public endpoints ----------------------------------------------------------------------------------------

    @Test
    void publicEndpointsAnswerWithoutACredential() {
        String make = "Make" + UUID.randomUUID().toString().substring(0, 8);
        String id = part(make);
        assertThat(http.get(API + "/parts").status()).isEqualTo(200);
        assertThat(http.get(API + "/parts/" + id).json().get("make").asText()).isEqualTo(make);
        Http.Response catalog = http.get(API + "/catalog?make=" + make);
        assertThat(catalog.status()).as(catalog.toString()).isEqualTo(200);
        assertThat(catalog.json().get("items")).hasSize(1);
        assertThat(http.get("/openapi.json").status()).isEqualTo(200);
        // an invalid credential on a public endpoint is ignored, not refused
        assertThat(withKey("GET", API + "/parts", "not-a-key", null).status()).isEqualTo(200);
    }

    // ---- 401 -----------------------------------------------------------------------------------------------------

    @Test
    void withoutACredentialEveryOtherEndpointAnswers401WithBothChallenges() {
        for (String[] request : List.of(
                new String[] {"GET", API + "/sales"},
                new String[] {"GET", API + "/customers"},
                new String[] {"POST", API + "/parts"},
                new String[] {"GET", API + "/customers/" + UUID.randomUUID() + "/sales"})) {
            Http.Response response = http.send(request[0], request[1], request[0].equals("POST") ? "{}" : null);
            assertUnauthorized(response, request[0] + " " + request[1]);
            assertThat(response.json().get("detail").asText()).contains("no credential");
        }
    }

    @Test
    void anUnknownApiKeyIs401AndNeverEchoed() {
        String key = "guess-" + UUID.randomUUID();
        Http.Response response = withKey("GET", API + "/sales", key, null);
        assertUnauthorized(response, "unknown key");
        assertThat(response.body()).doesNotContain(key);
        assertThat(response.json().get("detail").asText()).contains("not known");
        // a known key's prefix is as unknown as any other
        assertUnauthorized(
                withKey("GET", API + "/sales", DESK_KEY.substring(0, DESK_KEY.length() - 1), null),
                "a prefix of a key");
    }

    @Test
    void aBearerTokenThatIsNotAJwtIs401WithInvalidToken() {
        assertInvalidToken(withToken("GET", API + "/sales", "not-a-jwt", null), "not a JWT");
    }

    @Test
    void refusalsCarryTheRequestAndTraceIds() {
        Map<String, Http.Response> refusals = new LinkedHashMap<>();
        refusals.put("401", http.get(API + "/sales"));
        refusals.put("403", withKey("DELETE", API + "/parts/" + UUID.randomUUID(), DESK_KEY, null));
        refusals.forEach((status, response) -> {
            assertThat(response.status()).isEqualTo(Integer.parseInt(status));
            assertThat(response.json().get("requestId").asText()).as(status).isEqualTo(response.header("X-Request-Id"));
            assertThat(response.header("X-Trace-Id")).as(status).matches("[0-9a-f]{32}");
            assertThat(response.json().get("traceId").asText()).as(status).isEqualTo(response.header("X-Trace-Id"));
        });
    }

    // ---- API keys and roles --------------------------------------------------------------------------------------

    @Test
    void apiKeysCarryTheirClientsRoles() {
        assertThat(withKey("GET", API + "/customers", DESK_KEY, null).status()).isEqualTo(200);
        assertThat(withKey("GET", API + "/sales", DESK_KEY, null).status()).isEqualTo(200);
        Http.Response forbidden = withKey(
                "POST",
                API + "/parts",
                DESK_KEY,
                "{\"sku\": \"X1\", \"make\": \"Any\", \"name\": \"Filter\", \"price\": 1}");
        assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(403);
        assertThat(forbidden.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(forbidden.json().get("detail").asText()).contains("admin").doesNotContain("clerk");
        assertThat(withKey("DELETE", API + "/parts/" + UUID.randomUUID(), DESK_KEY, null)
                        .status())
                .isEqualTo(403);
        // the admin client holds admin: it gets past the rule (and to the handler's 404)
        assertThat(withKey("DELETE", API + "/parts/" + UUID.randomUUID(), ADMIN_KEY, null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aRouteWithTwoRolesAdmitsEither() {
        String clerk = token(List.of("clerk"));
        String id = customer(clerk);
        String partId = part("Sold");
        Http.Response sale = withToken(
                "POST",
                API + "/sales",
                token(List.of()),
                "{\"customer\": \"" + id + "\", \"part\": \"" + partId + "\", \"quantity\": 2}");
        assertThat(sale.status())
                .as("any authenticated caller may record a sale: " + sale)
                .isEqualTo(201);
        assertThat(withToken("GET", API + "/customers/" + id + "/sales", clerk, null)
                        .json()
                        .get("items"))
                .hasSize(1);
        assertThat(withToken("GET", API + "/customers/" + id + "/sales", token(List.of("admin")), null)
                        .status())
                .isEqualTo(200);
        Http.Response none = withToken("GET", API + "/customers/" + id + "/sales", token(List.of()), null);
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.json().get("detail").asText()).contains("clerk").contains("admin");
    }

    // ---- JWT -----------------------------------------------------------------------------------------------------

    @Test
    void aValidRs256TokenAuthenticatesAndItsRolesClaimGrantsRoles() {
        assertThat(withToken("GET", API + "/sales", token(List.of()), null).status())
                .isEqualTo(200);
        assertThat(withToken("GET", API + "/customers", token(List.of("clerk")), null)
                        .status())
                .isEqualTo(200);
        assertThat(withToken("GET", API + "/customers", token(List.of()), null).status())
                .isEqualTo(403);
        assertThat(withToken("GET", API + "/customers", token(List.of("admin")), null)
                        .status())
                .as("admin alone is not clerk")
                .isEqualTo(403);
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
        Map<String, Object> claims = Jwts.claims("skew-" + UUID.randomUUID(), List.of());
        long now = Instant.now().getEpochSecond();
        claims.put("iat", now - 120);
        claims.put("nbf", now - 120);
        claims.put("exp", now - 5);
        // the blueprint allows 30 s of clock skew
        assertThat(withToken("GET", API + "/sales", Jwts.sign("RS256", rsa.getPrivate(), claims), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void everyBadTokenIsRefusedWith401() {
        long now = Instant.now().getEpochSecond();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", signed(Map.of("iat", now - 900, "nbf", now - 900, "exp", now - 300)));
        tokens.put("not yet valid", signed(Map.of("nbf", now + 300, "exp", now + 900)));
        tokens.put("wrong audience", signed(Map.of("aud", "another-service")));
        tokens.put("wrong issuer", signed(Map.of("iss", "https://evil.example.com/")));
        tokens.put("no expiry", signedWithout("exp"));
        tokens.put("no subject", signedWithout("sub"));
        Map<String, Object> clerk = Jwts.claims("mallory", List.of("clerk"));
        tokens.put("alg none", Jwts.unsigned(clerk));
        String genuine = Jwts.sign("RS256", rsa.getPrivate(), Jwts.claims("mallory", List.of()));
        tokens.put("tampered signature", Jwts.tamperedSignature(genuine));
        tokens.put("claims changed after signing", Jwts.swappedClaims(genuine, clerk));
        tokens.put("signed by another key", Jwts.sign("RS256", Jwts.rsa().getPrivate(), clerk));
        tokens.put(
                "ES256 with a key the service does not hold",
                Jwts.sign("ES256", Jwts.ec().getPrivate(), clerk));
        tokens.put("HS256 keyed with the public key", Jwts.hs256(Jwts.pem(rsa.getPublic()), clerk));
        tokens.forEach((why, token) -> {
            Http.Response response = withToken("GET", API + "/customers", token, null);
            assertInvalidToken(response, why);
            assertThat(response.body()).as(why).doesNotContain(token);
        });
    }

    private String signed(Map<String, Object> overrides) {
        Map<String, Object> claims = Jwts.claims("user-" + UUID.randomUUID(), List.of("clerk"));
        claims.putAll(overrides);
        return Jwts.sign("RS256", rsa.getPrivate(), claims);
    }

    private String signedWithout(String claim) {
        Map<String, Object> claims = Jwts.claims("user-" + UUID.randomUUID(), List.of("clerk"));
        claims.remove(claim);
        return Jwts.sign("RS256", rsa.getPrivate(), claims);
    }

    @Test
    void es256TokensVerifyOnAnInstanceConfiguredWithAnEcKey() throws Exception {
        KeyPair ec = Jwts.ec();
        try (LocalService.Started es = start(work.resolve("ec"), environment(Jwts.pem(ec.getPublic())))) {
            Http other = new Http(es.service().uri());
            String valid =
                    Jwts.sign("ES256", ec.getPrivate(), Jwts.claims("ec-" + UUID.randomUUID(), List.of("clerk")));
            assertThat(other.send("GET", API + "/customers", null, "Authorization", "Bearer " + valid)
                            .status())
                    .isEqualTo(200);
            assertInvalidToken(
                    other.send(
                            "GET",
                            API + "/customers",
                            null,
                            "Authorization",
                            "Bearer " + Jwts.tamperedSignature(valid)),
                    "tampered ES256");
            String rs256 =
                    Jwts.sign("RS256", rsa.getPrivate(), Jwts.claims("rs-" + UUID.randomUUID(), List.of("clerk")));
            assertInvalidToken(
                    other.send("GET", API + "/customers", null, "Authorization", "Bearer " + rs256),
                    "RS256 on a service with an EC key");
        }
    }

    @Test
    void aMissingOrEmptyKeyStopsTheStartAndNamesTheVariable() {
        // an empty value is what an unfilled k8s/secret.yaml gives the service
        Map<String, String> empty = environment(Jwts.pem(rsa.getPublic()));
        empty.put("DESK_KEY", "");
        Map<String, String> missing = environment(Jwts.pem(rsa.getPublic()));
        missing.remove("JWT_PUBLIC_KEY");
        Map<String, Map<String, String>> cases = Map.of("DESK_KEY", empty, "JWT_PUBLIC_KEY", missing);
        cases.forEach((variable, env) -> {
            StringWriter errors = new StringWriter();
            assertThatThrownBy(() -> LocalService.start(
                            blueprint(),
                            work.resolve("without-" + variable),
                            Environment.of(env),
                            new PrintWriter(errors, true)))
                    .as(variable)
                    .isInstanceOf(Exception.class);
            assertThat(errors.toString())
                    .as(variable)
                    .contains("SecureShop reads a secret from its environment; set it and run again")
                    .containsPattern("(?m)^  " + variable + " +the ");
        });
    }

    // ---- rate limit ----------------------------------------------------------------------------------------------

    @Test
    void aClientOverItsRateLimitGets429WithRetryAfterAndOthersAreUnaffected() {
        String flood = token(List.of());
        Http.Response limited = null;
        for (int i = 0; i < 1_000 && limited == null; i++) {
            Http.Response response = withToken("GET", API + "/sales", flood, null);
            if (response.status() == 429) {
                limited = response;
            } else {
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                assertThat(response.header("RateLimit-Limit")).isEqualTo("20");
            }
        }
        assertThat(limited)
                .as("a 429 within 1000 requests at 10 per second, bursts of 20")
                .isNotNull();
        assertThat(limited.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isGreaterThanOrEqualTo(1);
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
        // by client: another caller has a bucket of its own
        assertThat(withToken("GET", API + "/sales", token(List.of()), null).status())
                .isEqualTo(200);
    }

    // ---- CORS ----------------------------------------------------------------------------------------------------

    private Http.Response preflight(String origin, String method, String headers) {
        return http.send(
                "OPTIONS",
                API + "/parts",
                null,
                "Origin",
                origin,
                "Access-Control-Request-Method",
                method,
                "Access-Control-Request-Headers",
                headers);
    }

    @Test
    void anAllowedPreflightIs204WithTheRules() {
        Http.Response response = preflight(ORIGIN, "POST", "Authorization, Content-Type");
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(response.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(response.header("Access-Control-Allow-Methods"))
                .contains("POST")
                .contains("DELETE");
        assertThat(response.header("Access-Control-Allow-Headers"))
                .contains("Authorization")
                .contains("X-API-Key");
        assertThat(response.header("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(response.header("Vary")).contains("Origin");
    }

    @Test
    void aPreflightFromAnotherOriginOrForAnotherMethodOrHeaderIs403() {
        Map<String, Http.Response> refused = new LinkedHashMap<>();
        refused.put("origin", preflight("https://evil.example.com", "GET", "Content-Type"));
        refused.put("method", preflight(ORIGIN, "PATCH", "Content-Type"));
        refused.put("header", preflight(ORIGIN, "GET", "X-Debug"));
        refused.forEach((what, response) -> {
            assertThat(response.status()).as(what + ": " + response).isEqualTo(403);
            assertThat(response.header("Content-Type")).as(what).startsWith(PROBLEM_JSON);
            assertThat(response.json().get("detail").asText()).as(what).contains(what);
            assertThat(response.header("Access-Control-Allow-Origin")).as(what).isNull();
        });
    }

    @Test
    void anActualRequestFromAnAllowedOriginIsMarkedAndOthersAreNot() {
        Http.Response allowed = http.send("GET", API + "/parts", null, "Origin", ORIGIN);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(allowed.header("Access-Control-Expose-Headers"))
                .contains("X-Request-Id")
                .contains("Retry-After");
        assertThat(allowed.header("Vary")).contains("Origin");
        Http.Response other = http.send("GET", API + "/parts", null, "Origin", "https://evil.example.com");
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }

    // ---- security headers ----------------------------------------------------------------------------------------

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        Map<String, Http.Response> answers = new LinkedHashMap<>();
        answers.put("200", http.get(API + "/parts"));
        answers.put("401", http.get(API + "/sales"));
        answers.put("403", withKey("DELETE", API + "/parts/" + UUID.randomUUID(), DESK_KEY, null));
        answers.put("404", http.get("/nowhere"));
        answers.put("openapi", http.get("/openapi.json"));
        answers.forEach((what, response) -> {
            assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(response.header("X-Frame-Options")).as(what).isEqualTo("DENY");
            assertThat(response.header("Content-Security-Policy"))
                    .as(what)
                    .isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(response.header("Strict-Transport-Security"))
                    .as(what + " over plain HTTP")
                    .isNull();
        });
        assertThat(answers.get("200").header("Cache-Control")).isEqualTo("no-store");
        assertThat(answers.get("401").header("Cache-Control")).isEqualTo("no-store");
        Http.Response forwarded = http.send("GET", API + "/parts", null, "X-Forwarded-Proto", "https");
        assertThat(forwarded.header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
    }

    // ---- management port -----------------------------------------------------------------------------------------

    @Test
    void probesHealthAndMetricsAnswerOnTheManagementPortOnlyAndWithoutACredential() {
        assertThat(started.service().managementPort())
                .isNotEqualTo(started.service().port());
        for (String path : List.of("/health/live", "/health/ready", "/health/startup", "/health", "/metrics")) {
            assertThat(management.get(path).status()).as("management " + path).isEqualTo(200);
            assertThat(http.get(path).status()).as("main port " + path).isEqualTo(404);
        }
        assertThat(management.get("/metrics").body()).contains("http_server_requests_seconds");
        assertThat(management.get(API + "/parts").status())
                .as("the API is not on the management port")
                .isEqualTo(404);
    }
}
