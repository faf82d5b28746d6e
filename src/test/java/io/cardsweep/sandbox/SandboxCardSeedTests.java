package io.cardsweep.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cardsweep.provider.ProviderName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCardSeedTests {

    @TempDir
    Path dir;

    @Test
    void readsEveryKnownProviderRowOfTheSampleFile() {
        // when
        CardBook cards = CardSeedFile.read(Path.of("sample-input/sandbox-cards.csv"));

        // then
        assertThat(cards.count(ProviderName.CARTEVO)).isEqualTo(18);
        assertThat(cards.count(ProviderName.UNCASH)).isEqualTo(17);
        assertThat(cards.find(ProviderName.CARTEVO, "8e81973e-0bec-47b0-b898-d190f9ebdacc"))
                .hasValueSatisfying(card -> assertThat(card.status()).isEqualTo("TERMINATED"));
    }

    @Test
    void keepsRowsOfProvidersWithoutSimulatorAndSkipsUnknownOnes() throws IOException {
        // given columns in another order
        Path file = Files.writeString(dir.resolve("cards.csv"), """
                card_id,provider,currency,status,balance
                acme-card-1,plu,USD,active,10.00
                x-1,mystery,USD,active,1.00
                """);

        // when
        CardBook cards = CardSeedFile.read(file);

        // then
        assertThat(cards.find(ProviderName.PLU, "acme-card-1"))
                .hasValueSatisfying(card -> assertThat(card.balance()).isEqualByComparingTo("10.00"));
        assertThat(cards.count(ProviderName.CARTEVO)).isZero();
    }

    @Test
    void namesLineOfMalformedBalance() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("cards.csv"), """
                provider,card_id,balance,status,currency
                uncash,u-1,12.00,active,USD
                uncash,u-2,twelve,active,USD
                """);

        // when / then
        assertThatThrownBy(() -> CardSeedFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3").hasMessageContaining("twelve");
    }

    @Test
    void rejectsCardSeededTwice() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("cards.csv"), """
                provider,card_id,balance,status,currency
                cartevo,c-1,1.00,ACTIVE,USD
                cartevo,c-1,2.00,ACTIVE,USD
                """);

        // when / then
        assertThatThrownBy(() -> CardSeedFile.read(file)).hasMessageContaining("c-1");
    }
}
