package io.cardsweep.reconcile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Plu webhook exports as partners keep them: JSON Lines of the documented envelope, or CSV of its data fields. */
class PluEventsFileTests {

    @TempDir
    Path dir;

    @Test
    void readsJsonLinesSkippingOtherEventsAndReportingLinesItCannotRead() throws Exception {
        Path file = write("events.jsonl", """
                {"event":"wallet.deposit.card-withdrawal","timestamp":"2026-11-20T22:01:02Z","data":{"serviceCardId":"acme-card-1","serviceTransactionId":"tx-1","amount":25.00,"fee":0.50,"netAmount":24.50,"currency":"USD","reference":"trip 1"}}

                {"event":"card.created","data":{"serviceCardId":"acme-card-2"}}
                {"event":"wallet.deposit.card-withdrawal","data":{"serviceCardId":"acme-card-3","amount":10}}
                {"event":"wallet.deposit.card-withdrawal","data":{"serviceCardId":"acme-card-4","serviceTransactionId":"tx-4","amount":"ten","reference":"r"}}
                not json
                """);

        PluEventsFile.Contents contents = PluEventsFile.read(file);

        assertThat(contents.events()).containsExactly(new PluEventsFile.Event(1, "trip 1", "acme-card-1", "tx-1", new java.math.BigDecimal("25.00"),
                new java.math.BigDecimal("0.50"), new java.math.BigDecimal("24.50"), java.time.Instant.parse("2026-11-20T22:01:02Z")));
        assertThat(contents.problems()).containsExactly(
                "line 4: a card-withdrawal event needs reference, serviceCardId and serviceTransactionId",
                "line 5: amount, fee or netAmount is not a number",
                "line 6: not a JSON object (Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))");
    }

    @Test
    void readsCsvWithDataColumnsInAnyCaseAndPrefix() throws Exception {
        Path file = write("events.csv", """
                event,timestamp,data.serviceCardId,data.serviceTransactionId,DATA.AMOUNT,data.fee,data.netAmount,data.currency,data.reference
                wallet.deposit.card-withdrawal,2026-11-20T22:01:02Z,acme-card-1,tx-1,25.00,0.50,24.50,USD,"trip 1, Lisbon"
                card.frozen,2026-11-20T22:01:03Z,acme-card-2,,,,,,
                """);

        PluEventsFile.Contents contents = PluEventsFile.read(file);

        assertThat(contents.problems()).isEmpty();
        assertThat(contents.events()).singleElement().satisfies(event -> {
            assertThat(event.reference()).isEqualTo("trip 1, Lisbon");
            assertThat(event.transactionId()).isEqualTo("tx-1");
            assertThat(event.netAmount()).isEqualByComparingTo("24.50");
            assertThat(event.line()).isEqualTo(2);
        });
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsAJsonArrayAndRefusesACsvWithoutTheEventsColumns() throws Exception {
        Path array = write("events.json", """
                [{"event":"wallet.deposit.card-withdrawal","timestamp":"2026-11-20T22:01:02Z","data":{"serviceCardId":"acme-card-1","serviceTransactionId":"tx-1","amount":25.00,"reference":"trip 1"}}]
                """);
        Path notEvents = write("notes.csv", "this file holds no events\n");

        assertThat(PluEventsFile.read(array).events()).extracting(PluEventsFile.Event::transactionId).containsExactly("tx-1");
        assertThat(PluEventsFile.read(notEvents).problems()).singleElement().asString().contains("is neither JSON Lines");
    }
}
