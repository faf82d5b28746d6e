package io.cardsweep.logging;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogRedactionTests {

    /** Passes the Luhn check, as every issued card number does. */
    static final String PAN = "4111111111111111";
    /** One digit off: fails it. */
    static final String NOT_LUHN = "4111111111111112";

    final LogRedaction redaction = new LogRedaction(List.of("configured-key-for-tests", "pass\"word\\9"));

    @Nested
    class CardNumbers {

        @Test
        void masksACardNumberToItsLastFourWhereverItIsInTheLine() {
            assertThat(redaction.redact("card " + PAN + " declined")).isEqualTo("card ****1111 declined");
            assertThat(redaction.redact(PAN)).isEqualTo("****1111");
            assertThat(redaction.redact("/cards/" + PAN + "/withdraw")).isEqualTo("/cards/****1111/withdraw");
            assertThat(redaction.redact("{\"pan\":\"" + PAN + "\"}")).isEqualTo("{\"pan\":\"****1111\"}");
        }

        @Test
        void masksACardNumberWrittenInGroupsWithSpacesOrDashes() {
            assertThat(redaction.redact("card 4111 1111 1111 1111, again")).isEqualTo("card ****1111, again");
            assertThat(redaction.redact("card 4111-1111-1111-1111")).isEqualTo("card ****1111");
            assertThat(redaction.redact("amex 3782 822463 10005")).isEqualTo("amex ****0005");
        }

        @Test
        void masksACardNumberThatStartsALineOfAJsonString() {
            assertThat(redaction.redact("{\"stack_trace\":\"refused:\\n" + PAN + "\\n\\tat x\"}"))
                    .isEqualTo("{\"stack_trace\":\"refused:\\n****1111\\n\\tat x\"}");
        }

        @Test
        void masksACardNumberBesideOtherNumbers() {
            assertThat(redaction.redact("amount 100 " + PAN)).isEqualTo("amount 100 ****1111");
            assertThat(redaction.redact(PAN + " " + PAN)).isEqualTo("****1111 ****1111");
        }

        @Test
        void masksEveryLengthFromThirteenToNineteenDigits() {
            assertThat(redaction.redact("4222222222222")).isEqualTo("****2222");
            assertThat(redaction.redact("6304000000000000000")).isEqualTo("****0000");
        }

        @Test
        void leavesNumbersThatAreNoCardNumberReadable() {
            List<String> kept = List.of(
                    "transaction " + NOT_LUHN,                         // fails the Luhn check
                    "id 411111111111",                                 // 12 digits
                    "id 41111111111111111111",                         // 20 digits
                    "amount 1234.56 MXN, balance 7211.00",             // amounts
                    "at 2026-11-03T06:00:01.123456789Z",               // a timestamp
                    "card 6513270e-269e-4d37-b2a7-4de452e6b438",       // a card UUID
                    "withdrawal 00000000-0000-4000-8000-000000000000", // a UUID whose groups are digits
                    "card ****1111 was masked already");
            for (String line : kept) {
                assertThat(redaction.redact(line)).isEqualTo(line);
            }
        }

        @Test
        void passesLuhnForValidNumbersOnly() {
            assertThat(LogRedaction.passesLuhn(PAN)).isTrue();
            assertThat(LogRedaction.passesLuhn("79927398713")).isTrue();
            assertThat(LogRedaction.passesLuhn(NOT_LUHN)).isFalse();
            assertThat(LogRedaction.passesLuhn("79927398710")).isFalse();
        }
    }

    @Nested
    class Secrets {

        @Test
        void masksAConfiguredSecretAsItIsAndAsJsonEscapesIt() {
            assertThat(redaction.redact("key configured-key-for-tests refused")).isEqualTo("key [REDACTED] refused");
            assertThat(redaction.redact("{\"message\":\"pw pass\\\"word\\\\9\"}")).isEqualTo("{\"message\":\"pw [REDACTED]\"}");
        }

        @Test
        void ignoresConfiguredValuesTooShortToSearchFor() {
            assertThat(new LogRedaction(List.of("abc")).redact("abc def")).isEqualTo("abc def");
        }

        @Test
        void masksTheValueOfASecretNamedField() {
            assertThat(redaction.redact("api_key=abc123&x=1")).isEqualTo("api_key=[REDACTED]&x=1");
            assertThat(redaction.redact("{\"client_key\":\"ck-1\",\"password\": \"pw-2\"}"))
                    .isEqualTo("{\"client_key\":\"[REDACTED]\",\"password\": \"[REDACTED]\"}");
            assertThat(redaction.redact("{\"message\":\"body {\\\"access_token\\\":\\\"tok-3\\\"}\"}"))
                    .isEqualTo("{\"message\":\"body {\\\"access_token\\\":\\\"[REDACTED]\\\"}\"}");
            assertThat(redaction.redact("agentSecret: s-4, pin=1234")).isEqualTo("agentSecret: [REDACTED], pin=[REDACTED]");
        }

        @Test
        void masksBearerAndBasicCredentials() {
            assertThat(redaction.redact("Authorization: Bearer eyJhbGciOi.payload.sig")).isEqualTo("Authorization: Bearer [REDACTED]");
            assertThat(redaction.redact("Authorization: Basic dXNlcjpwYXNz")).isEqualTo("Authorization: Basic [REDACTED]");
        }

        @Test
        void leavesWordsThatOnlySoundLikeSecretsAlone() {
            List<String> kept = List.of("the Cartevo token expired; renewing", "basic checks passed", "spin=3", "tokens: 3",
                    "password [REDACTED] was masked already");
            for (String line : kept) {
                assertThat(redaction.redact(line)).isEqualTo(line);
            }
        }
    }

    /** The scans that spare a line the patterns: they may let a line through to them needlessly, never skip one they would change. */
    @Nested
    class Prefilters {

        @Test
        void aLineIsSearchedForCardNumbersOnlyWhenItHoldsThirteenDigitsInOneRunOfGroups() {
            assertThat(LogRedaction.mayHoldACardNumber("card " + PAN)).isTrue();
            assertThat(LogRedaction.mayHoldACardNumber("4111 1111 1111 1111")).isTrue();
            assertThat(LogRedaction.mayHoldACardNumber("4111-1111-1111-1")).isTrue();
            assertThat(LogRedaction.mayHoldACardNumber("\\n" + PAN)).isTrue();
            // a timestamp, an amount, a masked card, groups broken by two spaces or another character
            assertThat(LogRedaction.mayHoldACardNumber("2026-11-21 18:59:01.234 INFO plu PD-2026-11-0025 card acme****ujf9 amount 59.00 USD"))
                    .isFalse();
            assertThat(LogRedaction.mayHoldACardNumber("4111  1111 1111 1111")).isFalse();
            assertThat(LogRedaction.mayHoldACardNumber("411111.1111111111")).isFalse();
            assertThat(LogRedaction.mayHoldACardNumber("411111111111")).isFalse();
        }

        @Test
        void aLineIsSearchedForNamedCredentialsOnlyWhenItHoldsAWordTheyStartWith() {
            for (String line : List.of("api_key=abc", "X-Api-KEY: abc", "Password: x", "token=abc", "pin=1234", "Authorization: Bearer x",
                    "authorization: basic x", "client_secret=x")) {
                assertThat(LogRedaction.mayNameACredential(line)).as(line).isTrue();
            }
            assertThat(LogRedaction.mayNameACredential("plu PD-2026-11-0025 card acme****ujf9 amount 59.00 USD: OK confirmed")).isFalse();
        }
    }
}
