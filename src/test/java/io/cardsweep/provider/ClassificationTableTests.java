package io.cardsweep.provider;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cardsweep.provider.cartevo.CartevoProvider;
import io.cardsweep.provider.htp.HtpProvider;
import io.cardsweep.provider.nueve09.Nueve09Provider;
import io.cardsweep.provider.plu.PluProvider;
import io.cardsweep.provider.uncash.UncashProvider;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classification tables are one source for code and README: each adapter's contract tests feed its rows' examples
 * through the adapter; here the rows without an HTTP answer are fed to {@link TransportFailure}, and the README's tables
 * must be exactly what the rows render to.
 */
class ClassificationTableTests {

    static final String START = "<!-- classification:start (rendered from the code's tables; ClassificationTableTests keeps them equal) -->";
    static final String END = "<!-- classification:end -->";

    static Map<String, List<AnswerClassification>> tables() {
        Map<String, List<AnswerClassification>> tables = new LinkedHashMap<>();
        tables.put("Every provider, when no HTTP answer comes back", TransportFailure.ANSWERS);
        tables.put("Plu", PluProvider.ANSWERS);
        tables.put("Cartevo", CartevoProvider.ANSWERS);
        tables.put("Uncash", UncashProvider.ANSWERS);
        tables.put("HTP (create; errors mostly arrive as HTTP 200 with a `status_code`)", HtpProvider.ANSWERS);
        tables.put("Nueve09", Nueve09Provider.ANSWERS);
        tables.put("Plu termination (`DELETE /v1/partner/card/terminate/{id}`)", PluProvider.TERMINATION_ANSWERS);
        tables.put("Cartevo termination (`POST /cards/{id}/terminate`)", CartevoProvider.TERMINATION_ANSWERS);
        tables.put("Uncash termination (`PATCH /cards/{id}/close`)", UncashProvider.TERMINATION_ANSWERS);
        tables.put("Nueve09 termination (`PUT /cards/status`)", Nueve09Provider.TERMINATION_ANSWERS);
        return tables;
    }

    @Test
    void theReadmeShowsExactlyTheTablesTheCodeClassifiesBy() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the classification markers").isNotNegative();
        assertThat(end).isGreaterThan(start);

        String shown = readme.substring(start + START.length(), end).strip();

        assertThat(shown).as("README's classification tables; render them again from the code's tables")
                .isEqualTo(AnswerClassification.markdown(tables()).strip());
    }

    @Test
    void failuresWithoutAnAnswerAreClassifiedAsTheirRowsSay() {
        // given an example failure of each row, as the HTTP client throws it
        Map<String, List<Exception>> examples = Map.of(
                TransportFailure.ANSWERS.get(0).answer(), List.of(
                        new ResourceAccessException("I/O error", new ConnectException("Connection refused")),
                        new ResourceAccessException("I/O error", new ConnectTimeoutException("connect timed out")),
                        new ResourceAccessException("I/O error", new ConnectionRequestTimeoutException("Timeout deadline")),
                        new ResourceAccessException("I/O error", new UnknownHostException("api.example.invalid")),
                        new ResourceAccessException("I/O error", new javax.net.ssl.SSLHandshakeException("PKIX"))),
                TransportFailure.ANSWERS.get(1).answer(), List.of(
                        new ResourceAccessException("I/O error", new SocketTimeoutException("Read timed out"))),
                TransportFailure.ANSWERS.get(2).answer(), List.of(
                        new ResourceAccessException("I/O error", new SocketException("Connection reset")),
                        new ResourceAccessException("I/O error", new NoHttpResponseException("127.0.0.1:8089 failed to respond"))));

        // then every row has examples, and each example comes out as its row says
        assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(TransportFailure.ANSWERS.stream().map(AnswerClassification::answer).toList());
        for (AnswerClassification row : TransportFailure.ANSWERS) {
            for (Exception failure : examples.get(row.answer())) {
                assertThat(AnswerClassification.Kind.of(TransportFailure.classify(ProviderName.PLU, failure).outcome()))
                        .as("%s: %s", row.answer(), failure.getCause()).isEqualTo(row.outcome());
            }
        }
    }
}
