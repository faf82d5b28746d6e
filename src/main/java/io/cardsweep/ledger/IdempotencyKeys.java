package io.cardsweep.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Derives the idempotency key from the instruction key: the same instruction always gets the same
 * key, in UUID version 4 form because providers ask for "a UUID v4". It guards against duplicate
 * delivery; it is never a licence to resend (Plu forgets keys after five minutes).
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    public static UUID forInstruction(String instructionKey) {
        return uuidFrom("cardsweep-idempotency:" + instructionKey);
    }

    /**
     * The key of the instruction's card termination: as deterministic, and never the withdrawal's, since a provider
     * that remembers keys (Plu) would take the termination for the withdrawal sent again.
     */
    public static UUID forTermination(String instructionKey) {
        return uuidFrom("cardsweep-termination:" + instructionKey);
    }

    private static UUID uuidFrom(String text) {
        byte[] hash = sha256(text.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x40); // version 4
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
        }
    }
}
