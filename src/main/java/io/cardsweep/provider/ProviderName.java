package io.cardsweep.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The card providers cardsweep can withdraw from, named as in instructions and configuration. */
public enum ProviderName {

    PLU("Plu"), CARTEVO("Cartevo"), UNCASH("Uncash"), HTP("HTP"), NUEVE09("Nueve09");

    private final String displayName;

    ProviderName(String displayName) {
        this.displayName = displayName;
    }

    /** The provider's name as people write it, for messages. */
    public String displayName() {
        return displayName;
    }

    /** The lower-case name used in input files, properties and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProviderName> fromId(String id) {
        String wanted = id.strip();
        return Arrays.stream(values()).filter(p -> p.id().equalsIgnoreCase(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return id();
    }
}
