package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** 429 with its headers, per address and per client; CORS preflights allowed and refused, actual requests. */
class RateLimitCorsTest {

    private static final String DESK = "desk-key-0123456789";
    private static final String BOSS = "boss-key-9876543210";

    private static SecurityConfig keys() {
        return SecurityConfig.none()
                .apiKeys(ApiKeyConfig.header("X-API-Key")
                        .client("desk", DESK, "clerk")
                        .client("boss", BOSS, "admin"));
    }

    /**
     * Sends {@code request} until it is answered 429, at most {@code max} times; every earlier answer is 200. The
     * buckets here refill one token a second, so a limit is reached within a few requests whatever the machine's pace.
     */
    private static Http.Response untilLimited(int max, Supplier<Http.Response> request) {
        for (int i = 0; i < max; i++) {
            Http.Response response = request.get();
            if (response.status() == 429) return response;
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        throw new AssertionError("no 429 within " + max + " requests");
    }

    @Test
    void overTheLimitIs429WithRetryAfterAndRateLimitHeaders() {
        try (RunningService service = SecuredService.startOpen(
                "Limited",
                SecurityConfig.none()
                        .rateLimit(RateLimitConfig.perSecond(1).burst(3).byAddress()))) {
            Http http = new Http(service.uri());
            Http.Response first = http.get("/me");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(first.header("RateLimit-Remaining")).isEqualTo("2");
            Http.Response limited = untilLimited(10, () -> http.get("/me"));
            assertThat(limited.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(limited.json().get("title").asText()).isEqualTo("Too Many Requests");
            assertThat(limited.json().get("detail").asText()).startsWith("the rate limit is exceeded; retry after ");
            assertThat(limited.json().get("requestId").asText()).isEqualTo(limited.header("X-Request-Id"));
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
            assertThat(limited.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(limited.header("Cache-Control")).isEqualTo("no-store");
            // public routes are limited too, from the same address bucket
            untilLimited(3, () -> http.get("/public"));
            // probes, metrics and the OpenAPI document are not
            for (int i = 0; i < 5; i++) {
                for (String path : List.of("/health/live", "/health/ready", "/metrics", "/openapi.json")) {
                    Http.Response probe = http.get(path);
                    assertThat(probe.status()).as(path).isEqualTo(200);
                    assertThat(probe.header("RateLimit-Limit")).isNull();
                }
            }
        }
    }

    @Test
    void byClientEachClientHasItsOwnBucketAndAnonymousCallersAreCountedByAddress() {
        try (RunningService service = SecuredService.start(
                "PerClient", keys().rateLimit(RateLimitConfig.perSecond(1).burst(2)))) {
            Http http = new Http(service.uri());
            untilLimited(10, () -> http.send("GET", "/me", null, "X-API-Key", DESK));
            // another client's bucket is full
            Http.Response boss = http.send("GET", "/me", null, "X-API-Key", BOSS);
            assertThat(boss.status()).isEqualTo(200);
            assertThat(boss.header("RateLimit-Remaining")).isEqualTo("1");
            // a public route with a valid key counts against that client's (nearly empty) bucket
            untilLimited(2, () -> http.send("GET", "/public", null, "X-API-Key", DESK));
            // anonymous callers: by address, a bucket of its own that starts full
            Http.Response anonymous = http.get("/public");
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.header("RateLimit-Remaining")).isEqualTo("1");
            // callers without a valid credential count against their address: 401 while it has tokens, then 429
            // (guessing keys is limited like any other traffic); a known client is not held back by them
            List<Integer> refusals = new java.util.ArrayList<>();
            for (int i = 0; i < 10 && !refusals.contains(429); i++) {
                refusals.add(
                        http.send("GET", "/me", null, "X-API-Key", "guess-" + i).status());
            }
            assertThat(refusals).startsWith(401).endsWith(429).isSubsetOf(401, 429);
            assertThat(http.send("GET", "/me", null, "X-API-Key", BOSS).status())
                    .isEqualTo(200);
            // roles come after the rate limit: a client without the role gets 403 while it has tokens, 429 without
            List<Integer> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 10 && !statuses.contains(429); i++)
                statuses.add(
                        http.send("PUT", "/admin/1", "{}", "X-API-Key", DESK).status());
            assertThat(statuses).contains(429).isSubsetOf(403, 429);
        }
    }

    @Test
    void byAddressClientsShareTheAddressBucket() {
        try (RunningService service = SecuredService.start(
                "PerAddress",
                keys().rateLimit(RateLimitConfig.perSecond(1).burst(2).byAddress()))) {
            Http http = new Http(service.uri());
            assertThat(http.send("GET", "/me", null, "X-API-Key", DESK).header("RateLimit-Remaining"))
                    .isEqualTo("1");
            untilLimited(3, () -> http.send("GET", "/me", null, "X-API-Key", BOSS));
        }
    }

    private static SecurityConfig cors(CorsConfig cors) {
        return keys().cors(cors);
    }

    private static Http.Response preflight(Http http, String path, String origin, String method, String headers) {
        return headers == null
                ? http.send("OPTIONS", path, null, "Origin", origin, "Access-Control-Request-Method", method)
                : http.send(
                        "OPTIONS",
                        path,
                        null,
                        "Origin",
                        origin,
                        "Access-Control-Request-Method",
                        method,
                        "Access-Control-Request-Headers",
                        headers);
    }

    @Test
    void anAllowedPreflightIs204WithTheAllowHeadersAndNeedsNoCredential() {
        CorsConfig rules = CorsConfig.origins("https://shop.example.com", "http://localhost:3000")
                .methods("GET", "POST", "PUT")
                .headers("Authorization", "Content-Type", "X-API-Key")
                .credentials(true)
                .maxAge(Duration.ofMinutes(10));
        try (RunningService service = SecuredService.start("Cors", cors(rules))) {
            Http http = new Http(service.uri());
            Http.Response allowed =
                    preflight(http, "/admin/1", "https://shop.example.com", "PUT", "content-type, x-api-key");
            assertThat(allowed.status()).as(allowed.toString()).isEqualTo(204);
            assertThat(allowed.body()).isEmpty();
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
            assertThat(allowed.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, PUT");
            assertThat(allowed.header("Access-Control-Allow-Headers"))
                    .isEqualTo("Authorization, Content-Type, X-API-Key");
            assertThat(allowed.header("Access-Control-Max-Age")).isEqualTo("600");
            assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(allowed.header("Vary")).isEqualTo("Origin");
            assertThat(allowed.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(allowed.header("WWW-Authenticate")).isNull();
            Http.Response other = preflight(http, "/me", "http://localhost:3000", "GET", null);
            assertThat(other.status()).isEqualTo(204);
            assertThat(other.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
        }
    }

    @Test
    void aRefusedPreflightIs403NamingWhatIsRefused() {
        CorsConfig rules = CorsConfig.origins("https://shop.example.com")
                .methods("GET", "POST")
                .headers("Content-Type");
        try (RunningService service = SecuredService.start("Cors", cors(rules))) {
            Http http = new Http(service.uri());
            Http.Response origin = preflight(http, "/me", "https://evil.example.com", "GET", null);
            assertThat(origin.status()).isEqualTo(403);
            assertThat(origin.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(origin.json().get("detail").asText())
                    .isEqualTo("CORS preflight refused: origin https://evil.example.com is not allowed");
            assertThat(origin.header("Access-Control-Allow-Origin")).isNull();
            assertThat(origin.header("Vary")).isEqualTo("Origin");
            Http.Response method = preflight(http, "/me", "https://shop.example.com", "DELETE", null);
            assertThat(method.status()).isEqualTo(403);
            assertThat(method.json().get("detail").asText())
                    .isEqualTo("CORS preflight refused: method DELETE is not allowed");
            Http.Response header =
                    preflight(http, "/me", "https://shop.example.com", "POST", "Content-Type, X-Secret, Accept");
            assertThat(header.status()).isEqualTo(403);
            assertThat(header.json().get("detail").asText())
                    .isEqualTo("CORS preflight refused: header x-secret is not allowed");
            assertThat(header.header("Access-Control-Allow-Origin")).isNull();
            Http.Response all = preflight(http, "/me", "https://a.example", "PATCH", "x-one,x-two");
            assertThat(all.json().get("detail").asText())
                    .isEqualTo(
                            "CORS preflight refused: origin https://a.example is not allowed; method PATCH is not allowed; headers x-one, x-two are not allowed");
            // an origin differing only in scheme or port is another origin
            assertThat(preflight(http, "/me", "http://shop.example.com", "GET", null)
                            .status())
                    .isEqualTo(403);
            assertThat(preflight(http, "/me", "https://shop.example.com:8443", "GET", null)
                            .status())
                    .isEqualTo(403);
        }
    }

    @Test
    void actualRequestsFromAnAllowedOriginAreMarked() {
        CorsConfig rules = CorsConfig.origins("https://shop.example.com").credentials(true);
        try (RunningService service = SecuredService.start("Cors", cors(rules))) {
            Http http = new Http(service.uri());
            Http.Response ok = http.send("GET", "/me", null, "Origin", "https://shop.example.com", "X-API-Key", DESK);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
            assertThat(ok.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(ok.header("Vary")).isEqualTo("Origin");
            assertThat(ok.header("Access-Control-Expose-Headers"))
                    .isEqualTo("X-Request-Id, X-Trace-Id, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining");
            // a problem from an allowed origin is readable by the page too
            Http.Response unauthorized = http.send("GET", "/me", null, "Origin", "https://shop.example.com");
            assertThat(unauthorized.status()).isEqualTo(401);
            assertThat(unauthorized.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
            Http.Response foreign =
                    http.send("GET", "/me", null, "Origin", "https://evil.example.com", "X-API-Key", DESK);
            assertThat(foreign.status()).isEqualTo(200);
            assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
            assertThat(foreign.header("Access-Control-Expose-Headers")).isNull();
            Http.Response sameOrigin = http.send("GET", "/me", null, "X-API-Key", DESK);
            assertThat(sameOrigin.header("Access-Control-Allow-Origin")).isNull();
            // OPTIONS that is not a preflight is an ordinary request
            assertThat(http.send("OPTIONS", "/me", null, "Origin", "https://shop.example.com")
                            .status())
                    .isEqualTo(405);
        }
    }

    @Test
    void aWildcardOriginWithoutCredentialsAnswersStar() {
        try (RunningService service =
                SecuredService.startOpen("Open", SecurityConfig.none().cors(CorsConfig.origins("*")))) {
            Http http = new Http(service.uri());
            Http.Response allowed = preflight(http, "/me", "https://anyone.example", "POST", "Content-Type");
            assertThat(allowed.status()).isEqualTo(204);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();
            assertThat(http.send("GET", "/me", null, "Origin", "https://anyone.example")
                            .header("Access-Control-Allow-Origin"))
                    .isEqualTo("*");
        }
    }

    @Test
    void withoutCorsRulesPreflightsAreNotAnswered() {
        try (RunningService service = SecuredService.start("NoCors", keys())) {
            Http.Response response = preflight(new Http(service.uri()), "/me", "https://shop.example.com", "GET", null);
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        }
    }
}
