package io.cardsweep.instruction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.cardsweep.provider.CardMask;
import io.cardsweep.provider.CardNumberSealer;
import io.cardsweep.provider.ProviderName;

/**
 * Replaces a card number with its {@link ProtectedCard} as soon as a row is accepted, for providers that
 * take card numbers (their adapters supply a sealer). Card ids that are not numbers pass unchanged.
 */
public final class CardNumberProtection {

    private static final Pattern CARD_NUMBER = Pattern.compile("[0-9]{12,19}");

    private final Map<ProviderName, CardNumberSealer> sealers;
    private final SecretKeySpec hashKey;

    public CardNumberProtection(Map<ProviderName, CardNumberSealer> sealers, String hashKey) {
        if (hashKey.length() < 16) {
            throw new IllegalArgumentException("the card hash key must be at least 16 characters");
        }
        this.sealers = Map.copyOf(sealers);
        this.hashKey = new SecretKeySpec(hashKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public Screening protect(Screening screening) {
        if (!(screening instanceof Screening.Accepted accepted)) {
            return screening;
        }
        Instruction instruction = accepted.instruction();
        CardNumberSealer sealer = sealers.get(instruction.provider());
        if (sealer == null || !isCardNumber(instruction.cardId())) {
            return screening;
        }
        String number = instruction.cardId();
        return accepted.protect(new ProtectedCard(CardMask.mask(number), hash(number), sealer.seal(number)));
    }

    public static boolean isCardNumber(String cardId) {
        return CARD_NUMBER.matcher(cardId).matches();
    }

    /** HMAC-SHA256 under the configured key: the same card gives the same hash, and nobody without the key can test guesses. */
    String hash(String cardNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(cardNumber.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", ex);
        }
    }
}
