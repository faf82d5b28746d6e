package io.cardsweep.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;

/**
 * The RSA-2048 key pair of the sandbox's Nueve09: clients seal card numbers with the public half
 * (PKCS#1 v1.5, URL-safe Base64), the simulator opens them with the private half. Generated at every start and
 * never written anywhere, so no key material is checked in and a stale key shows up as "cannot decrypt".
 */
final class Nueve09Keys {

    private static final String TRANSFORMATION = "RSA/ECB/PKCS1Padding";

    private final KeyPair keys;

    private Nueve09Keys(KeyPair keys) {
        this.keys = keys;
    }

    static Nueve09Keys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new Nueve09Keys(generator.generateKeyPair());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("This Java runtime cannot generate an RSA-2048 key pair", ex);
        }
    }

    /** Base64 (standard alphabet) of the X.509 SubjectPublicKeyInfo DER. */
    String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The text sealed in {@code urlSafeBase64}, or empty when it is not Base64 or not sealed with this key. */
    Optional<String> open(String urlSafeBase64) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, keys.getPrivate());
            return Optional.of(new String(cipher.doFinal(Base64.getUrlDecoder().decode(urlSafeBase64)), StandardCharsets.US_ASCII));
        }
        catch (GeneralSecurityException | IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "Nueve09Keys[RSA-2048]";
    }
}
