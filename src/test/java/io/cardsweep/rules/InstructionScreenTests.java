package io.cardsweep.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.RecordDefect;
import io.cardsweep.instruction.Screening;
import io.cardsweep.provider.ProviderName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class InstructionScreenTests {

    private static final String CARD = "6513270e-269e-4d37-b2a7-4de452e6b438";

    private final InstructionScreen screen = new InstructionScreen(EnumSet.of(ProviderName.CARTEVO, ProviderName.UNCASH));

    @Nested
    class Accepting {

        @Test
        void acceptsValidRowKeepingAmountScale() {
            // given
            InstructionRow row = row(14, Map.of(InstructionField.AMOUNT, " 65.50 "));

            // when
            Screening screening = screen.screen(row);

            // then
            assertThat(screening).isInstanceOfSatisfying(Screening.Accepted.class, accepted -> {
                Instruction instruction = accepted.instruction();
                assertThat(instruction.line()).isEqualTo(14);
                assertThat(instruction.instructionId()).isEqualTo("PD-1");
                assertThat(instruction.provider()).isEqualTo(ProviderName.CARTEVO);
                assertThat(instruction.cardId()).isEqualTo(CARD);
                assertThat(instruction.amount()).isEqualByComparingTo("65.5");
                assertThat(instruction.amount().scale()).isEqualTo(2);
                assertThat(instruction.currency()).isEqualTo("USD");
                assertThat(instruction.reference()).isEqualTo("trip 1000");
            });
        }

        @Test
        void defaultsCurrencyToTheProvidersAndAcceptsEmptyReference() {
            // given
            InstructionRow row = row(3, Map.of(InstructionField.CURRENCY, "", InstructionField.REFERENCE, " "));

            // when
            Screening screening = screen.screen(row);

            // then
            assertThat(screening).isInstanceOfSatisfying(Screening.Accepted.class, accepted -> {
                assertThat(accepted.instruction().currency()).isEqualTo("USD");
                assertThat(accepted.instruction().reference()).isNull();
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"12.5", "1", "10000.00", "0001.10"})
        void acceptsPlainDecimalsWithinUncashLimits(String amount) {
            // given
            InstructionRow row = row(2, Map.of(InstructionField.PROVIDER, "uncash", InstructionField.AMOUNT, amount));

            // when / then
            assertThat(screen.screen(row)).isInstanceOf(Screening.Accepted.class);
        }

        @Test
        void acceptsProviderNameInAnyCase() {
            assertThat(screen.screen(row(2, Map.of(InstructionField.PROVIDER, " Cartevo ")))).isInstanceOf(Screening.Accepted.class);
        }
    }

    @Nested
    class RequiredValues {

        @ParameterizedTest
        @EnumSource(value = InstructionField.class, names = {"INSTRUCTION_ID", "PROVIDER", "CARD_ID", "AMOUNT"})
        void rejectsMissingRequiredValue(InstructionField field) {
            // given
            InstructionRow row = row(5, Map.of(field, "  "));

            // when
            Screening screening = screen.screen(row);

            // then
            assertRejected(screening, field.column(), "MISSING_VALUE", "line 5: " + field.column() + " is missing");
        }

        @Test
        void rejectsEmptyInstructionId() {
            assertRejected(screen.screen(row(6, Map.of(InstructionField.INSTRUCTION_ID, ""))),
                    "instruction_id", "MISSING_VALUE", "line 6: instruction_id is missing");
        }

        @Test
        void rejectsInstructionIdLongerThan128Characters() {
            assertRejected(screen.screen(row(7, Map.of(InstructionField.INSTRUCTION_ID, "x".repeat(129)))),
                    "instruction_id", "INSTRUCTION_ID_TOO_LONG", "line 7: instruction_id 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is longer than 128 characters");
        }

        @Test
        void rejectsInstructionIdWithControlCharacters() {
            assertRejected(screen.screen(row(7, Map.of(InstructionField.INSTRUCTION_ID, "PD\u0007-1"))),
                    "instruction_id", "INSTRUCTION_ID_NOT_PRINTABLE", "line 7: instruction_id 'PD\\u0007-1' contains characters that are not printable");
        }

        @Test
        void namesTheColumnAsMapped() {
            // given
            InstructionScreen mapped = new InstructionScreen(ScreenSettings.of(EnumSet.of(ProviderName.CARTEVO))
                    .withColumns(ColumnMapping.defaults().withOverrides(Map.of("card_id", "card_token"))));

            // when
            Screening screening = mapped.screen(row(8, Map.of(InstructionField.CARD_ID, "")));

            // then
            assertRejected(screening, "card_token", "MISSING_VALUE", "line 8: card_token is missing");
        }
    }

    @Nested
    class RecordShape {

        @Test
        void rejectsRecordWithMoreFieldsThanTheHeader() {
            // given
            Map<InstructionField, String> values = valid();
            values.put(InstructionField.AMOUNT, "1");
            values.put(InstructionField.CURRENCY, "000");
            InstructionRow row = new InstructionRow(9, values, 7, 6);

            // when
            Screening screening = screen.screen(row);

            // then
            assertRejected(screening, InstructionScreen.WHOLE_RECORD, "FIELD_COUNT_MISMATCH",
                    "line 9: the record has 7 fields where the header has 6 columns; a value that contains a comma must be quoted");
        }

        @Test
        void rejectsRecordWithFewerFieldsThanTheHeader() {
            // given
            Map<InstructionField, String> values = valid();
            values.remove(InstructionField.REFERENCE);
            InstructionRow row = new InstructionRow(10, values, 5, 6);

            // when / then
            assertRejected(screen.screen(row), "record", "FIELD_COUNT_MISMATCH",
                    "line 10: the record has 5 fields where the header has 6 columns");
        }
    }

    @Nested
    class Defects {

        @Test
        void rejectsARecordTheReaderCouldNotReadBeforeLookingAtItsValues() {
            // given
            InstructionRow row = new InstructionRow(4, Map.of(), 0, 6, new RecordDefect("LINE_TOO_LONG",
                    "the line is 70000 characters long, more than the limit of 65536 for one line; nothing of the record was read"));

            // when / then
            assertRejected(screen.screen(row), "record", "LINE_TOO_LONG",
                    "line 4: the line is 70000 characters long, more than the limit of 65536 for one line; nothing of the record was read");
        }
    }

    @Nested
    class InvisibleCharacters {

        @Test
        void rejectsCardIdWithZeroWidthSpaceNamingTheCharacterNotTheId() {
            assertRejected(screen.screen(row(9, Map.of(InstructionField.CARD_ID, "6513270e\u200b-269e-4d37-b2a7-4de452e6b438"))),
                    "card_id", "CARD_ID_NOT_PRINTABLE", "line 9: card_id contains a character that is not printable, \\u200b at position 9");
        }

        @Test
        void rejectsCardIdWithNoBreakSpace() {
            assertRejected(screen.screen(row(9, Map.of(InstructionField.CARD_ID, CARD + "\u00a0"))),
                    "card_id", "CARD_ID_NOT_PRINTABLE", "line 9: card_id contains a character that is not printable, \\u00a0 at position 37");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ring\u0007", "esc\u001b[2J", "trip\u202Egpj.exe", "two\nlines", "tab\there", "zero\u200bwidth"})
        void rejectsReferenceWithControlFormatOrDirectionCharacters(String reference) {
            // when
            Screening screening = screen.screen(row(10, Map.of(InstructionField.REFERENCE, reference)));

            // then
            assertThat(screening).isInstanceOfSatisfying(Screening.Rejected.class, rejected -> {
                assertThat(rejected.code()).isEqualTo("REFERENCE_NOT_PRINTABLE");
                assertThat(rejected.reason()).startsWith("line 10: reference '").containsPattern("contains a character that is not printable, \\\\(u[0-9a-f]{4}|n|t) at position [0-9]+$")
                        .doesNotContain("\n", "\t", "\u202E", "\u001b");
            });
        }

        @Test
        void acceptsReferenceWithAccentsNoBreakSpaceAndOtherScripts() {
            assertThat(screen.screen(row(10, Map.of(InstructionField.REFERENCE, "vi\u00e1tico 10\u00a0\u20ac Bogot\u00e1 \u65c5\u8cbb"))))
                    .isInstanceOf(Screening.Accepted.class);
        }

        @Test
        void showsANoBreakSpaceThatMakesAProviderUnknown() {
            assertRejected(screen.screen(row(3, Map.of(InstructionField.PROVIDER, "cartevo\u00a0"))), "provider", "UNKNOWN_PROVIDER",
                    "line 3: provider 'cartevo\\u00a0' is not one of plu, cartevo, uncash, htp, nueve09");
        }

        @Test
        void showsADirectionOverrideInAQuotedValueSoTheReasonReadsAsWritten() {
            assertRejected(screen.screen(row(3, Map.of(InstructionField.AMOUNT, "\u202E05.01"))), "amount", "AMOUNT_NOT_PLAIN_DECIMAL",
                    "line 3: amount '\\u202e05.01' is not a plain decimal number such as 12.50");
        }
    }

    @Nested
    class Providers {

        @Test
        void rejectsUnknownProvider() {
            assertRejected(screen.screen(row(3, Map.of(InstructionField.PROVIDER, "visa"))),
                    "provider", "UNKNOWN_PROVIDER", "line 3: provider 'visa' is not one of plu, cartevo, uncash, htp, nueve09");
        }

        @Test
        void rejectsKnownProviderThisRunHasNoConnectionFor() {
            assertRejected(screen.screen(row(4, Map.of(InstructionField.PROVIDER, "htp"))),
                    "provider", "PROVIDER_NOT_SUPPORTED", "line 4: provider 'htp' is not configured for this run (configured: cartevo, uncash)");
        }

        @Test
        void appliesOnlyCommonRulesToProvidersWithoutRuleSet() {
            // given
            InstructionScreen withPlu = new InstructionScreen(EnumSet.of(ProviderName.PLU));

            // when
            Screening screening = withPlu.screen(row(2, Map.of(InstructionField.PROVIDER, "plu", InstructionField.CARD_ID, "acme-card-xyz789jkl012mno")));

            // then
            assertThat(screening).isInstanceOf(Screening.Accepted.class);
        }
    }

    @Nested
    class Amounts {

        @ParameterizedTest
        @ValueSource(strings = {"1e3", "NaN", "1,000", "+5", ".5", "5.", "12.50 USD", "Infinity", "0x10", "１２"})
        void rejectsAmountThatIsNotPlainDecimal(String amount) {
            assertRejected(screen.screen(row(11, Map.of(InstructionField.AMOUNT, amount))),
                    "amount", "AMOUNT_NOT_PLAIN_DECIMAL", "line 11: amount '" + amount + "' is not a plain decimal number such as 12.50");
        }

        @Test
        void rejectsNegativeAmount() {
            assertRejected(screen.screen(row(12, Map.of(InstructionField.AMOUNT, "-5"))),
                    "amount", "AMOUNT_NOT_POSITIVE", "line 12: amount '-5' is not greater than zero");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "000"})
        void rejectsZeroAmount(String amount) {
            assertRejected(screen.screen(row(13, Map.of(InstructionField.AMOUNT, amount))),
                    "amount", "AMOUNT_NOT_POSITIVE", "line 13: amount '" + amount + "' is not greater than zero");
        }

        @Test
        void rejectsAmountWithThreeDecimals() {
            assertRejected(screen.screen(row(14, Map.of(InstructionField.AMOUNT, "12.345"))),
                    "amount", "AMOUNT_TOO_MANY_DECIMALS", "line 14: amount '12.345' has more than 2 decimal places");
        }

        @Test
        void rejectsCartevoAmountBelowOne() {
            assertRejected(screen.screen(row(15, Map.of(InstructionField.AMOUNT, "0.99"))),
                    "amount", "AMOUNT_BELOW_MINIMUM", "line 15: amount '0.99' is below the cartevo minimum of 1.00");
        }

        @Test
        void rejectsUncashAmountBelowOne() {
            assertRejected(screen.screen(row(16, Map.of(InstructionField.PROVIDER, "uncash", InstructionField.AMOUNT, "0.50"))),
                    "amount", "AMOUNT_BELOW_MINIMUM", "line 16: amount '0.50' is below the uncash minimum of 1.00");
        }

        @Test
        void rejectsUncashAmountAboveTenThousand() {
            assertRejected(screen.screen(row(17, Map.of(InstructionField.PROVIDER, "uncash", InstructionField.AMOUNT, "10000.01"))),
                    "amount", "AMOUNT_ABOVE_MAXIMUM", "line 17: amount '10000.01' is above the uncash maximum of 10000.00");
        }

        @Test
        void acceptsCartevoAmountAboveTenThousand() {
            assertThat(screen.screen(row(18, Map.of(InstructionField.AMOUNT, "25000.00")))).isInstanceOf(Screening.Accepted.class);
        }
    }

    @Nested
    class CardIds {

        @Test
        void rejectsMalformedCartevoCardId() {
            assertRejected(screen.screen(row(9, Map.of(InstructionField.CARD_ID, "not-a-card"))),
                    "card_id", "CARD_ID_MALFORMED", "line 9: card_id 'not-****card' is not a UUID, which cartevo card ids are");
        }

        @Test
        void rejectsMalformedUncashCardId() {
            assertRejected(screen.screen(row(9, Map.of(InstructionField.PROVIDER, "uncash", InstructionField.CARD_ID, "1-1-1-1-1"))),
                    "card_id", "CARD_ID_MALFORMED", "line 9: card_id '1-1-****-1-1' is not a UUID, which uncash card ids are");
        }

        @Test
        void masksACardNumberPutWhereTheCardIdBelongs() {
            assertRejected(screen.screen(row(9, Map.of(InstructionField.CARD_ID, "4111111111111111"))),
                    "card_id", "CARD_ID_MALFORMED", "line 9: card_id '****1111' is not a UUID, which cartevo card ids are");
        }
    }

    @Nested
    class Currencies {

        @ParameterizedTest
        @ValueSource(strings = {"usd", "US", "DOLLAR", "$"})
        void rejectsInvalidCurrency(String currency) {
            assertRejected(screen.screen(row(20, Map.of(InstructionField.CURRENCY, currency))),
                    "currency", "CURRENCY_INVALID", "line 20: currency '" + currency + "' is not a currency code of 3 upper-case letters such as USD");
        }

        @Test
        void rejectsCurrencyOtherThanTheProviders() {
            assertRejected(screen.screen(row(21, Map.of(InstructionField.CURRENCY, "MXN"))),
                    "currency", "CURRENCY_NOT_SUPPORTED", "line 21: currency 'MXN' is not the currency of cartevo cards, which is USD");
        }

        @Test
        void usesTheConfiguredProviderCurrency() {
            // given
            InstructionScreen inEuros = new InstructionScreen(ScreenSettings.of(EnumSet.of(ProviderName.CARTEVO))
                    .withCurrency(ProviderName.CARTEVO, "EUR"));

            // when
            Screening screening = inEuros.screen(row(2, Map.of(InstructionField.CURRENCY, "")));

            // then
            assertThat(screening).isInstanceOfSatisfying(Screening.Accepted.class,
                    accepted -> assertThat(accepted.instruction().currency()).isEqualTo("EUR"));
        }
    }

    @Nested
    class References {

        @Test
        void rejectsReferenceLongerThan256Characters() {
            assertRejected(screen.screen(row(22, Map.of(InstructionField.REFERENCE, "r".repeat(257)))),
                    "reference", "REFERENCE_TOO_LONG", "line 22: reference '" + "r".repeat(40) + "…' is 257 characters long, more than the 256 allowed");
        }

        @Test
        void showsNewlinesInQuotedValuesSoTheReasonStaysOneLine() {
            // given
            InstructionRow row = row(23, Map.of(InstructionField.INSTRUCTION_ID, "a\nb\u0000"));

            // when
            Screening screening = screen.screen(row);

            // then
            assertThat(screening).isInstanceOfSatisfying(Screening.Rejected.class,
                    rejected -> assertThat(rejected.reason()).doesNotContain("\n").contains("'a\\nb\\u0000'"));
        }
    }

    @Nested
    class FullBalance {

        private final InstructionScreen sweep = new InstructionScreen(ScreenSettings.of(EnumSet.allOf(ProviderName.class)).withSweep(true, false));

        @ParameterizedTest
        @ValueSource(strings = {"ALL", "all", " All ", ""})
        void anEmptyAmountOrAllAsksForTheWholeBalanceWhereTheJobSweepsThem(String amount) {
            assertThat(sweep.screen(row(5, Map.of(InstructionField.AMOUNT, amount)))).isInstanceOfSatisfying(Screening.Accepted.class, accepted -> {
                assertThat(accepted.instruction().fullBalance()).isTrue();
                assertThat(accepted.instruction().amount()).isNull();
                assertThat(accepted.instruction().amountText()).isEqualTo("ALL");
            });
        }

        @Test
        void aJobThatMovesGivenAmountsRefusesAllAndAMissingAmount() {
            assertRejected(screen.screen(row(6, Map.of(InstructionField.AMOUNT, "ALL"))), "amount", "FULL_BALANCE_NOT_ALLOWED",
                    "line 6: amount 'ALL' (the card's whole balance) is not allowed by this job (full-balance: false)");
            assertRejected(screen.screen(row(7, Map.of(InstructionField.AMOUNT, ""))), "amount", "MISSING_VALUE", "line 7: amount is missing");
        }

        @Test
        void aPluCardsWholeBalanceIsReclaimedOnlyByTerminatingIt() {
            Map<InstructionField, String> plu = Map.of(InstructionField.PROVIDER, "plu", InstructionField.CARD_ID, "acme-card-xyz789",
                    InstructionField.AMOUNT, "ALL");
            assertRejected(sweep.screen(row(8, plu)), "amount", "FULL_BALANCE_UNREADABLE", "line 8: amount asks for the card's whole balance,"
                    + " which Plu cannot tell: Plu cards are swept by termination only (terminate: true)");
            InstructionScreen terminating = new InstructionScreen(ScreenSettings.of(EnumSet.allOf(ProviderName.class)).withSweep(true, true));
            assertThat(terminating.screen(row(8, plu))).isInstanceOf(Screening.Accepted.class);
        }

        @Test
        void anAmountGivenInASweepIsStillHeldToTheProvidersBounds() {
            assertRejected(sweep.screen(row(9, Map.of(InstructionField.AMOUNT, "0.50"))), "amount", "AMOUNT_BELOW_MINIMUM",
                    "line 9: amount '0.50' is below the cartevo minimum of 1.00");
        }

        @Test
        void whatMayBeWithdrawnIsTheBalanceInCentsWithinTheProvidersBounds() {
            InstructionScreen htpFee = new InstructionScreen(ScreenSettings.of(EnumSet.allOf(ProviderName.class)).withHtpFee(new BigDecimal("1.00")));
            AmountBounds plu = htpFee.amountBounds(ProviderName.PLU);
            AmountBounds uncash = htpFee.amountBounds(ProviderName.UNCASH);
            AmountBounds htp = htpFee.amountBounds(ProviderName.HTP);
            AmountBounds nueve09 = htpFee.amountBounds(ProviderName.NUEVE09);

            assertThat(plu.withdrawable(new BigDecimal("4.99"))).isEmpty();
            assertThat(plu.withdrawable(new BigDecimal("5.00"))).contains(new BigDecimal("5.00"));
            assertThat(plu.withdrawable(new BigDecimal("12000.00"))).contains(new BigDecimal("10000"));
            assertThat(uncash.withdrawable(new BigDecimal("12.349"))).contains(new BigDecimal("12.34"));
            assertThat(uncash.withdrawable(new BigDecimal("0.99"))).isEmpty();
            assertThat(htp.withdrawable(new BigDecimal("1.00"))).isEmpty();
            assertThat(htp.withdrawable(new BigDecimal("1.01"))).contains(new BigDecimal("1.01"));
            assertThat(htp.smallest()).isEqualTo("more than the fee of 1.00");
            assertThat(nueve09.withdrawable(new BigDecimal("0.009"))).isEmpty();
            assertThat(nueve09.withdrawable(new BigDecimal("0.01"))).contains(new BigDecimal("0.01"));
            assertThat(nueve09.withdrawable(BigDecimal.ZERO)).isEmpty();
            assertThat(nueve09.withdrawable(new BigDecimal("-3.00"))).isEmpty();
        }
    }

    private static Map<InstructionField, String> valid() {
        Map<InstructionField, String> values = new EnumMap<>(InstructionField.class);
        values.put(InstructionField.INSTRUCTION_ID, "PD-1");
        values.put(InstructionField.PROVIDER, "cartevo");
        values.put(InstructionField.CARD_ID, CARD);
        values.put(InstructionField.AMOUNT, "111.75");
        values.put(InstructionField.CURRENCY, "USD");
        values.put(InstructionField.REFERENCE, "trip 1000");
        return values;
    }

    @Nested
    class Coordinates {

        @Test
        void acceptsCoordinatesWithFiveDecimalsWithinRange() {
            assertThat(screen.screen(row(4, Map.of(InstructionField.LATITUDE, "-90.00000", InstructionField.LONGITUDE, "179.99999"))))
                    .isInstanceOf(Screening.Accepted.class);
        }

        @Test
        void rejectsLatitudeOutsideMinusNinetyToNinety() {
            assertRejected(screen.screen(row(4, Map.of(InstructionField.LATITUDE, "91.5"))),
                    "latitude", "COORDINATE_OUT_OF_RANGE", "line 4: latitude '91.5' is outside -90 to 90");
        }

        @Test
        void rejectsLongitudeThatTheLedgerCouldNotHold() {
            assertRejected(screen.screen(row(4, Map.of(InstructionField.LONGITUDE, "1800.5"))),
                    "longitude", "COORDINATE_INVALID", "line 4: longitude '1800.5' is not a decimal number with at most 5 places, such as -99.13321");
        }

        @Test
        void rejectsCoordinatesWithMoreThanFiveDecimals() {
            assertRejected(screen.screen(row(4, Map.of(InstructionField.LATITUDE, "19.4326077"))),
                    "latitude", "COORDINATE_INVALID", "line 4: latitude '19.4326077' is not a decimal number with at most 5 places, such as -99.13321");
        }
    }

    @Nested
    class Plu {

        private static final String PLU_CARD = "acme-card-xyz789jkl012mno";

        private final InstructionScreen pluScreen = new InstructionScreen(EnumSet.of(ProviderName.PLU));

        private Screening screenPlu(long line, Map<InstructionField, String> changes) {
            Map<InstructionField, String> values = new EnumMap<>(Map.of(InstructionField.PROVIDER, "plu", InstructionField.CARD_ID, PLU_CARD));
            values.putAll(changes);
            return pluScreen.screen(row(line, values));
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "5.00", "123.45", "10000", "10000.00"})
        void acceptsServiceCardIdWithAmountWithinFiveToTenThousand(String amount) {
            // when
            Screening screening = screenPlu(2, Map.of(InstructionField.AMOUNT, amount));

            // then
            assertThat(screening).isInstanceOfSatisfying(Screening.Accepted.class, accepted -> {
                assertThat(accepted.instruction().cardId()).isEqualTo(PLU_CARD);
                assertThat(accepted.instruction().reference()).isEqualTo("trip 1000");
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"a-card-1", "acme-corp-card-0a1b2c", "acme-card-xyz789jkl012mno"})
        void acceptsServiceCardIdsWithAnySlug(String cardId) {
            assertThat(screenPlu(2, Map.of(InstructionField.CARD_ID, cardId))).isInstanceOf(Screening.Accepted.class);
        }

        @Test
        void rejectsUuidAsPluCardId() {
            assertRejected(screenPlu(9, Map.of(InstructionField.CARD_ID, CARD)), "card_id", "CARD_ID_MALFORMED",
                    "line 9: card_id '6513****b438' is not a service card id such as acme-card-xyz789jkl012mno, which plu card ids are");
        }

        @Test
        void rejectsCardIdWithoutCardSegment() {
            assertRejected(screenPlu(9, Map.of(InstructionField.CARD_ID, "acme-xyz789jkl012mno")), "card_id", "CARD_ID_MALFORMED",
                    "line 9: card_id 'acme****2mno' is not a service card id such as acme-card-xyz789jkl012mno, which plu card ids are");
        }

        @Test
        void rejectsCardIdInUpperCase() {
            assertRejected(screenPlu(9, Map.of(InstructionField.CARD_ID, "ACME-CARD-XYZ789")), "card_id", "CARD_ID_MALFORMED",
                    "line 9: card_id 'ACME****Z789' is not a service card id such as acme-card-xyz789jkl012mno, which plu card ids are");
        }

        @Test
        void rejectsAmountBelowFive() {
            assertRejected(screenPlu(15, Map.of(InstructionField.AMOUNT, "4.99")), "amount", "AMOUNT_BELOW_MINIMUM",
                    "line 15: amount '4.99' is below the plu minimum of 5");
        }

        @Test
        void rejectsAmountAboveTenThousand() {
            assertRejected(screenPlu(16, Map.of(InstructionField.AMOUNT, "10000.01")), "amount", "AMOUNT_ABOVE_MAXIMUM",
                    "line 16: amount '10000.01' is above the plu maximum of 10000");
        }

        @Test
        void rejectsMissingReference() {
            assertRejected(screenPlu(22, Map.of(InstructionField.REFERENCE, "  ")), "reference", "REFERENCE_REQUIRED",
                    "line 22: reference is missing, and plu requires a reference of 1 to 256 characters");
        }

        @Test
        void rejectsRowWithoutReferenceColumn() {
            // given
            Map<InstructionField, String> values = valid();
            values.put(InstructionField.PROVIDER, "plu");
            values.put(InstructionField.CARD_ID, PLU_CARD);
            values.remove(InstructionField.REFERENCE);

            // when
            Screening screening = pluScreen.screen(new InstructionRow(23, values));

            // then
            assertRejected(screening, "reference", "REFERENCE_REQUIRED",
                    "line 23: reference is missing, and plu requires a reference of 1 to 256 characters");
        }

        @Test
        void acceptsReferenceOfExactly256Characters() {
            assertThat(screenPlu(24, Map.of(InstructionField.REFERENCE, "r".repeat(256)))).isInstanceOf(Screening.Accepted.class);
        }

        @Test
        void rejectsReferenceLongerThan256Characters() {
            assertRejected(screenPlu(25, Map.of(InstructionField.REFERENCE, "r".repeat(257))), "reference", "REFERENCE_TOO_LONG",
                    "line 25: reference '" + "r".repeat(40) + "…' is 257 characters long, more than the 256 allowed");
        }

        @Test
        void checksCardIdBeforeAmountAndReference() {
            assertRejected(screenPlu(26, Map.of(InstructionField.CARD_ID, "card-1", InstructionField.AMOUNT, "1", InstructionField.REFERENCE, "")),
                    "card_id", "CARD_ID_MALFORMED",
                    "line 26: card_id '****-1' is not a service card id such as acme-card-xyz789jkl012mno, which plu card ids are");
        }
    }

    @Nested
    class Nueve09 {

        private static final String PAN = "5204731600014792";

        private final ScreenSettings settings = ScreenSettings.of(EnumSet.of(ProviderName.NUEVE09));

        private final InstructionScreen nueve09 = new InstructionScreen(settings);

        private final InstructionScreen withDefault = new InstructionScreen(settings.withDefaultLocation(
                new ScreenSettings.Location(new BigDecimal("19.43260"), new BigDecimal("-99.13321"))));

        @Test
        void acceptsCardUuidWithCoordinatesInPesos() {
            // given
            InstructionRow row = nueve09Row(Map.of(InstructionField.LATITUDE, "19.4326", InstructionField.LONGITUDE, "-99.13321"));

            // when
            Screening screening = nueve09.screen(row);

            // then
            assertThat(screening).isInstanceOfSatisfying(Screening.Accepted.class, accepted -> {
                assertThat(accepted.instruction().provider()).isEqualTo(ProviderName.NUEVE09);
                assertThat(accepted.instruction().currency()).isEqualTo("MXN");
                assertThat(accepted.instruction().latitude()).isEqualByComparingTo("19.4326");
                assertThat(accepted.instruction().longitude()).isEqualByComparingTo("-99.13321");
            });
        }

        @Test
        void acceptsSixteenDigitCardNumber() {
            assertThat(nueve09.screen(nueve09Row(Map.of(InstructionField.CARD_ID, PAN, InstructionField.LATITUDE, "0",
                    InstructionField.LONGITUDE, "0")))).isInstanceOf(Screening.Accepted.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"520473160001479", "52047316000147920", "5204-7316-0001-4792", "not-a-card"})
        void rejectsCardIdThatIsNeitherUuidNorCardNumberQuotingItMasked(String cardId) {
            // given
            InstructionRow row = nueve09Row(Map.of(InstructionField.CARD_ID, cardId, InstructionField.LATITUDE, "0",
                    InstructionField.LONGITUDE, "0"));

            // when
            Screening screening = nueve09.screen(row);

            // then
            assertThat(screening).isInstanceOfSatisfying(Screening.Rejected.class, rejected -> {
                assertThat(rejected.code()).isEqualTo("CARD_ID_MALFORMED");
                assertThat(rejected.field()).isEqualTo("card_id");
                assertThat(rejected.reason()).doesNotContain(cardId)
                        .endsWith(" is neither a UUID nor a 16-digit card number, which nueve09 card ids are");
            });
        }

        @Test
        void rejectsRowWithoutLocationWhenNoDefaultIsConfigured() {
            assertRejected(nueve09.screen(nueve09Row(Map.of())), "latitude", "LOCATION_REQUIRED",
                    "line 5: latitude is missing: nueve09 withdrawals need the caller's location in latitude and longitude, "
                            + "or a configured default location");
        }

        @Test
        void namesTheCoordinateColumnsAsMapped() {
            // given
            ColumnMapping columns = ColumnMapping.defaults().withOverrides(Map.of("latitude", "lat", "longitude", "lng"));
            InstructionScreen mapped = new InstructionScreen(settings.withColumns(columns));

            // when / then
            assertRejected(mapped.screen(nueve09Row(Map.of(InstructionField.LONGITUDE, "-99.1"))), "lat", "LOCATION_REQUIRED",
                    "line 5: lat is missing while lng is given: give both coordinates or neither");
        }

        @Test
        void rejectsLatitudeWithoutLongitude() {
            assertRejected(nueve09.screen(nueve09Row(Map.of(InstructionField.LATITUDE, "19.4"))), "longitude", "LOCATION_REQUIRED",
                    "line 5: longitude is missing while latitude is given: give both coordinates or neither");
        }

        @Test
        void rejectsHalfALocationEvenWithDefaultConfigured() {
            assertRejected(withDefault.screen(nueve09Row(Map.of(InstructionField.LATITUDE, "19.4"))), "longitude", "LOCATION_REQUIRED",
                    "line 5: longitude is missing while latitude is given: give both coordinates or neither");
        }

        @Test
        void usesTheDefaultLocationForRowWithoutCoordinates() {
            // when
            Screening screening = withDefault.screen(nueve09Row(Map.of()));

            // then
            assertThat(screening).isInstanceOfSatisfying(Screening.Accepted.class, accepted -> {
                assertThat(accepted.instruction().latitude()).isEqualTo(new BigDecimal("19.43260"));
                assertThat(accepted.instruction().longitude()).isEqualTo(new BigDecimal("-99.13321"));
            });
        }

        @Test
        void keepsTheRowsOwnCoordinatesOverTheDefault() {
            // when
            Screening screening = withDefault.screen(nueve09Row(Map.of(InstructionField.LATITUDE, "-33.5", InstructionField.LONGITUDE, "151")));

            // then
            assertThat(screening).isInstanceOfSatisfying(Screening.Accepted.class, accepted -> {
                assertThat(accepted.instruction().latitude()).isEqualByComparingTo("-33.5");
                assertThat(accepted.instruction().longitude()).isEqualByComparingTo("151");
            });
        }

        @Test
        void leavesOtherProvidersWithoutCoordinatesEvenWithDefaultConfigured() {
            // given
            InstructionScreen both = new InstructionScreen(ScreenSettings.of(EnumSet.of(ProviderName.CARTEVO, ProviderName.NUEVE09))
                    .withDefaultLocation(new ScreenSettings.Location(BigDecimal.ONE, BigDecimal.ONE)));

            // when / then
            assertThat(both.screen(row(5, Map.of()))).isInstanceOfSatisfying(Screening.Accepted.class,
                    accepted -> assertThat(accepted.instruction().latitude()).isNull());
        }

        @Test
        void stillChecksCoordinateRangeBeforeTheLocationRule() {
            assertRejected(nueve09.screen(nueve09Row(Map.of(InstructionField.LATITUDE, "-90.00001", InstructionField.LONGITUDE, "0"))),
                    "latitude", "COORDINATE_OUT_OF_RANGE", "line 5: latitude '-90.00001' is outside -90 to 90");
        }

        private InstructionRow nueve09Row(Map<InstructionField, String> changes) {
            Map<InstructionField, String> values = new EnumMap<>(InstructionField.class);
            values.put(InstructionField.PROVIDER, "nueve09");
            values.put(InstructionField.CURRENCY, "");
            values.putAll(changes);
            return row(5, values);
        }
    }

    @Nested
    class Htp {

        static final String TRC20_WALLET = "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf";
        static final String ERC20_WALLET = "0x52908400098527886E0F7030069857D2E4169EE7";

        private final InstructionScreen htpScreen = new InstructionScreen(ScreenSettings.of(EnumSet.of(ProviderName.HTP))
                .withHtpFee(new BigDecimal("1.00")));

        @Test
        void acceptsTrc20Withdrawal() {
            // when
            Screening screening = htpScreen.screen(htpRow(Map.of()));

            // then
            assertThat(screening).isInstanceOfSatisfying(Screening.Accepted.class, accepted -> {
                assertThat(accepted.instruction().walletAddress()).isEqualTo(TRC20_WALLET);
                assertThat(accepted.instruction().network()).isEqualTo("TRC20");
            });
        }

        @Test
        void acceptsErc20WithdrawalWithNetworkInAnyCase() {
            assertThat(htpScreen.screen(htpRow(Map.of(InstructionField.NETWORK, "erc20", InstructionField.WALLET_ADDRESS, ERC20_WALLET))))
                    .isInstanceOf(Screening.Accepted.class);
        }

        @Test
        void rejectsMalformedCardId() {
            assertRejected(htpScreen.screen(htpRow(Map.of(InstructionField.CARD_ID, "card-12345"))),
                    "card_id", "CARD_ID_MALFORMED", "line 30: card_id 'card****2345' is not a UUID, which htp card ids are");
        }

        @Test
        void rejectsMissingNetwork() {
            assertRejected(htpScreen.screen(htpRow(Map.of(InstructionField.NETWORK, " "))),
                    "network", "MISSING_VALUE", "line 30: network is missing, and htp withdrawals need TRC20 or ERC20");
        }

        @Test
        void rejectsUnsupportedNetwork() {
            assertRejected(htpScreen.screen(htpRow(Map.of(InstructionField.NETWORK, "BEP20"))),
                    "network", "NETWORK_NOT_SUPPORTED", "line 30: network 'BEP20' is not TRC20 or ERC20, the networks htp pays out on");
        }

        @Test
        void rejectsMissingWalletAddress() {
            assertRejected(htpScreen.screen(htpRow(Map.of(InstructionField.WALLET_ADDRESS, ""))),
                    "wallet_address", "MISSING_VALUE", "line 30: wallet_address is missing, and htp withdrawals need the wallet to pay to");
        }

        @ParameterizedTest
        @ValueSource(strings = {"TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeB", "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAe0f", "AXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf"})
        void rejectsWalletThatIsNotATrc20Address(String wallet) {
            assertRejected(htpScreen.screen(htpRow(Map.of(InstructionField.WALLET_ADDRESS, wallet))),
                    "wallet_address", "WALLET_ADDRESS_INVALID",
                    "line 30: wallet_address '" + wallet + "' is not a valid TRC20 address (T followed by 33 base58 characters)");
        }

        @Test
        void rejectsErc20WalletOnTrc20ShowingItShortened() {
            assertRejected(htpScreen.screen(htpRow(Map.of(InstructionField.WALLET_ADDRESS, ERC20_WALLET))),
                    "wallet_address", "WALLET_ADDRESS_INVALID", "line 30: wallet_address '0x52908400098527886E0F7030069857D2E4169E…' "
                            + "is not a valid TRC20 address (T followed by 33 base58 characters)");
        }

        @Test
        void rejectsTrc20WalletOnErc20() {
            assertRejected(htpScreen.screen(htpRow(Map.of(InstructionField.NETWORK, "ERC20"))),
                    "wallet_address", "WALLET_ADDRESS_INVALID",
                    "line 30: wallet_address '" + TRC20_WALLET + "' is not a valid ERC20 address (0x followed by 40 hexadecimal digits)");
        }

        @Test
        void rejectsErc20WalletWithTooFewDigits() {
            assertRejected(htpScreen.screen(htpRow(Map.of(InstructionField.NETWORK, "ERC20", InstructionField.WALLET_ADDRESS, "0x1234"))),
                    "wallet_address", "WALLET_ADDRESS_INVALID",
                    "line 30: wallet_address '0x1234' is not a valid ERC20 address (0x followed by 40 hexadecimal digits)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.00", "0.50", "1"})
        void rejectsAmountNotAboveTheFee(String amount) {
            assertRejected(htpScreen.screen(htpRow(Map.of(InstructionField.AMOUNT, amount))),
                    "amount", "AMOUNT_NOT_ABOVE_FEE", "line 30: amount '" + amount + "' is not above the htp fee of 1.00");
        }

        @Test
        void acceptsAmountJustAboveTheFee() {
            assertThat(htpScreen.screen(htpRow(Map.of(InstructionField.AMOUNT, "1.01")))).isInstanceOf(Screening.Accepted.class);
        }

        @Test
        void rejectsAmountWithThreeDecimalsByTheCommonRule() {
            assertRejected(htpScreen.screen(htpRow(Map.of(InstructionField.AMOUNT, "50.001"))),
                    "amount", "AMOUNT_TOO_MANY_DECIMALS", "line 30: amount '50.001' has more than 2 decimal places");
        }

        private InstructionRow htpRow(Map<InstructionField, String> changes) {
            Map<InstructionField, String> values = new EnumMap<>(InstructionField.class);
            values.put(InstructionField.PROVIDER, "htp");
            values.put(InstructionField.AMOUNT, "50.00");
            values.put(InstructionField.WALLET_ADDRESS, TRC20_WALLET);
            values.put(InstructionField.NETWORK, "TRC20");
            values.putAll(changes);
            return row(30, values);
        }
    }

    private static InstructionRow row(long line, Map<InstructionField, String> changes) {
        Map<InstructionField, String> values = valid();
        values.putAll(changes);
        return new InstructionRow(line, values, values.size(), values.size());
    }

    private static void assertRejected(Screening screening, String field, String code, String reason) {
        assertThat(screening).isInstanceOfSatisfying(Screening.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(code);
            assertThat(rejected.field()).isEqualTo(field);
            assertThat(rejected.reason()).isEqualTo(reason);
        });
    }
}
