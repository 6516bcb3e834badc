package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** API key authentication and roles over HTTP: 401, 403, public routes, probes and metrics open, headers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeySecurityTest {

    static final String DESK_KEY = "desk-3f9a8c1e2b7d4e6f";
    static final String ADMIN_KEY = "admin-9b8c7d6e5f4a3b2c";

    private RunningService running;
    private Http http;

    @BeforeAll
    void start() {
        running = SecuredService.start(
                "Shop",
                SecurityConfig.none()
                        .apiKeys(ApiKeyConfig.header("X-API-Key")
                                .client("desk", DESK_KEY, "clerk")
                                .client("boss", ADMIN_KEY, "clerk", "admin")));
        http = new Http(running.uri());
    }

    @AfterAll
    void stop() {
        running.stop();
    }

    private Http.Response get(String path, String key) {
        return http.send("GET", path, null, "X-API-Key", key);
    }

    private static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void missingKeyIs401WithAChallengeNamingTheHeader() {
        Http.Response response = http.get("/me");
        assertProblem(response, 401);
        assertThat(response.json().get("title").asText()).isEqualTo("Unauthorized");
        assertThat(response.json().get("detail").asText())
                .contains("no credential")
                .contains("X-API-Key");
        assertThat(response.raw().headers().allValues("WWW-Authenticate"))
                .containsExactly("ApiKey header=\"X-API-Key\"");
    }

    @Test
    void unknownKeyIs401WithoutEchoingTheKey() {
        String wrong = "desk-3f9a8c1e2b7d4e6X";
        Http.Response response = get("/me", wrong);
        assertProblem(response, 401);
        assertThat(response.json().get("detail").asText()).isEqualTo("the API key is not known");
        assertThat(response.body()).doesNotContain(wrong).doesNotContain(DESK_KEY);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("ApiKey header=\"X-API-Key\"");
        assertProblem(get("/me", ""), 401);
        assertProblem(get("/me", DESK_KEY + " extra"), 401);
    }

    @Test
    void aKnownKeyNamesTheCallerAndItsRoles() {
        Http.Response desk = get("/me", DESK_KEY);
        assertThat(desk.status()).as(desk.toString()).isEqualTo(200);
        assertThat(desk.json().get("caller").asText()).isEqualTo("desk");
        assertThat(desk.json().get("scheme").asText()).isEqualTo("ApiKey");
        assertThat(desk.json().get("roles").toString()).isEqualTo("[\"clerk\"]");
        Http.Response boss = http.send("POST", "/authenticated", "{}", "X-API-Key", ADMIN_KEY);
        assertThat(boss.status()).isEqualTo(200);
        assertThat(boss.json().get("caller").asText()).isEqualTo("boss");
        // header names are case-insensitive
        assertThat(http.send("GET", "/me", null, "x-api-key", DESK_KEY).status())
                .isEqualTo(200);
    }

    @Test
    void missingRoleIs403NamingTheRolesRequired() {
        Http.Response response = http.send("PUT", "/admin/7", "{}", "X-API-Key", DESK_KEY);
        assertProblem(response, 403);
        assertThat(response.json().get("title").asText()).isEqualTo("Forbidden");
        assertThat(response.json().get("detail").asText()).isEqualTo("this operation requires the role admin");
        assertThat(response.header("WWW-Authenticate")).isNull();
        assertProblem(http.send("DELETE", "/admin/7", null, "X-API-Key", DESK_KEY), 403);
        assertThat(http.send("PUT", "/admin/7", "{}", "X-API-Key", ADMIN_KEY).status())
                .isEqualTo(200);
        assertThat(http.send("DELETE", "/admin/7", null, "X-API-Key", ADMIN_KEY).status())
                .isEqualTo(200);
        // any one of the roles will do
        assertThat(get("/clerk", DESK_KEY).status()).isEqualTo(200);
        assertThat(get("/clerk", ADMIN_KEY).status()).isEqualTo(200);
        // no credential on a role route: 401 before 403
        assertProblem(http.send("PUT", "/admin/7", "{}"), 401);
    }

    @Test
    void rolesMissingOnEveryRuleNameAllOfThem() {
        RunningService other = SecuredService.start(
                "Other",
                SecurityConfig.none()
                        .apiKeys(ApiKeyConfig.header("X-Key").client("guest", "guest-key-1234", "visitor")));
        try {
            Http.Response response = new Http(other.uri()).send("GET", "/clerk", null, "X-Key", "guest-key-1234");
            assertProblem(response, 403);
            assertThat(response.json().get("detail").asText())
                    .isEqualTo("this operation requires one of the roles clerk, admin");
            assertThat(response.body()).doesNotContain("visitor");
        } finally {
            other.stop();
        }
    }

    @Test
    void publicRoutesAreOpenAndStillNameACallerWithAValidKey() {
        Http.Response anonymous = http.get("/public");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("caller").asText()).isEqualTo("anonymous");
        assertThat(get("/public", ADMIN_KEY).json().get("caller").asText()).isEqualTo("boss");
        // a bad key on a public route is ignored, not refused
        Http.Response bad = get("/public", "not-a-key");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.json().get("caller").asText()).isEqualTo("anonymous");
        assertThat(bad.header("WWW-Authenticate")).isNull();
    }

    @Test
    void probesMetricsHealthAndOpenApiNeedNoCredential() {
        for (String path :
                List.of("/health/live", "/health/ready", "/health/startup", "/health", "/metrics", "/openapi.json")) {
            assertThat(http.get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void unknownPathsAndWrongMethodsKeepTheirStatusWithoutCredential() {
        assertProblem(http.get("/nowhere"), 404);
        Http.Response wrongMethod = http.send("POST", "/me", "{}");
        assertProblem(wrongMethod, 405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        List<Http.Response> responses = List.of(
                get("/me", DESK_KEY),
                http.get("/me"),
                http.get("/public"),
                http.get("/nowhere"),
                http.get("/health/live"),
                http.get("/health/ready"),
                http.get("/metrics"),
                http.get("/openapi.json"),
                http.send("PUT", "/admin/1", "{}", "X-API-Key", DESK_KEY));
        for (Http.Response response : responses) {
            assertThat(response.header("X-Content-Type-Options"))
                    .as(response.toString())
                    .isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Content-Security-Policy"))
                    .isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            assertThat(response.header("Strict-Transport-Security"))
                    .as("plain HTTP gets no HSTS")
                    .isNull();
            assertThat(response.header("X-Request-Id")).isNotBlank();
        }
    }

    @Test
    void hstsWhenTheRequestCameOverTls() {
        String hsts = "max-age=31536000; includeSubDomains";
        assertThat(http.send("GET", "/public", null, "X-Forwarded-Proto", "https")
                        .header("Strict-Transport-Security"))
                .isEqualTo(hsts);
        assertThat(http.send("GET", "/me", null, "X-Forwarded-Proto", "HTTPS, http")
                        .header("Strict-Transport-Security"))
                .isEqualTo(hsts);
        assertThat(http.send("GET", "/public", null, "X-Forwarded-Proto", "http")
                        .header("Strict-Transport-Security"))
                .isNull();
    }

    @Test
    void rateLimitHeadersAreAbsentWithoutARateLimit() {
        assertThat(get("/me", DESK_KEY).header("RateLimit-Limit")).isNull();
    }
}
