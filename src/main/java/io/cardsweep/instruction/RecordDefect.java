package io.cardsweep.instruction;

import java.util.Objects;

/**
 * Why a record of the source could not be read as written, although the file around it could: the rules reject
 * such a row before looking at any value.
 *
 * @param code machine-readable, stable across versions, e.g. {@code LINE_TOO_LONG}
 * @param description what is wrong and how to fix it, phrased to follow "line N: "
 */
public record RecordDefect(String code, String description) {

    public RecordDefect {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
    }
}
