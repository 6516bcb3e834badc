package dev.blueprint.codegen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWTs for tests, made with the JDK alone (no JOSE library, so the service's verification is checked against an
 * independent signer): key pairs, their PEM public keys, and compact tokens signed, unsigned or tampered with.
 */
final class Jwts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {}

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 key pair, for ES256. */
    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN PUBLIC KEY-----}: the X.509 SubjectPublicKeyInfo, as identity providers publish it. */
    static String pem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** Claims a valid token for the secure shop carries: issuer, audience, subject, a five-minute life, roles. */
    static Map<String, Object> claims(String subject, List<String> roles) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://auth.example.com/");
        claims.put("aud", "secure-shop");
        claims.put("sub", subject);
        claims.put("iat", now);
        claims.put("nbf", now - 5);
        claims.put("exp", now + 300);
        claims.put("roles", roles);
        return claims;
    }

    /** A compact JWS signed with {@code alg} (RS256 or ES256) by {@code key}. */
    static String sign(String alg, PrivateKey key, Map<String, Object> claims) {
        String input = part(Map.of("alg", alg, "typ", "JWT")) + "." + part(claims);
        String algorithm = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            // JWS wants R || S (IEEE P1363), not the DER sequence the plain algorithm gives
            case "ES256" -> "SHA256withECDSAinP1363Format";
            default -> throw new IllegalArgumentException(alg);
        };
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: no signature at all. */
    static String unsigned(Map<String, Object> claims) {
        return part(Map.of("alg", "none", "typ", "JWT")) + "." + part(claims) + ".";
    }

    /**
     * HS256 keyed with {@code secret}: the algorithm-confusion attack, where the public key's PEM text serves as an
     * HMAC secret that a careless verifier would accept.
     */
    static String hs256(String secret, Map<String, Object> claims) {
        String input = part(Map.of("alg", "HS256", "typ", "JWT")) + "." + part(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return input + "." + URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with one bit of its signature flipped. */
    static String tamperedSignature(String token) {
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        signature[signature.length / 2] ^= 0x01;
        return token.substring(0, dot + 1) + URL.encodeToString(signature);
    }

    /** The token's signature on other claims (e.g. more roles): a payload changed after signing. */
    static String swappedClaims(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + part(claims) + "." + parts[2];
    }

    private static String part(Map<String, ?> json) {
        try {
            return URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
