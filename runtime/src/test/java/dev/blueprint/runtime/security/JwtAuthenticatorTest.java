package dev.blueprint.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.blueprint.runtime.JwtConfig;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The verified-token cache: a signature is checked once, the claims on every request. */
class JwtAuthenticatorTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final KeyPair keys = ecKeys();
    private final AtomicReference<Instant> clock = new AtomicReference<>(T0);
    private final JwtAuthenticator authenticator = new JwtAuthenticator(
            JwtConfig.issuer("https://id.example.com/")
                    .audience("shop")
                    .publicKeyPem(pem(keys))
                    .algorithms("ES256")
                    .clockSkew(Duration.ofSeconds(10)),
            clock::get,
            100);

    @Test
    void aRememberedTokenIsStillRefusedOnceItExpires() throws Exception {
        String token = sign(T0.plusSeconds(60));
        assertThat(authenticator.verify(token).name()).isEqualTo("alice");
        assertThat(authenticator.verify(token).roles()).containsExactly("clerk");
        assertThat(authenticator.rememberedTokens()).isEqualTo(1);

        clock.set(T0.plusSeconds(71)); // past exp and the 10 s skew
        assertThatThrownBy(() -> authenticator.verify(token))
                .isInstanceOf(JwtAuthenticator.InvalidToken.class)
                .hasMessage("the token has expired");
    }

    @Test
    void onlyTheExactVerifiedTextIsRememberedAndRefusalsAreNot() throws Exception {
        String token = sign(T0.plusSeconds(60));
        authenticator.verify(token);
        int at = token.lastIndexOf('.') + 10; // a character inside the signature
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> authenticator.verify(tampered))
                    .isInstanceOf(JwtAuthenticator.InvalidToken.class)
                    .hasMessage("the token's signature is invalid");
        }
        assertThat(authenticator.rememberedTokens()).isEqualTo(1);
    }

    @Test
    void theMemoryIsBounded() throws Exception {
        for (int i = 0; i < 150; i++) {
            authenticator.verify(sign(T0.plusSeconds(600 + i)));
        }
        assertThat(authenticator.rememberedTokens()).isLessThanOrEqualTo(100);
    }

    private String sign(Instant expiry) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("https://id.example.com/")
                .audience("shop")
                .subject("alice")
                .expirationTime(Date.from(expiry))
                .claim("roles", List.of("clerk"))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
        jwt.sign(new ECDSASigner((ECPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
