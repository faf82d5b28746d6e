package io.cardsweep.job;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;

/**
 * One of {@code count} slices of a run ({@code --shard index/count}), so that N pods of a Kubernetes Indexed Job
 * can split it: each takes the instructions whose card hashes to its index, so a card's withdrawals (and its
 * cooldown) stay with one pod. Rows without a card id go to shard 0, which reports them.
 */
public record Shard(int index, int count) {

    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("a shard is index/count with 0 <= index < count, not " + index + "/" + count);
        }
    }

    /** Parses {@code i/N}. */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a shard is written index/count, such as 0/2, not '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("a shard is written index/count, such as 0/2, not '" + text + "'");
        }
    }

    public boolean isWhole() {
        return count == 1;
    }

    /** Whether this shard takes the instruction for that card (CRC-32 of the card id as written, so every pod agrees). */
    public boolean takes(@Nullable String cardId) {
        if (count == 1) {
            return true;
        }
        if (cardId == null || cardId.isBlank()) {
            return index == 0;
        }
        CRC32 crc = new CRC32();
        crc.update(cardId.strip().getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % count == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
