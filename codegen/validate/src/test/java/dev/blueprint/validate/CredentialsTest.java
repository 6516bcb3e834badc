package dev.blueprint.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.blueprint.lang.check.Endpoint.Access;
import dev.blueprint.lang.settings.Configured;
import dev.blueprint.lang.settings.ServiceConfig.ApiClient;
import dev.blueprint.lang.settings.ServiceConfig.ApiKeys;
import dev.blueprint.lang.settings.ServiceConfig.Jwt;
import dev.blueprint.lang.settings.ServiceConfig.Security;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The keys validate makes for a secured blueprint and the credentials it presents. */
class CredentialsTest {

    private static final ApiKeys KEYS = new ApiKeys(
            "X-API-Key",
            List.of(
                    new ApiClient("desk", Configured.env("DESK_KEY", Optional.of("dev-key")), List.of("clerk")),
                    new ApiClient("admin", Configured.env("ADMIN_KEY", Optional.empty()), List.of("clerk", "admin")),
                    new ApiClient("fixed", Configured.literal("written-in-the-file"), List.of())));

    private static Jwt jwt(
            Optional<String> jwksUrl, Optional<Configured> publicKey, List<String> algorithms, String rolesClaim) {
        return new Jwt(
                "https://auth.example.com/",
                Optional.of("shop"),
                jwksUrl,
                publicKey,
                algorithms,
                Duration.ofSeconds(30),
                rolesClaim);
    }

    private static Security security(Optional<ApiKeys> keys, Optional<Jwt> jwt) {
        return new Security(List.of("clerk", "admin"), keys, jwt, Optional.empty(), Optional.empty());
    }

    @Test
    void everyApiClientFromEnvGetsAFreshKeyAndTheFallbackIsNotUsed() {
        Credentials first = Credentials.of(security(Optional.of(KEYS), Optional.empty()));
        Credentials second = Credentials.of(security(Optional.of(KEYS), Optional.empty()));
        assertThat(first.environment()).containsOnlyKeys("DESK_KEY", "ADMIN_KEY");
        assertThat(first.environment().get("DESK_KEY"))
                .isNotEqualTo("dev-key")
                .hasSizeGreaterThanOrEqualTo(40)
                .isNotEqualTo(second.environment().get("DESK_KEY"))
                .isNotEqualTo(first.environment().get("ADMIN_KEY"));
        // without tokens, the rule picks the client: any for the default rule, one holding a role for requires role(…)
        assertThat(first.forAccess(Access.anyOf(List.of("admin"))).orElseThrow().headers())
                .containsExactly(Map.entry("X-API-Key", first.environment().get("ADMIN_KEY")));
        assertThat(first.forAccess(Access.DEFAULT).orElseThrow().description()).isEqualTo("api key desk");
        assertThat(first.forAccess(Access.PUBLIC).orElseThrow().headers()).isEmpty();
        assertThat(first.lacking(Access.anyOf(List.of("admin"))).orElseThrow().description())
                .isEqualTo("api key desk");
        assertThat(first.apiClients()).hasSize(3);
        assertThat(first.apiClients().get(2).getValue().headers()).containsEntry("X-API-Key", "written-in-the-file");
        assertThat(first.problem()).isEmpty();
    }

    @Test
    void aRoleNoClientHoldsHasNoCredentialAndSaysWhy() {
        Credentials c = Credentials.of(security(Optional.of(KEYS), Optional.empty()));
        Access auditor = Access.anyOf(List.of("auditor"));
        assertThat(c.forAccess(auditor)).isEmpty();
        assertThat(c.whyNone(auditor))
                .isEqualTo("validate has no credential for requires role(\"auditor\"): no api_keys client holds "
                        + "the role \"auditor\" and there is no jwt");
    }

    @Test
    void es256IsPreferredAndTheTokensVerifyWithThePemInTheVariable() throws Exception {
        Credentials c = Credentials.of(security(
                Optional.empty(),
                Optional.of(jwt(
                        Optional.empty(),
                        Optional.of(Configured.env("JWT_PUBLIC_KEY", Optional.empty())),
                        List.of("RS256", "ES256"),
                        "roles"))));
        PublicKey key = publicKey(c.environment().get("JWT_PUBLIC_KEY"), "EC");
        SignedJWT token =
                bearer(c.forAccess(Access.anyOf(List.of("admin"))).orElseThrow().headers());
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(token.verify(new ECDSAVerifier((ECPublicKey) key))).isTrue();
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("validate");
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("https://auth.example.com/");
        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("shop");
        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("clerk", "admin");
        assertThat(token.getJWTClaimsSet().getExpirationTime()).isInTheFuture();
        SignedJWT none =
                bearer(c.lacking(Access.anyOf(List.of("admin"))).orElseThrow().headers());
        assertThat(none.verify(new ECDSAVerifier((ECPublicKey) key))).isTrue();
        assertThat(none.getJWTClaimsSet().getClaim("roles")).isNull();
        SignedJWT foreign = bearer(c.bad().get(0).headers());
        assertThat(foreign.verify(new ECDSAVerifier((ECPublicKey) key))).isFalse();
        assertThat(c.used())
                .singleElement()
                .satisfies(u -> assertThat(u.source())
                        .contains("ES256")
                        .contains("JWT_PUBLIC_KEY")
                        .doesNotContain("BEGIN"));
    }

    @Test
    void withoutEs256TheFirstRsaAlgorithmSignsAndADottedRolesClaimNests() throws Exception {
        Credentials c = Credentials.of(security(
                Optional.empty(),
                Optional.of(jwt(
                        Optional.empty(),
                        Optional.of(Configured.env("PEM", Optional.empty())),
                        List.of("PS256", "RS256"),
                        "realm_access.roles"))));
        PublicKey key = publicKey(c.environment().get("PEM"), "RSA");
        assertThat(((RSAPublicKey) key).getModulus().bitLength()).isEqualTo(2048);
        SignedJWT token = bearer(c.forAccess(Access.DEFAULT).orElseThrow().headers());
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThat(token.verify(new RSASSAVerifier((RSAPublicKey) key))).isTrue();
        assertThat(token.getJWTClaimsSet().getJSONObjectClaim("realm_access"))
                .containsEntry("roles", List.of("clerk", "admin"));
    }

    @Test
    void aJwksUrlLetsApiKeysStandInAndWithoutThemValidateCannotAuthenticate() {
        Jwt jwks = jwt(Optional.of("https://auth.example.com/jwks.json"), Optional.empty(), List.of("RS256"), "roles");
        Credentials withKeys = Credentials.of(security(Optional.of(KEYS), Optional.of(jwks)));
        assertThat(withKeys.problem()).isEmpty();
        assertThat(withKeys.canMintTokens()).isFalse();
        assertThat(withKeys.forAccess(Access.DEFAULT).orElseThrow().description())
                .isEqualTo("api key desk");
        assertThat(withKeys.bad())
                .extracting(Credentials.Credential::description)
                .containsExactly("an unknown api key");
        Credentials alone = Credentials.of(security(Optional.empty(), Optional.of(jwks)));
        assertThat(alone.problem())
                .hasValueSatisfying(p -> assertThat(p)
                        .startsWith("validate cannot authenticate: jwt takes its keys from "
                                + "jwks_url (https://auth.example.com/jwks.json) and there are no api_keys"));
        assertThat(alone.environment()).isEmpty();
    }

    private static SignedJWT bearer(Map<String, String> headers) throws Exception {
        String authorization = headers.get("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        return SignedJWT.parse(authorization.substring(7));
    }

    private static PublicKey publicKey(String pem, String algorithm) throws Exception {
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm)
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
