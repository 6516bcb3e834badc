package dev.blueprint.runtime.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.blueprint.runtime.JwtConfig;
import dev.blueprint.runtime.Principal;
import java.net.MalformedURLException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies JWT bearer tokens: the signature (allowed algorithms only, keys from a JWKS URL or one PEM key), then
 * {@code exp} (required) and {@code nbf} with the clock skew, {@code iss}, {@code aud} and {@code sub}; the roles
 * come from the roles claim. A JWKS is fetched on the calling thread (a worker, never an io thread), cached, and
 * refreshed at most once per rate-limit interval when a token names an unknown key.
 *
 * <p>A client sends the same token on every request until it expires, and checking a signature costs far more than
 * the rest of a request: the claims of tokens whose signature verified are kept, by the exact token text, for at most
 * {@link #VERIFIED_FOR} (so a key withdrawn from the JWKS stops being honoured within that time) and for at most
 * {@link #VERIFIED_TOKENS} tokens. The time, issuer, audience and subject checks run on every request all the same.
 */
final class JwtAuthenticator {

    static final String SCHEME = "Bearer";
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    /** Why a token was refused; the message is safe to show (it never holds the token). */
    static final class InvalidToken extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidToken(String message) {
            super(message, null, false, false);
        }
    }

    /** The keys could not be had (the JWKS URL did not answer): not the caller's fault. */
    static final class KeysUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        KeysUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** How long a verified signature is trusted without verifying it again. */
    static final Duration VERIFIED_FOR = Duration.ofMinutes(5);
    /** How many verified tokens are remembered at most (a few MB). */
    static final int VERIFIED_TOKENS = 4_096;

    private final JwtConfig config;
    private final Cache<String, JWTClaimsSet> verified;
    private final Set<JWSAlgorithm> algorithms;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Supplier<Instant> now;
    private final List<String> rolesPath;

    JwtAuthenticator(JwtConfig config) {
        this(config, Instant::now);
    }

    JwtAuthenticator(JwtConfig config, Supplier<Instant> now) {
        this(config, now, VERIFIED_TOKENS);
    }

    JwtAuthenticator(JwtConfig config, Supplier<Instant> now, int rememberedTokens) {
        this.config = config;
        this.verified = Caffeine.newBuilder()
                .maximumSize(rememberedTokens)
                .expireAfterWrite(VERIFIED_FOR)
                .build();
        this.now = now;
        this.algorithms = config.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
        this.rolesPath = List.of(config.rolesClaim().split("\\."));
        processor.setJWSKeySelector(keySelector());
        // access tokens are typed JWT, at+jwt (RFC 9068) or not at all
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
        // the claims are checked below, with messages that say what is wrong
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
    }

    private JWSKeySelector<SecurityContext> keySelector() {
        if (config.jwksUrl().isPresent()) {
            java.net.URI url = config.jwksUrl().get();
            if (url.getScheme().equals("http") && !isLoopback(url.getHost())) {
                LOG.warn(
                        "the JWKS URL {} is plain http: the verification keys could be replaced in transit; use https",
                        url);
            }
            JWKSource<SecurityContext> source;
            try {
                source = JWKSourceBuilder.<SecurityContext>create(
                                config.jwksUrl().get().toURL(), new DefaultResourceRetriever(2_000, 2_000, 256 * 1024))
                        .retrying(true)
                        .build();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(
                        "the JWKS URL is not a URL: " + config.jwksUrl().get());
            }
            return new JWSVerificationKeySelector<>(algorithms, source);
        }
        PublicKey key = PemKeys.parse(config.publicKeyPem().orElseThrow());
        // one key: it verifies every allowed algorithm of its family, whatever kid the token names
        return (header, context) -> {
            String alg = header.getAlgorithm().getName();
            boolean fits = algorithms.contains(header.getAlgorithm())
                    && (key instanceof RSAPublicKey
                            ? alg.startsWith("RS") || alg.startsWith("PS")
                            : key instanceof ECPublicKey && alg.startsWith("ES"));
            return fits ? List.of(key) : List.of();
        };
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }

    /** The caller {@code token} names, once verified. */
    Principal verify(String token) throws InvalidToken, KeysUnavailable {
        JWTClaimsSet known = verified.getIfPresent(token);
        if (known != null) return check(known);
        JWTClaimsSet claims = verifySignature(token);
        Principal principal = check(claims);
        verified.put(token, claims);
        return principal;
    }

    /** The claims of {@code token} once its signature verified with an allowed algorithm and a known key. */
    private JWTClaimsSet verifySignature(String token) throws InvalidToken, KeysUnavailable {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidToken("the bearer token is not a JWT");
        }
        if (jwt instanceof EncryptedJWT) throw new InvalidToken("encrypted tokens are not accepted");
        if (!(jwt instanceof SignedJWT signed))
            throw new InvalidToken("the token is not signed (alg none is never accepted)");
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (!algorithms.contains(alg)) {
            throw new InvalidToken("the token's algorithm " + alg.getName() + " is not allowed (allowed: "
                    + String.join(", ", config.algorithms()) + ")");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJWSException e) {
            throw new InvalidToken("the token's signature is invalid");
        } catch (BadJWTException e) {
            throw new InvalidToken("the token's claims are not a JSON object");
        } catch (BadJOSEException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("typ")) throw new InvalidToken("the token's type (typ) is not JWT or at+jwt");
            if (message.contains("no matching key")) throw new InvalidToken("no known key verifies the token");
            throw new InvalidToken("the token was rejected");
        } catch (RateLimitReachedException e) {
            // a key id not in the JWKS, which was fetched again too recently to fetch once more
            throw new InvalidToken("no known key verifies the token");
        } catch (KeySourceException e) {
            throw new KeysUnavailable("the keys to verify the token could not be fetched");
        } catch (JOSEException e) {
            throw new InvalidToken("the token's signature cannot be verified with its algorithm and the key");
        }
        return claims;
    }

    /** How many verified tokens are remembered now, for tests. */
    long rememberedTokens() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private Principal check(JWTClaimsSet claims) throws InvalidToken {
        Instant at = now.get();
        Duration skew = config.clockSkew();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) throw new InvalidToken("the token has no expiry (exp)");
        if (at.isAfter(expiry.toInstant().plus(skew))) throw new InvalidToken("the token has expired");
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && at.plus(skew).isBefore(notBefore.toInstant()))
            throw new InvalidToken("the token is not valid yet (nbf)");
        if (!config.issuer().equals(claims.getIssuer()))
            throw new InvalidToken("the token's issuer (iss) is not " + config.issuer());
        if (config.audience().isPresent()) {
            List<String> audience = claims.getAudience();
            if (audience == null || !audience.contains(config.audience().get())) {
                throw new InvalidToken("the token's audience (aud) does not include "
                        + config.audience().get());
            }
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) throw new InvalidToken("the token has no subject (sub)");
        return new Principal(subject, SCHEME, roles(claims));
    }

    private Set<String> roles(JWTClaimsSet claims) throws InvalidToken {
        Object value = claims.getClaim(rolesPath.get(0));
        for (int i = 1; i < rolesPath.size() && value != null; i++) {
            value = value instanceof Map<?, ?> map ? map.get(rolesPath.get(i)) : null;
        }
        if (value == null) return Set.of();
        Set<String> roles = new LinkedHashSet<>();
        if (value instanceof String text) {
            for (String role : text.trim().split("\\s+")) {
                if (!role.isEmpty()) roles.add(role);
            }
        } else if (value instanceof List<?> list) {
            for (Object role : list) {
                if (!(role instanceof String name))
                    throw new InvalidToken(
                            "the token's roles claim (" + config.rolesClaim() + ") holds a value that is not a string");
                roles.add(name);
            }
        } else {
            throw new InvalidToken(
                    "the token's roles claim (" + config.rolesClaim() + ") is neither an array nor a string");
        }
        return roles;
    }
}
