package dev.blueprint.runtime;

import java.util.Optional;

/**
 * A service's security: authentication (API keys, JWT bearer tokens, or both), a rate limit and CORS rules.
 * Security headers are always sent. Start from {@link #none()}.
 *
 * <pre>{@code
 * SecurityConfig.none().apiKeys(ApiKeyConfig.header("X-API-Key").client("desk", env.require("DESK_KEY"), "clerk"))
 *         .rateLimit(RateLimitConfig.perSecond(20).burst(40))
 * }</pre>
 *
 * @param apiKeys    API key authentication, when configured
 * @param jwt        JWT bearer authentication, when configured
 * @param rateLimit  the rate limit, when configured
 * @param cors       the CORS rules, when configured (none: no CORS header is sent and preflights are not answered)
 */
public record SecurityConfig(
        Optional<ApiKeyConfig> apiKeys,
        Optional<JwtConfig> jwt,
        Optional<RateLimitConfig> rateLimit,
        Optional<CorsConfig> cors) {

    public SecurityConfig {
        if (apiKeys.isPresent() && apiKeys.get().clients().isEmpty()) {
            throw new IllegalArgumentException("API key authentication needs at least one client");
        }
        if (jwt.isPresent() && !jwt.get().hasKeys()) {
            throw new IllegalArgumentException("JWT authentication needs a JWKS URL or a public key");
        }
    }

    /** No authentication, no rate limit, no CORS. */
    public static SecurityConfig none() {
        return new SecurityConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public SecurityConfig apiKeys(ApiKeyConfig value) {
        return new SecurityConfig(Optional.of(value), jwt, rateLimit, cors);
    }

    public SecurityConfig jwt(JwtConfig value) {
        return new SecurityConfig(apiKeys, Optional.of(value), rateLimit, cors);
    }

    public SecurityConfig rateLimit(RateLimitConfig value) {
        return new SecurityConfig(apiKeys, jwt, Optional.of(value), cors);
    }

    public SecurityConfig cors(CorsConfig value) {
        return new SecurityConfig(apiKeys, jwt, rateLimit, Optional.of(value));
    }

    /** Whether requests must carry a credential unless their route is public. */
    public boolean authenticates() {
        return apiKeys.isPresent() || jwt.isPresent();
    }
}
