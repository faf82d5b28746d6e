package io.cardsweep.job;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.cardsweep.instruction.VisibleText;
import io.cardsweep.provider.ProviderName;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * Instruction rows for the property tests: valid rows of each provider, and rows with exactly one thing wrong, each
 * knowing what the load must make of it. Only one thing is wrong in a row, so the rule that refuses it is known.
 */
final class GeneratedInstructions {

    static final List<String> COLUMNS = List.of("instruction_id", "provider", "card_id", "amount", "currency", "reference",
            "wallet_address", "network", "latitude", "longitude");

    /** The longest line the property tests read with; a generated valid row stays well below it. */
    static final int MAX_LINE_LENGTH = 4096;

    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SERVICE_CARD_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*-card-[a-z0-9]+");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /** Characters nobody sees; each makes an id, a card id or a reference unprintable. */
    private static final List<String> UNPRINTABLE = List.of("\u0007", "\u001b", "\u202e", "\u200b", "\u2028", "\ufeff", "\u0085", "\n", "\t", "\r\n");

    private GeneratedInstructions() {
    }

    /**
     * One data row as written in the file (without its line end) and what must become of it.
     *
     * @param rejectedField null when the row must be READY; else the field its rejection names ("record" for the row as a whole)
     * @param code the rejection's code when the test knows it exactly
     * @param cells the row's values as meant, for comparing an accepted instruction with them
     */
    record Row(String text, @Nullable String rejectedField, @Nullable String code, Map<String, String> cells) {

        boolean mustBeReady() {
            return rejectedField == null;
        }
    }

    static String header() {
        return String.join(",", COLUMNS);
    }

    /** Mostly valid rows, the rest with one field, the quoting or the line length wrong. */
    static Arbitrary<Row> rows() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, valid().flatMap(GeneratedInstructions::encoded)),
                Tuple.of(4, valid().flatMap(GeneratedInstructions::withOneFieldBroken)),
                Tuple.of(1, valid().flatMap(GeneratedInstructions::withWrongFieldCount)),
                Tuple.of(1, valid().flatMap(GeneratedInstructions::withStrayQuote)),
                Tuple.of(1, valid().flatMap(GeneratedInstructions::withLineTooLong)));
    }

    /** A valid row's values by column, for any of the five providers. */
    static Arbitrary<Map<String, String>> valid() {
        return Arbitraries.oneOf(
                withCard(ProviderName.CARTEVO, uuid(), amount("1.00", "99999.99"), "USD", reference(0)),
                withCard(ProviderName.UNCASH, uuid(), amount("1.00", "10000.00"), "USD", reference(0)),
                withCard(ProviderName.PLU, serviceCardId(), amount("5.00", "10000.00"), "USD", reference(1)),
                htp(),
                nueve09());
    }

    private static Arbitrary<Map<String, String>> withCard(ProviderName provider, Arbitrary<String> card, Arbitrary<String> amount,
            String currency, Arbitrary<String> reference) {
        return Combinators.combine(instructionId(), providerSpelling(provider), card, amount, Arbitraries.of(currency, ""), reference)
                .as((id, name, cardId, sum, cur, ref) -> cells(id, name, cardId, sum, cur, ref));
    }

    private static Arbitrary<Map<String, String>> htp() {
        Arbitrary<String[]> destination = Arbitraries.oneOf(
                Arbitraries.strings().withChars(BASE58).ofLength(33).map(s -> new String[] {"T" + s, "TRC20"}),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(40).map(s -> new String[] {"0x" + s, "ERC20"}));
        return Combinators.combine(withCard(ProviderName.HTP, uuid(), amount("1.01", "99999.99"), "USD", reference(0)), destination,
                Arbitraries.of(true, false)).as((cells, wallet, lowerCase) -> {
                    cells.put("wallet_address", wallet[0]);
                    cells.put("network", lowerCase ? wallet[1].toLowerCase() : wallet[1]);
                    return cells;
                });
    }

    private static Arbitrary<Map<String, String>> nueve09() {
        Arbitrary<String> card = Arbitraries.oneOf(uuid(), Arbitraries.strings().numeric().ofLength(16));
        Arbitrary<String> latitude = Arbitraries.bigDecimals().between(new BigDecimal("-90"), new BigDecimal("90")).ofScale(5)
                .map(BigDecimal::toPlainString);
        Arbitrary<String> longitude = Arbitraries.bigDecimals().between(new BigDecimal("-180"), new BigDecimal("180")).ofScale(5)
                .map(BigDecimal::toPlainString);
        return Combinators.combine(withCard(ProviderName.NUEVE09, card, amount("0.01", "99999.99"), "MXN", reference(0)), latitude, longitude)
                .as((cells, lat, lon) -> {
                    cells.put("latitude", lat);
                    cells.put("longitude", lon);
                    return cells;
                });
    }

    /** Any printable text: ids may repeat, which only the ledger refuses, not the load step's decision per row. */
    private static Arbitrary<String> instructionId() {
        return printable(1, 60).filter(s -> !s.isBlank());
    }

    private static Arbitrary<String> providerSpelling(ProviderName provider) {
        return Combinators.combine(Arbitraries.of("", " ", "\t", "  "), Arbitraries.of(provider.id(), provider.id().toUpperCase(),
                provider.displayName()), Arbitraries.of("", " ", "\t")).as((before, name, after) -> before + name + after);
    }

    private static Arbitrary<String> uuid() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.of(true, false))
                .as((most, least, upper) -> upper ? new UUID(most, least).toString().toUpperCase() : new UUID(most, least).toString());
    }

    private static Arbitrary<String> serviceCardId() {
        Arbitrary<String> part = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(12);
        return Combinators.combine(part, part).as((slug, uid) -> slug + "-card-" + uid);
    }

    /** Amounts as people write them: with or without cents, sometimes with leading zeros. */
    private static Arbitrary<String> amount(String min, String max) {
        return Combinators.combine(Arbitraries.bigDecimals().between(new BigDecimal(min), new BigDecimal(max)).ofScale(2),
                Arbitraries.of("", "0", "00"), Arbitraries.of(true, false))
                .as((value, zeros, trimmed) -> zeros + (trimmed && value.stripTrailingZeros().scale() >= 0
                        ? value.stripTrailingZeros().toPlainString() : value.toPlainString()));
    }

    private static Arbitrary<String> reference(int minLength) {
        return printable(minLength, 200).filter(s -> minLength == 0 || !s.isBlank());
    }

    /** Printable text, with what CSV must quote (commas, quotes) and what spreadsheets evaluate (=, +, -, @). */
    static Arbitrary<String> printable(int min, int max) {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("áéñçøß€£¥中文日本語한국어عربيةעברית\u00a0").withChars(",\"=+-@;")
                .ofMinLength(min).ofMaxLength(max);
    }

    private static Map<String, String> cells(String id, String provider, String card, String amount, String currency, String reference) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            cells.put(column, "");
        }
        cells.put("instruction_id", id);
        cells.put("provider", provider);
        cells.put("card_id", card);
        cells.put("amount", amount);
        cells.put("currency", currency);
        cells.put("reference", reference);
        return cells;
    }

    private static Arbitrary<Row> encoded(Map<String, String> cells) {
        return Arbitraries.of(true, false).map(quoteAll -> new Row(encode(cells.values(), quoteAll), null, null, cells));
    }

    private static Arbitrary<Row> withOneFieldBroken(Map<String, String> cells) {
        String provider = cells.get("provider").strip().toLowerCase();
        Arbitrary<String[]> broken = Arbitraries.oneOf(
                brokenInstructionId().map(v -> new String[] {"instruction_id", v}),
                brokenProvider().map(v -> new String[] {"provider", v}),
                brokenCardId(provider, cells.get("card_id")).map(v -> new String[] {"card_id", v}),
                brokenAmount(cells.get("amount")).map(v -> new String[] {"amount", v}),
                brokenCurrency(provider.equals("nueve09") ? "MXN" : "USD").map(v -> new String[] {"currency", v}),
                brokenReference(cells.get("reference")).map(v -> new String[] {"reference", v}));
        return Combinators.combine(broken, Arbitraries.of(true, false)).as((field, quoteAll) -> {
            Map<String, String> changed = new LinkedHashMap<>(cells);
            changed.put(field[0], field[1]);
            return new Row(encode(changed.values(), quoteAll), field[0], null, changed);
        });
    }

    private static Arbitrary<Row> withWrongFieldCount(Map<String, String> cells) {
        return Arbitraries.of(true, false).map(extra -> {
            List<String> values = new ArrayList<>(cells.values());
            if (extra) {
                values.add("x");
            } else {
                values.remove(values.size() - 1);
            }
            return new Row(encode(values, false), "record", "FIELD_COUNT_MISMATCH", cells);
        });
    }

    /** A bare quote inside a value written unquoted, as a hand-edited file has it ({@code 5" screen}). */
    private static Arbitrary<Row> withStrayQuote(Map<String, String> cells) {
        return Arbitraries.strings().withChars("abcxyz 0123456789").ofMinLength(1).ofMaxLength(20).map(text -> {
            Map<String, String> changed = new LinkedHashMap<>(cells);
            List<String> written = new ArrayList<>();
            for (Map.Entry<String, String> cell : changed.entrySet()) {
                written.add(cell.getKey().equals("reference") ? "x" + text + "\"" + text : quoted(cell.getValue(), false));
            }
            return new Row(String.join(",", written), "record", "QUOTE_MISPLACED", changed);
        });
    }

    /** The reference padded, quoted or not, so the line passes the limit. */
    private static Arbitrary<Row> withLineTooLong(Map<String, String> cells) {
        return Combinators.combine(Arbitraries.integers().between(MAX_LINE_LENGTH + 1, 3 * MAX_LINE_LENGTH), Arbitraries.of(true, false))
                .as((length, quoteAll) -> {
                    Map<String, String> changed = new LinkedHashMap<>(cells);
                    changed.put("reference", "r".repeat(length));
                    return new Row(encode(changed.values(), quoteAll), "record", "LINE_TOO_LONG", changed);
                });
    }

    private static Arbitrary<String> brokenInstructionId() {
        return Arbitraries.oneOf(Arbitraries.of("", "   ", "\t"), printable(129, 300).filter(s -> s.strip().codePointCount(0, s.strip().length()) > 128),
                unprintableInside(printable(1, 20).filter(s -> !s.isBlank())));
    }

    private static Arbitrary<String> brokenProvider() {
        return Arbitraries.oneOf(Arbitraries.of("", " ", "visa", "cartevo\u00a0", "car tevo", "plu2"),
                printable(1, 30).filter(s -> !s.isBlank() && ProviderName.fromId(s).isEmpty()));
    }

    private static Arbitrary<String> brokenCardId(String provider, String valid) {
        Pattern form = provider.equals("plu") ? SERVICE_CARD_ID : UUID_FORM;
        Arbitrary<String> malformed = printable(1, 60).filter(s -> !s.isBlank() && !form.matcher(s.strip()).matches()
                && !(provider.equals("nueve09") && s.strip().matches("[0-9]{16}")));
        return Arbitraries.oneOf(Arbitraries.of("", "  "), malformed, unprintableInside(Arbitraries.just(valid)));
    }

    private static Arbitrary<String> brokenAmount(String valid) {
        return Arbitraries.oneOf(
                Arbitraries.of("", "0", "0.00", "-" + valid, "1e3", "1,000.00", "0x10", "NaN", "Infinity", "١٢٣", "$10",
                        "10 USD", ".5", "+5", "1000000000000", "9".repeat(40), "12.345"),
                Arbitraries.strings().all().excludeChars('\u0000').ofMinLength(1).ofMaxLength(20).filter(s -> !s.isBlank() && !PLAIN_DECIMAL.matcher(s.strip()).matches()),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(3)
                        .filter(v -> v.stripTrailingZeros().scale() > 2).map(BigDecimal::toPlainString));
    }

    private static Arbitrary<String> brokenCurrency(String currency) {
        return Arbitraries.oneOf(Arbitraries.of("usd", "US", "EUR", "US$", "MXN", "USD", "DOLLAR").filter(c -> !c.equals(currency)),
                printable(1, 10).filter(s -> !s.isBlank() && !s.strip().equals(currency)));
    }

    private static Arbitrary<String> brokenReference(String valid) {
        return Arbitraries.oneOf(printable(257, 400).filter(s -> s.strip().codePointCount(0, s.strip().length()) > 256),
                unprintableInside(Arbitraries.just(valid.isBlank() ? "trip" : valid)));
    }

    /** The text with an unprintable character somewhere that {@code strip()} does not remove. */
    private static Arbitrary<String> unprintableInside(Arbitrary<String> text) {
        return Combinators.combine(text, Arbitraries.of(UNPRINTABLE), Arbitraries.integers().between(0, 1000)).as((value, bad, at) -> {
            String core = value.strip();
            int position = core.isEmpty() ? 0 : 1 + at % core.length();
            String result = "x" + core.substring(0, Math.min(position, core.length())) + bad + core.substring(Math.min(position, core.length())) + "x";
            return result.codePoints().anyMatch(c -> !VisibleText.isPrintable(c)) ? result : result + "\u0007";
        });
    }

    /** RFC 4180: quoted when it must be (comma, quote, line break, surrounding blanks), or always. */
    static String encode(Iterable<String> values, boolean quoteAll) {
        List<String> written = new ArrayList<>();
        for (String value : values) {
            written.add(quoted(value, quoteAll));
        }
        return String.join(",", written);
    }

    private static String quoted(String value, boolean always) {
        boolean must = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return must || always ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
