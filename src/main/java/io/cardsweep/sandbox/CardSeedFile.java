package io.cardsweep.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;

/**
 * Reads the card seed CSV ({@code provider,card_id,balance,status,currency}, optionally {@code user_id} for HTP
 * and {@code pan} for Nueve09). Columns are found by header
 * name so the file may reorder them; rows of providers this build does not know are skipped with a note,
 * so a newer seed file still starts an older sandbox. Seeds are ids and numbers only: no quoting needed.
 */
final class CardSeedFile {

    private static final System.Logger LOG = System.getLogger(CardSeedFile.class.getName());
    private static final List<String> COLUMNS = List.of("provider", "card_id", "balance", "status", "currency");
    private static final List<String> OPTIONAL_COLUMNS = List.of("user_id", "pan");

    private CardSeedFile() {
    }

    /**
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and line of the first malformed row
     */
    static CardBook read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cards file " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("cards file " + file + " is empty; expected header " + String.join(",", COLUMNS));
        }
        int[] index = columnIndexes(file, lines.get(0).replace("\uFEFF", ""));
        List<SandboxCard> cards = new ArrayList<>();
        int skipped = 0;
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            Optional<SandboxCard> card = parseRow(file, n + 1, lines.get(n).split(",", -1), index);
            if (card.isPresent()) {
                cards.add(card.get());
            } else {
                skipped++;
            }
        }
        if (skipped > 0) {
            LOG.log(Level.INFO, "skipped {0} card rows of unknown providers in {1}", skipped, file);
        }
        return CardBook.of(cards);
    }

    private static int[] columnIndexes(Path file, String header) {
        List<String> names = Arrays.stream(header.split(",", -1)).map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        int[] index = new int[COLUMNS.size() + OPTIONAL_COLUMNS.size()];
        for (int c = 0; c < OPTIONAL_COLUMNS.size(); c++) {
            index[COLUMNS.size() + c] = names.indexOf(OPTIONAL_COLUMNS.get(c));
        }
        for (int c = 0; c < COLUMNS.size(); c++) {
            index[c] = names.indexOf(COLUMNS.get(c));
            if (index[c] < 0) {
                throw new IllegalArgumentException("cards file " + file + " has no column '" + COLUMNS.get(c)
                        + "'; expected header " + String.join(",", COLUMNS));
            }
        }
        return index;
    }

    private static Optional<SandboxCard> parseRow(Path file, int lineNumber, String[] cells, int[] index) {
        String where = "cards file " + file + " line " + lineNumber;
        int needed = Arrays.stream(index, 0, COLUMNS.size()).max().orElseThrow() + 1;
        if (cells.length < needed) {
            throw new IllegalArgumentException(where + ": expected " + needed + " columns, found " + cells.length);
        }
        Optional<ProviderName> provider = ProviderName.fromId(cells[index[0]]);
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        String id = required(where, "card_id", cells[index[1]]);
        BigDecimal balance;
        try {
            balance = new BigDecimal(required(where, "balance", cells[index[2]]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": balance '" + cells[index[2]].strip() + "' is not a decimal number");
        }
        if (balance.signum() < 0) {
            throw new IllegalArgumentException(where + ": balance must not be negative");
        }
        return Optional.of(new SandboxCard(provider.get(), id, balance,
                required(where, "status", cells[index[3]]), required(where, "currency", cells[index[4]]),
                optional(cells, index[5]), optional(cells, index[6])));
    }

    private static @Nullable String optional(String[] cells, int index) {
        if (index < 0 || index >= cells.length || cells[index].isBlank()) {
            return null;
        }
        return cells[index].strip();
    }

    private static String required(String where, String column, String cell) {
        String value = cell.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + column + " is empty");
        }
        return value;
    }
}
