package io.cardsweep.plan;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts per text (a card id, an instruction id) for a file of any length in little memory: each text is kept only as
 * the first 64 bits of its SHA-256, in an open-addressing table of two primitive arrays, about 24 bytes a text. Two of a
 * million texts share a fingerprint with a chance of about one in thirty million; a card number is never kept, not even
 * hashed, since the texts given are what the ledger keeps (a masked number). Not safe for use by several threads.
 */
final class Fingerprints {

    private final MessageDigest sha256;
    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int size;

    Fingerprints() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
        }
    }

    /** The value kept for {@code text}, 0 when none is. */
    int get(String text) {
        return values[slot(fingerprint(text))];
    }

    /** Keeps {@code value} (not 0) for {@code text}. */
    void put(String text, int value) {
        long key = fingerprint(text);
        int slot = slot(key);
        if (keys[slot] == 0) {
            keys[slot] = key;
            size++;
        }
        values[slot] = value;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    /** Adds one to the count kept for {@code text}. */
    void increment(String text) {
        put(text, get(text) + 1);
    }

    /** How many texts it keeps a value for. */
    long size() {
        return size;
    }

    /** How many texts have each count: of cards, how many have 1, 2, 3… instructions. */
    SortedMap<Integer, Long> histogram() {
        SortedMap<Integer, Long> histogram = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                histogram.merge(values[i], 1L, Long::sum);
            }
        }
        return histogram;
    }

    private long fingerprint(String text) {
        long key = ByteBuffer.wrap(sha256.digest(text.getBytes(StandardCharsets.UTF_8))).getLong();
        return key == 0 ? 1 : key; // 0 marks a free slot
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    @Override
    public String toString() {
        return "Fingerprints[" + size + " texts in " + keys.length + " slots]";
    }
}
