package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.runtime.security.ConstantTime;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The security configuration records validate what they are given; start() refuses access rules it cannot apply. */
class SecurityConfigTest {

    private static String rsaPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return JwtSecurityTest.pem(generator.generateKeyPair().getPublic());
    }

    private static String ecPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return JwtSecurityTest.pem(generator.generateKeyPair().getPublic());
    }

    @Test
    void apiKeysAreHashedAtOnceAndNeverShown() {
        ApiKeyConfig config = ApiKeyConfig.header("X-API-Key").client("billing", "s3cret-key-value", "clerk", "admin");
        ApiKeyConfig.Client client = config.clients().get(0);
        assertThat(client.keyHash()).isEqualTo(ConstantTime.sha256("s3cret-key-value"));
        assertThat(client.roles()).containsExactlyInAnyOrder("clerk", "admin");
        assertThat(config.toString()).doesNotContain("s3cret").contains("billing");
        // the accessor hands out a copy
        client.keyHash()[0] ^= 1;
        assertThat(client.keyHash()).isEqualTo(ConstantTime.sha256("s3cret-key-value"));
    }

    @Test
    void apiKeyMistakesAreRefusedNamingTheClient() {
        ApiKeyConfig keys = ApiKeyConfig.header("X-API-Key");
        assertThatThrownBy(() -> keys.client("billing", "", "clerk"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("API key client billing has an empty key");
        assertThatThrownBy(() -> keys.client("billing", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("billing");
        assertThatThrownBy(() -> keys.client("billing", " padded "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("billing")
                .hasMessageNotContaining("padded");
        assertThatThrownBy(() -> keys.client("a", "key-1").client("a", "key-2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("API key client a is declared twice");
        assertThatThrownBy(() -> keys.client("a", "same-key").client("b", "same-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("API key clients a and b have the same key");
        assertThatThrownBy(() -> ApiKeyConfig.header("X API Key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header name");
        assertThatThrownBy(() -> SecurityConfig.none().apiKeys(keys))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("API key authentication needs at least one client");
    }

    @Test
    void jwtDefaultsAndRefusals() throws Exception {
        JwtConfig jwt = JwtConfig.issuer("https://auth.example.com/");
        assertThat(jwt.algorithms()).containsExactly("RS256", "ES256");
        assertThat(jwt.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(jwt.rolesClaim()).isEqualTo("roles");
        assertThat(jwt.audience()).isEmpty();
        assertThatThrownBy(() -> jwt.algorithms("none"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JWT algorithm none is never allowed");
        assertThatThrownBy(() -> jwt.algorithms("RS256", "HS256"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JWT algorithm HS256 is never allowed");
        assertThatThrownBy(() -> jwt.algorithms("RS257"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown JWT algorithm RS257");
        assertThatThrownBy(() -> jwt.algorithms(new String[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jwt.clockSkew(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jwt.rolesClaim("realm_access.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtConfig.issuer(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jwt.audience("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jwt.jwksUrl("ftp://keys.example.com/jwks"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> jwt.jwksUrl("https://a/jwks").publicKeyPem(rsaPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JWT keys come from a JWKS URL or a public key, not both");
        assertThatThrownBy(() -> SecurityConfig.none().jwt(jwt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JWT authentication needs a JWKS URL or a public key");
        assertThat(SecurityConfig.none()
                        .jwt(jwt.jwksUrl("https://auth.example.com/jwks"))
                        .authenticates())
                .isTrue();
    }

    @Test
    void pemKeysAreReadAndCheckedAgainstTheAlgorithms() throws Exception {
        String rsa = rsaPem();
        JwtConfig jwt = JwtConfig.issuer("https://auth.example.com/");
        assertThat(jwt.publicKeyPem(rsa).algorithms("PS256").publicKeyPem()).contains(rsa);
        // as an environment variable often carries it: escaped newlines
        assertThat(jwt.publicKeyPem(rsa.replace("\n", "\\n")).publicKeyPem()).isPresent();
        assertThatThrownBy(() -> jwt.publicKeyPem(ecPem()).algorithms("RS256"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the JWT public key is EC but the allowed algorithms (RS256) cannot use it");
        assertThatThrownBy(() -> jwt.publicKeyPem("not a key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not PEM");
        assertThatThrownBy(() -> jwt.publicKeyPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private key");
        assertThatThrownBy(() -> jwt.publicKeyPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither an RSA nor an EC");
    }

    @Test
    void rateLimitAndCorsRules() {
        RateLimitConfig limit = RateLimitConfig.perSecond(50);
        assertThat(limit.burst()).isEqualTo(50);
        assertThat(limit.key()).isEqualTo(RateLimitConfig.Key.CLIENT);
        assertThat(limit.burst(100).byAddress())
                .isEqualTo(new RateLimitConfig(50, 100, RateLimitConfig.Key.ADDRESS, RateLimitConfig.DEFAULT_MAX_KEYS));
        assertThatThrownBy(() -> RateLimitConfig.perSecond(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limit.burst(0)).isInstanceOf(IllegalArgumentException.class);

        CorsConfig cors = CorsConfig.origins("https://a.example");
        assertThat(cors.methods()).containsExactly("GET", "POST", "PUT", "DELETE");
        assertThat(cors.credentials()).isFalse();
        assertThatThrownBy(() -> CorsConfig.origins("*").credentials(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CORS origin * cannot be combined with credentials; list the origins");
        assertThatThrownBy(() -> CorsConfig.origins("https://a.example/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no path");
        assertThatThrownBy(() -> CorsConfig.origins("a.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorsConfig.origins(new String[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorsConfig.origins("*", "https://a.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cors.methods("get")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cors.headers("Bad Header")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cors.maxAge(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accessRules() {
        assertThat(Access.anyRole("clerk", "admin").roles()).containsExactly("clerk", "admin");
        assertThat(Access.PUBLIC.needsCredential()).isFalse();
        assertThat(Access.AUTHENTICATED.needsCredential()).isTrue();
        assertThatThrownBy(() -> Access.anyRole()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Access.anyRole("clerk", "clerk")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Routes().get("/x", null, r -> Reply.noContent()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requireReadsTheEnvironmentOrSaysWhatIsMissing() {
        Environment env = Environment.of(Map.of("DESK_KEY", "k", "BLANK", " "));
        assertThat(env.require("DESK_KEY")).isEqualTo("k");
        assertThatThrownBy(() -> env.require("ADMIN_KEY"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("environment variable ADMIN_KEY is not set");
        assertThatThrownBy(() -> env.require("BLANK"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("environment variable BLANK is not set");
    }

    @Test
    void startFailsWhenARouteDemandsACredentialTheServiceCannotCheck() {
        Service roles = SecuredService.builder("Plain", SecurityConfig.none()).build();
        roles.register(routes -> routes.get("/open", r -> Reply.noContent())
                .put("/parts/{id}", Access.anyRole("admin"), r -> Reply.noContent()));
        assertThatThrownBy(roles::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "route PUT /parts/{id} requires anyRole(admin) but Plain configures no authentication (API keys or JWT)");
        Service authenticated = SecuredService.builder(
                        "Plain", SecurityConfig.none().rateLimit(RateLimitConfig.perSecond(5)))
                .build();
        authenticated.register(routes -> routes.post("/x", Access.AUTHENTICATED, r -> Reply.noContent()));
        assertThatThrownBy(authenticated::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("route POST /x requires AUTHENTICATED");
    }

    @Test
    void withoutAuthenticationDefaultAndPublicRoutesAreOpen() {
        try (RunningService service = SecuredService.startOpen("Plain", SecurityConfig.none())) {
            Http http = new Http(service.uri());
            Http.Response me = http.get("/me");
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("caller").asText()).isEqualTo("anonymous");
            assertThat(http.get("/public").status()).isEqualTo(200);
            assertThat(me.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(me.header("RateLimit-Limit")).isNull();
        }
        assertThat(SecurityConfig.none())
                .isEqualTo(new SecurityConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }
}
