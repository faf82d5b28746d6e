package io.cardsweep.sandbox;

import io.cardsweep.support.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import io.cardsweep.provider.ProviderName;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/** Seed cards and a plain HTTP client, so the tests talk to the sandbox exactly as an adapter would. */
final class SandboxFixture {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    static final String CTV_ACTIVE = "c0000000-0000-4000-8000-000000000001";
    static final String CTV_FROZEN = "c0000000-0000-4000-8000-000000000002";
    static final String CTV_TERMINATED = "c0000000-0000-4000-8000-000000000003";
    static final String CTV_LOW = "c0000000-0000-4000-8000-000000000004";
    static final String UNC_ACTIVE = "u0000000-0000-4000-8000-000000000001";
    static final String UNC_OTHER = "u0000000-0000-4000-8000-000000000002";
    static final String UNC_LOW = "u0000000-0000-4000-8000-000000000003";
    static final String UNC_FROZEN = "u0000000-0000-4000-8000-000000000004";
    static final String UNC_CLOSED = "u0000000-0000-4000-8000-000000000005";
    static final String UNKNOWN = "00000000-0000-4000-8000-00000000dead";

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SandboxFixture() {
    }

    static Path writeCards(Path dir) {
        String csv = """
                provider,card_id,balance,status,currency
                cartevo,%s,100.00,ACTIVE,USD
                cartevo,%s,50.00,FROZEN,USD
                cartevo,%s,70.00,TERMINATED,USD
                cartevo,%s,3.10,ACTIVE,USD
                uncash,%s,100.00,active,USD
                uncash,%s,100.00,active,USD
                uncash,%s,5.00,active,USD
                uncash,%s,40.00,frozen,USD
                uncash,%s,40.00,closed,USD
                plu,acme-card-xyz789jkl012mno,10.00,active,USD
                mystery,m-1,1.00,ACTIVE,USD
                """.formatted(CTV_ACTIVE, CTV_FROZEN, CTV_TERMINATED, CTV_LOW, UNC_ACTIVE, UNC_OTHER, UNC_LOW,
                UNC_FROZEN, UNC_CLOSED);
        try {
            return Files.writeString(dir.resolve("cards.csv"), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SandboxOptions options(Path dir, MutableClock clock) {
        return SandboxOptions.defaults().withCards(writeCards(dir)).withClock(clock);
    }

    record Reply(int status, JsonNode body, String raw) {

        BigDecimal decimal(String pointer) {
            return body.at(pointer).decimalValue();
        }

        String text(String pointer) {
            return body.at(pointer).asString();
        }
    }

    static Reply post(URI uri, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Any method, with a JSON body or none (Uncash's PATCH close and Plu's DELETE terminate carry none). */
    static Reply send(String method, URI uri, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (!json.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    static Reply get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static URI url(SandboxServer server, ProviderName provider, String path) {
        return URI.create(server.baseUrl(provider) + path);
    }

    static String cartevoToken(SandboxServer server) {
        Reply reply = post(url(server, ProviderName.CARTEVO, "/auth/token"), """
                {"client_id":"sandbox-client","client_key":"sandbox-client-key"}""", Map.of());
        return reply.text("/access_token");
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Map<String, String> uncashKey() {
        return bearer(SandboxCredentials.UNCASH_API_KEY);
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), json(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
