package io.cardsweep.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.cardsweep.provider.CardMask;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes a user could give, and any header: the load either refuses the file with one sentence about it, or
 * decides every row with a reason naming its line; it never fails another way.
 */
class InputFilePropertyTests {

    private static final List<String> REQUIRED = List.of("instruction_id", "provider", "card_id", "amount", "reference");

    @Property(tries = 500)
    void refusesTheFileInOneSentenceOrDecidesEveryRow(@ForAll("anyInput") byte[] content) {
        // when
        BadInputFixture.Loaded loaded = BadInputFixture.load(content, 256);

        // then
        BadInputFixture.assertSound(loaded);
    }

    @Property(tries = 300)
    void refusesAHeaderWithoutEveryRequiredColumnOrWithOneTwiceNamingTheColumn(@ForAll("headers") List<String> names) {
        // given
        String header = String.join(",", names);
        Set<String> seen = new HashSet<>();
        List<String> repeated = names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).filter(n -> !n.isEmpty() && !seen.add(n)).toList();
        List<String> missing = REQUIRED.stream().filter(r -> !seen.contains(r)).toList();
        String row = "A-1,cartevo,6513270e-269e-4d37-b2a7-4de452e6b438,10.00,trip";

        // when
        BadInputFixture.Loaded loaded = BadInputFixture.load((header + "\r\n" + row + "\r\n").getBytes(StandardCharsets.UTF_8), 4096);

        // then
        BadInputFixture.assertSound(loaded);
        if (!repeated.isEmpty()) {
            assertThat(loaded.refusal()).isNotNull();
            assertThat(loaded.refusal().getMessage()).containsIgnoringCase("has the column '" + CardMask.redactCardNumbers(repeated.get(0)) + "' more than once");
        } else if (!missing.isEmpty()) {
            assertThat(loaded.refusal()).isNotNull();
            assertThat(loaded.refusal().getMessage()).contains(missing.stream().map(m -> "'" + m + "'").toList());
        } else {
            assertThat(loaded.refusal()).isNull();
            assertThat(loaded.rows()).hasSize(1);
        }
    }

    /** Random bytes; a header and random bytes; a header and text full of what CSV and people get wrong. */
    @Provide
    Arbitrary<byte[]> anyInput() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<String> awkward = Arbitraries.strings()
                .withChars(",,,,\"\r\n\t ;=+-@'\\\u0007\u001b\u00a0\u200b\u202e\ufeff\u2028éç中€").withCharRange('0', '9').withCharRange('a', 'f')
                .ofMaxLength(80).list().ofMaxSize(30).map(lines -> String.join("\n", lines));
        Arbitrary<String> headerLines = Arbitraries.of(GeneratedInstructions.header(), "instruction_id,provider,card_id,amount,reference",
                "\uFEFFinstruction_id,provider,card_id,amount,currency,reference", "4111111111111111,5204731600014792", "");
        return Arbitraries.frequencyOf(
                Tuple.of(1, bytes),
                Tuple.of(2, Combinators.combine(headerLines, bytes).as((header, tail) -> concat((header + "\n").getBytes(StandardCharsets.UTF_8), tail))),
                Tuple.of(4, Combinators.combine(headerLines, awkward, Arbitraries.of("\n", "\r\n", "\r"))
                        .as((header, text, end) -> (header + end + text).getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Combinators.combine(headerLines, awkward).as((header, text) -> (header + "\n" + text).getBytes(StandardCharsets.UTF_16LE))));
    }

    /** Headers from the known columns, in any order, case and spacing, with extras, blanks and repeats. */
    @Provide
    Arbitrary<List<String>> headers() {
        Arbitrary<String> known = Arbitraries.of(GeneratedInstructions.COLUMNS);
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(6, Combinators.combine(known, Arbitraries.of(true, false), Arbitraries.of("", " ", "  ")).as(
                        (column, upper, pad) -> pad + (upper ? column.toUpperCase(Locale.ROOT) : column) + pad)),
                Tuple.of(1, Arbitraries.of("notes", "employee", "", "amount2", "card id", "4111111111111111")));
        return name.list().ofMinSize(1).ofMaxSize(14).map(names -> new ArrayList<>(names));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
