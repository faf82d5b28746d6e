package io.cardsweep.provider.nueve09;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.crypto.Cipher;

/**
 * Seals 16-digit card numbers for Nueve09, which takes a PAN only encrypted with its RSA-2048 public key
 * (PKCS#1 v1.5) and written in the URL-safe Base64 alphabet. Sealing happens before a PAN reaches the ledger,
 * so the clear number lives only in the input file and in memory while it is read.
 * <p>
 * Decisions: the Base64 keeps its {@code =} padding ({@link Base64#getUrlEncoder()} as is), because Nueve09
 * documents the alphabet, not the padding, and a standard decoder accepts padded text while some refuse
 * unpadded text; a 2048-bit ciphertext is 256 bytes, 344 characters ending in {@code ==}. {@link #isPan}
 * checks the shape only (16 digits), not the Luhn digit: the card issuer owns that, and a wrongly refused
 * withdrawal is worse than one Nueve09 declines as "card not found".
 * Thread-safe: a {@link Cipher} is made per seal.
 */
public final class Nueve09CardNumbers {

    private static final Pattern PAN = Pattern.compile("[0-9]{16}");

    private static final String TRANSFORMATION = "RSA/ECB/PKCS1Padding";

    private static final int KEY_BITS = 2048;

    private final PublicKey publicKey;

    private Nueve09CardNumbers(PublicKey publicKey) {
        this.publicKey = publicKey;
    }

    /**
     * @param pemOrBase64Der a {@code -----BEGIN PUBLIC KEY-----} PEM block, or the Base64 of the X.509
     *        SubjectPublicKeyInfo DER (standard or URL-safe alphabet)
     * @throws IllegalArgumentException when the text is not an RSA-2048 public key in either form
     */
    public static Nueve09CardNumbers fromPublicKey(String pemOrBase64Der) {
        Objects.requireNonNull(pemOrBase64Der, "pemOrBase64Der");
        String base64 = pemOrBase64Der
                .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        if (base64.isEmpty()) {
            throw new IllegalArgumentException("The Nueve09 public key is empty: give the PEM block or its Base64 DER.");
        }
        byte[] der;
        try {
            der = (base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(base64);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("The Nueve09 public key is not Base64 (nor a PEM block around Base64).", ex);
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException("The Nueve09 public key is not an RSA public key in X.509 (SubjectPublicKeyInfo) form.", ex);
        }
        if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() != KEY_BITS) {
            throw new IllegalArgumentException("The Nueve09 public key must be RSA-2048, as Nueve09 documents.");
        }
        return new Nueve09CardNumbers(key);
    }

    /** True for exactly 16 ASCII digits, the only card numbers Nueve09 knows; no Luhn check (see the class note). */
    public static boolean isPan(String cardId) {
        return cardId != null && PAN.matcher(cardId).matches();
    }

    /**
     * The PAN encrypted for Nueve09. Padding is random, so two seals of one PAN differ: a sealed number cannot be
     * used to tell whether two rows name the same card.
     *
     * @throws IllegalArgumentException when {@code pan} is not 16 digits (the message never quotes it)
     */
    public String seal(String pan) {
        if (!isPan(pan)) {
            throw new IllegalArgumentException("Only a 16-digit card number can be sealed for Nueve09.");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, publicKey);
            return Base64.getUrlEncoder().encodeToString(cipher.doFinal(pan.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (GeneralSecurityException ex) {
            // RSA/ECB/PKCS1Padding is a transformation every Java runtime must provide.
            throw new IllegalStateException("This Java runtime cannot encrypt with " + TRANSFORMATION, ex);
        }
    }

    @Override
    public String toString() {
        return "Nueve09CardNumbers[RSA-" + KEY_BITS + ", " + TRANSFORMATION + "]";
    }
}
