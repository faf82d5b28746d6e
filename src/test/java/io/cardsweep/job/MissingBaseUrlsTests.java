package io.cardsweep.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.provider.ProviderName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MissingBaseUrlsTests {

    @TempDir
    Path dir;

    @Test
    void namesEverySettingAndItsEnvironmentVariableInOneSentence() {
        // when
        String sentence = MissingBaseUrls.refusal(List.of(ProviderName.NUEVE09, ProviderName.CARTEVO, ProviderName.HTP)).getMessage();

        // then
        assertThat(sentence).isEqualTo("Cartevo, HTP and Nueve09 have no base URL, yet this run has withdrawals for them: set"
                + " cardsweep.providers.cartevo.base-url, cardsweep.providers.htp.base-url and cardsweep.providers.nueve09.base-url"
                + " (environment variables CARDSWEEP_PROVIDERS_CARTEVO_BASEURL, CARDSWEEP_PROVIDERS_HTP_BASEURL,"
                + " CARDSWEEP_PROVIDERS_NUEVE09_BASEURL) and run the same command again.");
    }

    @Test
    void findsTheProvidersAnInputNamesThatCannotBeCalledWhateverTheirCase() throws Exception {
        // given
        Path input = Files.writeString(dir.resolve("in.csv"), """
                instruction_id,provider,card_id,amount,reference
                A,plu,acme-card-1,10.00,r
                B, Uncash ,0b7e5c1a-1d2f-4a3b-8c4d-5e6f7a8b9c01,10.00,r
                C,visa,x,10.00,r
                D,uncash,0b7e5c1a-1d2f-4a3b-8c4d-5e6f7a8b9c02,10.00,r
                """);

        // when / then
        assertThat(MissingBaseUrls.namedIn(input, ColumnMapping.defaults(), 65_536, EnumSet.of(ProviderName.PLU)))
                .containsExactly(ProviderName.UNCASH);
        assertThat(MissingBaseUrls.namedIn(input, ColumnMapping.defaults(), 65_536, EnumSet.of(ProviderName.PLU, ProviderName.UNCASH))).isEmpty();
    }
}
