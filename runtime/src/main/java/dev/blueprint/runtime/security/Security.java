package dev.blueprint.runtime.security;

import dev.blueprint.runtime.Access;
import dev.blueprint.runtime.Principal;
import dev.blueprint.runtime.Problem;
import dev.blueprint.runtime.RateLimitConfig;
import dev.blueprint.runtime.SecurityConfig;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security of one service, as the service applies it to each request (internal to the runtime; generated code
 * configures it through {@link SecurityConfig}):
 * <ol>
 *   <li>{@link #headers}: the security headers, on every response;</li>
 *   <li>{@link #cors}: preflights answered before anything else, actual cross-origin requests marked;</li>
 *   <li>{@link #admit}, once the route is matched: authentication (401), rate limit (429), roles (403).</li>
 * </ol>
 * A 401 carries one {@code WWW-Authenticate} challenge per configured scheme; its detail says what is wrong
 * without echoing the credential.
 */
public final class Security {

    /** The authenticated caller of an exchange, when there is one. */
    public static final AttachmentKey<Principal> PRINCIPAL = AttachmentKey.create(Principal.class);

    static final HttpString RATE_LIMIT_LIMIT = new HttpString("RateLimit-Limit");
    static final HttpString RATE_LIMIT_REMAINING = new HttpString("RateLimit-Remaining");
    private static final Logger LOG = LoggerFactory.getLogger(Security.class);

    private final String realm;
    private final Optional<ApiKeyAuthenticator> apiKeys;
    private final Optional<JwtAuthenticator> jwt;
    private final Optional<RateLimiter> limiter;
    private final RateLimitConfig.Key rateKey;
    private final Optional<CorsPolicy> cors;

    /** The security of the service {@code service} (its name is the bearer realm). */
    public Security(String service, SecurityConfig config) {
        this.realm = service.replace("\\", "\\\\").replace("\"", "\\\"");
        this.apiKeys = config.apiKeys().map(ApiKeyAuthenticator::new);
        this.jwt = config.jwt().map(JwtAuthenticator::new);
        this.limiter = config.rateLimit().map(RateLimiter::new);
        this.rateKey = config.rateLimit().map(RateLimitConfig::key).orElse(RateLimitConfig.Key.CLIENT);
        this.cors = config.cors().map(CorsPolicy::new);
    }

    /** Whether routes without an access rule need a credential. */
    public boolean authenticates() {
        return apiKeys.isPresent() || jwt.isPresent();
    }

    /** Whether CORS is configured; without it {@link #cors} never answers nor marks anything. */
    public boolean hasCors() {
        return cors.isPresent();
    }

    /** Puts the security headers on {@code exchange}'s response. Non-blocking. */
    public void headers(HttpServerExchange exchange) {
        SecurityHeaders.apply(exchange);
    }

    /**
     * CORS, before authentication: true when {@code exchange} was a preflight and 204 has been sent; a 403
     * {@link Problem} when a preflight is refused; false otherwise (an allowed origin's request is marked).
     * Non-blocking.
     */
    public boolean cors(HttpServerExchange exchange) {
        return cors.isPresent() && cors.get().apply(exchange);
    }

    /**
     * Lets {@code exchange} through to its route or throws the {@link Problem} that answers it: 401 without a
     * valid credential (when the route needs one; such attempts count against the remote address's bucket, and
     * are answered 429 once it is empty), 429 over the rate limit, 403 without one of the route's roles.
     * A valid credential on a public route still names the caller (for the handler and the rate limit); an
     * invalid one there is ignored. May block (a JWKS fetch): call it on a worker thread.
     *
     * @param access the route's rule; empty for the default rule
     */
    public void admit(HttpServerExchange exchange, Optional<Access> access) {
        Access rule = access.orElse(authenticates() ? Access.AUTHENTICATED : Access.PUBLIC);
        Optional<Principal> principal;
        if (rule.needsCredential()) {
            try {
                principal = Optional.of(authenticate(exchange));
            } catch (Problem refused) {
                // failed attempts count against the caller's address, so guessing keys or sending forged tokens is
                // limited like any other traffic: 401 while the address has tokens, then 429
                if (limiter.isPresent() && refused.status() == 401) limit(exchange, Optional.empty());
                throw refused;
            }
        } else {
            try {
                principal = authenticates() && hasCredential(exchange)
                        ? Optional.of(authenticate(exchange))
                        : Optional.empty();
            } catch (Problem ignored) {
                exchange.getResponseHeaders().remove(Headers.WWW_AUTHENTICATE);
                principal = Optional.empty();
            }
        }
        principal.ifPresent(p -> exchange.putAttachment(PRINCIPAL, p));
        if (limiter.isPresent()) limit(exchange, principal);
        if (rule.kind() == Access.Kind.ROLES) {
            Principal caller = principal.orElseThrow();
            if (rule.roles().stream().noneMatch(caller::hasRole)) {
                throw Problem.forbidden(
                        rule.roles().size() == 1
                                ? "this operation requires the role "
                                        + rule.roles().get(0)
                                : "this operation requires one of the roles " + String.join(", ", rule.roles()));
            }
        }
    }

    private boolean hasCredential(HttpServerExchange exchange) {
        return (jwt.isPresent() && exchange.getRequestHeaders().contains(Headers.AUTHORIZATION))
                || (apiKeys.isPresent()
                        && exchange.getRequestHeaders().contains(apiKeys.get().header()));
    }

    private Principal authenticate(HttpServerExchange exchange) {
        String authorization = jwt.isPresent() ? exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION) : null;
        String key = apiKeys.isPresent()
                ? exchange.getRequestHeaders().getFirst(apiKeys.get().header())
                : null;
        String bearer = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
            bearer = authorization.substring(7).trim();
        if (bearer != null && key != null) {
            throw unauthorized(exchange, "send one credential, a bearer token or an API key, not both", null);
        }
        if (bearer != null) {
            if (bearer.isEmpty())
                throw unauthorized(exchange, "the bearer token is empty", "the bearer token is empty");
            try {
                return jwt.get().verify(bearer);
            } catch (JwtAuthenticator.InvalidToken e) {
                throw unauthorized(exchange, e.getMessage(), e.getMessage());
            } catch (JwtAuthenticator.KeysUnavailable e) {
                LOG.warn("JWT verification keys unavailable: {}", e.getMessage());
                throw Problem.unavailable("the token cannot be verified now: " + e.getMessage());
            }
        }
        if (key != null) {
            return apiKeys.get()
                    .authenticate(key)
                    .orElseThrow(() -> unauthorized(exchange, "the API key is not known", null));
        }
        if (authorization != null)
            throw unauthorized(exchange, "the Authorization header does not hold a Bearer token", null);
        throw unauthorized(exchange, "the request carries no credential: send " + expected(), null);
    }

    private String expected() {
        String bearer = "a bearer token (Authorization: Bearer …)";
        String key =
                apiKeys.map(k -> "an API key in the " + k.header() + " header").orElse("");
        if (jwt.isPresent() && apiKeys.isPresent()) return bearer + " or " + key;
        return jwt.isPresent() ? bearer : key;
    }

    /** 401 with a challenge per configured scheme; {@code bearerError} describes a bad bearer token (RFC 6750). */
    private Problem unauthorized(HttpServerExchange exchange, String detail, String bearerError) {
        exchange.getResponseHeaders().remove(Headers.WWW_AUTHENTICATE);
        if (jwt.isPresent()) {
            String challenge = JwtAuthenticator.SCHEME + " realm=\"" + realm + "\"";
            if (bearerError != null)
                challenge += ", error=\"invalid_token\", error_description=\"" + quoted(bearerError) + "\"";
            exchange.getResponseHeaders().add(Headers.WWW_AUTHENTICATE, challenge);
        }
        apiKeys.ifPresent(k -> exchange.getResponseHeaders().add(Headers.WWW_AUTHENTICATE, k.challenge()));
        return Problem.unauthorized(detail);
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "'").replaceAll("[^\\x20-\\x7e]", "?");
    }

    private void limit(HttpServerExchange exchange, Optional<Principal> principal) {
        String key = rateKey == RateLimitConfig.Key.CLIENT && principal.isPresent()
                ? principal.get().scheme() + ":" + principal.get().name()
                : "address:" + address(exchange);
        RateLimiter.Decision decision = limiter.get().acquire(key);
        exchange.getResponseHeaders().put(RATE_LIMIT_LIMIT, Integer.toString(decision.limit()));
        exchange.getResponseHeaders().put(RATE_LIMIT_REMAINING, Integer.toString(decision.remaining()));
        if (!decision.allowed()) throw Problem.tooManyRequests(decision.retryAfterSeconds());
    }

    private static String address(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        if (source == null) return "unknown";
        return source.getAddress() != null ? source.getAddress().getHostAddress() : source.getHostString();
    }
}
