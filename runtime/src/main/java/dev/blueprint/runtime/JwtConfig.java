package dev.blueprint.runtime;

import dev.blueprint.runtime.security.PemKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * JWT bearer authentication. Tokens are verified with the keys of a JWKS URL (cached, refreshed at a limited
 * rate) or with one PEM public key (RSA or EC); only the allowed asymmetric algorithms are accepted ({@code none}
 * and the HMAC algorithms never are). {@code exp} is required and, like {@code nbf}, checked with the clock
 * skew; {@code iss} must equal the issuer; {@code aud} must contain the audience when one is set. The caller's
 * name is {@code sub}; its roles come from the roles claim.
 *
 * <pre>{@code
 * JwtConfig.issuer("https://auth.example.com/").audience("shop").publicKeyPem(env.require("JWT_PUBLIC_KEY"))
 * }</pre>
 *
 * @param issuer        the required {@code iss}
 * @param audience      a value {@code aud} must contain, when present
 * @param jwksUrl       where the verification keys are published (exactly one of this and {@code publicKeyPem})
 * @param publicKeyPem  the verification key, PEM ({@code PUBLIC KEY} or {@code CERTIFICATE})
 * @param algorithms    the accepted {@code alg} values
 * @param clockSkew     the tolerance on {@code exp} and {@code nbf}
 * @param rolesClaim    the claim holding the roles: a name or a dotted path ({@code realm_access.roles}); a JSON
 *                      array of strings or a space-separated string
 */
public record JwtConfig(
        String issuer,
        Optional<String> audience,
        Optional<URI> jwksUrl,
        Optional<String> publicKeyPem,
        List<String> algorithms,
        Duration clockSkew,
        String rolesClaim) {

    /** The algorithms a configuration may allow. */
    public static final List<String> ALLOWED_ALGORITHMS =
            List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    public JwtConfig {
        if (issuer == null || issuer.isBlank()) throw new IllegalArgumentException("the JWT issuer must not be blank");
        if (audience.isPresent() && audience.get().isBlank())
            throw new IllegalArgumentException("the JWT audience must not be blank");
        if (jwksUrl.isPresent() && publicKeyPem.isPresent()) {
            throw new IllegalArgumentException("JWT keys come from a JWKS URL or a public key, not both");
        }
        jwksUrl.ifPresent(url -> {
            String scheme = url.getScheme();
            if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new IllegalArgumentException("the JWKS URL must be an absolute http(s) URL, got " + url);
            }
        });
        algorithms = List.copyOf(algorithms);
        if (algorithms.isEmpty()) throw new IllegalArgumentException("at least one JWT algorithm must be allowed");
        Set<String> seen = new LinkedHashSet<>();
        for (String algorithm : algorithms) {
            if (algorithm == null) throw new IllegalArgumentException("a JWT algorithm must not be null");
            if (algorithm.equalsIgnoreCase("none")
                    || algorithm.toUpperCase(java.util.Locale.ROOT).startsWith("HS")) {
                throw new IllegalArgumentException("JWT algorithm " + algorithm + " is never allowed (only "
                        + String.join(", ", ALLOWED_ALGORITHMS) + ")");
            }
            if (!ALLOWED_ALGORITHMS.contains(algorithm)) {
                throw new IllegalArgumentException("unknown JWT algorithm " + algorithm + " (allowed: "
                        + String.join(", ", ALLOWED_ALGORITHMS) + ")");
            }
            if (!seen.add(algorithm))
                throw new IllegalArgumentException("JWT algorithm " + algorithm + " is named twice");
        }
        if (clockSkew == null || clockSkew.isNegative())
            throw new IllegalArgumentException("the JWT clock skew must not be negative");
        if (clockSkew.compareTo(Duration.ofHours(1)) > 0)
            throw new IllegalArgumentException("the JWT clock skew must be at most 1h, got " + clockSkew);
        if (rolesClaim == null
                || rolesClaim.isBlank()
                || rolesClaim.startsWith(".")
                || rolesClaim.endsWith(".")
                || rolesClaim.contains("..")) {
            throw new IllegalArgumentException(
                    "the JWT roles claim must be a claim name or a dotted path, got '" + rolesClaim + "'");
        }
        if (publicKeyPem.isPresent()) {
            PublicKey key = PemKeys.parse(publicKeyPem.get());
            String family = key instanceof RSAPublicKey ? "RS" : key instanceof ECPublicKey ? "ES" : "";
            boolean usable = algorithms.stream()
                    .anyMatch(a -> a.startsWith(family) || (family.equals("RS") && a.startsWith("PS")));
            if (!usable) {
                throw new IllegalArgumentException("the JWT public key is " + key.getAlgorithm()
                        + " but the allowed algorithms (" + String.join(", ", algorithms) + ") cannot use it");
            }
        }
    }

    /** Tokens issued by {@code issuer}; RS256 and ES256, 30s clock skew, roles in {@code roles}; no key yet. */
    public static JwtConfig issuer(String issuer) {
        return new JwtConfig(
                issuer,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of("RS256", "ES256"),
                Duration.ofSeconds(30),
                "roles");
    }

    /** Tokens whose {@code aud} contains {@code value}. */
    public JwtConfig audience(String value) {
        return new JwtConfig(issuer, Optional.of(value), jwksUrl, publicKeyPem, algorithms, clockSkew, rolesClaim);
    }

    /** Verification keys from the JWKS at {@code url}. */
    public JwtConfig jwksUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("the JWKS URL is not a URL: " + url);
        }
        return new JwtConfig(issuer, audience, Optional.of(uri), publicKeyPem, algorithms, clockSkew, rolesClaim);
    }

    /** The verification key, PEM-encoded (a {@code PUBLIC KEY}, RSA or EC, or a {@code CERTIFICATE}). */
    public JwtConfig publicKeyPem(String pem) {
        return new JwtConfig(issuer, audience, jwksUrl, Optional.of(pem), algorithms, clockSkew, rolesClaim);
    }

    /** The accepted algorithms (RS256 … ES512). */
    public JwtConfig algorithms(String... values) {
        return new JwtConfig(issuer, audience, jwksUrl, publicKeyPem, List.of(values), clockSkew, rolesClaim);
    }

    public JwtConfig clockSkew(Duration value) {
        return new JwtConfig(issuer, audience, jwksUrl, publicKeyPem, algorithms, value, rolesClaim);
    }

    /** The claim (or dotted path) holding the roles. */
    public JwtConfig rolesClaim(String value) {
        return new JwtConfig(issuer, audience, jwksUrl, publicKeyPem, algorithms, clockSkew, value);
    }

    /** Whether a key source is set (a JWKS URL or a public key). */
    public boolean hasKeys() {
        return jwksUrl.isPresent() || publicKeyPem.isPresent();
    }
}
