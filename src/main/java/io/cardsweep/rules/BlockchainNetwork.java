package io.cardsweep.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The networks HTP pays out on, with the address format of each (the standard formats; HTP publishes none).
 * Names are matched without regard to case, since a file saying "trc20" means TRC20; the adapter sends upper case.
 */
enum BlockchainNetwork {

    TRC20(Pattern.compile("T[1-9A-HJ-NP-Za-km-z]{33}"), "T followed by 33 base58 characters"),
    ERC20(Pattern.compile("0x[0-9a-fA-F]{40}"), "0x followed by 40 hexadecimal digits");

    private final Pattern address;
    private final String addressFormat;

    BlockchainNetwork(Pattern address, String addressFormat) {
        this.address = address;
        this.addressFormat = addressFormat;
    }

    static Optional<BlockchainNetwork> of(String name) {
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(n -> n.name().equals(wanted)).findFirst();
    }

    boolean isAddress(String wallet) {
        return address.matcher(wallet).matches();
    }

    String addressFormat() {
        return addressFormat;
    }
}
