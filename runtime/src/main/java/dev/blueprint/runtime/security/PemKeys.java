package dev.blueprint.runtime.security;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM public key: {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo, RSA or EC) or
 * {@code -----BEGIN CERTIFICATE-----} (its public key). Escaped newlines ({@code \n}, as a PEM often arrives in an
 * environment variable) are accepted.
 */
public final class PemKeys {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemKeys() {}

    /** The public key in {@code pem}; IllegalArgumentException saying what is wrong. */
    public static PublicKey parse(String pem) {
        if (pem == null || pem.isBlank()) throw new IllegalArgumentException("the JWT public key is empty");
        String text = pem.replace("\\n", "\n").replace("\\r", "");
        Matcher block = BLOCK.matcher(text);
        if (!block.find())
            throw new IllegalArgumentException("the JWT public key is not PEM (no -----BEGIN PUBLIC KEY----- block)");
        String type = block.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(2).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWT public key's PEM block is not base64");
        }
        switch (type) {
            case "PUBLIC KEY":
                for (String algorithm : new String[] {"RSA", "EC"}) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                    } catch (GeneralSecurityException e) {
                        // try the next family
                    }
                }
                throw new IllegalArgumentException("the JWT public key is neither an RSA nor an EC public key");
            case "CERTIFICATE":
                try {
                    return CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der))
                            .getPublicKey();
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("the JWT public key's certificate cannot be read");
                }
            case "RSA PUBLIC KEY":
                throw new IllegalArgumentException(
                        "the JWT public key is PKCS#1 (BEGIN RSA PUBLIC KEY); give it as BEGIN PUBLIC KEY (openssl rsa -RSAPublicKey_in -pubout)");
            default:
                if (type.contains("PRIVATE"))
                    throw new IllegalArgumentException("the JWT public key is a private key; give the public key only");
                throw new IllegalArgumentException("the JWT public key is a PEM " + type + ", not a PUBLIC KEY");
        }
    }
}
