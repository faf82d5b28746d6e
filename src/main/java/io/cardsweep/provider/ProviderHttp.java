package io.cardsweep.provider;

import java.io.EOFException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP plumbing every adapter shares, so timeouts, JSON money handling and the sent/not-sent decision
 * are made the same way for all providers.
 * <p>
 * Why this shape: responses are read as raw bytes via {@code exchange}, never converted by Spring, so a
 * status or body we did not expect cannot surface as an exception thrown after the provider may have
 * executed the withdrawal. The client follows no redirects and retries nothing on its own, whatever the method: a
 * PUT, PATCH or DELETE that terminates a card is "idempotent" to HTTP but moves money all the same, and the
 * no-double-execution rule depends on every request being sent once.
 * Nothing here logs headers or bodies: they carry tokens and keys.
 * <p>
 * Every request first passes the provider's {@link RequestGate}, here and nowhere else, so no adapter can send one
 * that the provider's request-rate limit does not count; a 429 slows the gate down for everyone sharing it.
 */
public final class ProviderHttp {

    private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);

    private static final int MAX_TEXT = 160;

    /** Connections kept per provider: above any concurrency cap a run uses, so a call never waits for one. */
    private static final int MAX_CONNECTIONS = 64;

    /** How long to hold back after a 429 that says nothing (or nothing readable) about when to come back. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private final ProviderName provider;

    private final URI baseUrl;

    private final RestClient restClient;

    private final JsonMapper json;

    private final RequestGate gate;


    /** Without a request-rate limit. */
    public ProviderHttp(ProviderName provider, ProviderSettings settings) {
        this(provider, settings, RequestGate.NONE);
    }

    /** With the gate every request to this provider passes first. */
    public ProviderHttp(ProviderName provider, ProviderSettings settings, RequestGate gate) {
        this.provider = Objects.requireNonNull(provider);
        this.gate = Objects.requireNonNull(gate);
        this.baseUrl = requireBaseUrl(provider, settings);
        this.restClient = RestClient.builder().requestFactory(new HttpComponentsClientHttpRequestFactory(httpClient(settings))).build();
        this.json = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    /**
     * A blocking client: a call runs on the withdrawal's own thread, on a pooled keep-alive connection, with no
     * hand-off to other threads. Never retries by itself (whether a request may be sent again is the ledger's
     * decision, made from the transport failure), never follows redirects, keeps no cookies, asks for no compression.
     */
    private static CloseableHttpClient httpClient(ProviderSettings settings) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                .setSocketTimeout(Timeout.of(settings.readTimeout()))
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .build();
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(connection)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
    }

    /** The base URL followed by the given path segments, each encoded as one segment (a card id cannot add a path). */
    public URI uri(String... segments) {
        return UriComponentsBuilder.fromUri(baseUrl).pathSegment(segments).encode().build().toUri();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * POSTs {@code body} as JSON and returns whatever came back, whatever the status.
     *
     * @param bearerToken sent as {@code Authorization: Bearer …} when not null
     * @throws TransportFailure when no answer came back, classified as not sent or possibly sent
     */
    public ProviderAnswer postJson(URI uri, @Nullable String bearerToken, Object body) throws TransportFailure {
        return post(uri, sent -> bearer(sent, bearerToken), Map.of(), body);
    }

    /**
     * POSTs {@code body} as JSON with extra request headers (Plu's {@code idempotency-key}) and returns whatever
     * came back, whatever the status. Header values are never logged: a provider may put a secret in one.
     *
     * @param bearerToken sent as {@code Authorization: Bearer …} when not null
     * @param headers added first, so they cannot replace the JSON content type, accept or the bearer token
     * @throws TransportFailure when no answer came back, classified as not sent or possibly sent
     */
    public ProviderAnswer postJson(URI uri, @Nullable String bearerToken, Object body, Map<String, String> headers)
            throws TransportFailure {
        return post(uri, sent -> bearer(sent, bearerToken), headers, body);
    }

    /**
     * POSTs {@code body} as JSON with the {@code Authorization} header set to exactly {@code authorization}, for a
     * provider (Nueve09) whose token is handed out as a whole header value and is sent back as it came.
     *
     * @throws TransportFailure when no answer came back, classified as not sent or possibly sent
     */
    public ProviderAnswer postJsonAuthorized(URI uri, String authorization, Object body) throws TransportFailure {
        return post(uri, sent -> sent.set(HttpHeaders.AUTHORIZATION, authorization), Map.of(), body);
    }

    /**
     * PUTs {@code body} as JSON with the {@code Authorization} header set to exactly {@code authorization} (Nueve09's status
     * change), and returns whatever came back, whatever the status.
     *
     * @throws TransportFailure when no answer came back, classified as not sent or possibly sent
     */
    public ProviderAnswer putJsonAuthorized(URI uri, String authorization, Object body) throws TransportFailure {
        return exchange(HttpMethod.PUT, uri, sent -> sent.set(HttpHeaders.AUTHORIZATION, authorization), Map.of(), json.writeValueAsBytes(body));
    }

    /**
     * Sends a request without a body — Cartevo's {@code POST …/terminate}, Uncash's {@code PATCH …/close}, Plu's
     * {@code DELETE …/terminate/…}, which all take the card in the path — and returns whatever came back. Never retried
     * by the client whatever the method: a DELETE or a PATCH that terminates a card moves money like a POST.
     *
     * @param bearerToken sent as {@code Authorization: Bearer …} when not null
     * @param headers added first (Plu's {@code idempotency-key}), so they cannot replace the accept or the bearer token
     * @throws TransportFailure when no answer came back, classified as not sent or possibly sent
     */
    public ProviderAnswer send(HttpMethod method, URI uri, @Nullable String bearerToken, Map<String, String> headers) throws TransportFailure {
        return exchange(method, uri, sent -> bearer(sent, bearerToken), headers, null);
    }

    private ProviderAnswer post(URI uri, Consumer<HttpHeaders> authorization, Map<String, String> headers, Object body)
            throws TransportFailure {
        return exchange(HttpMethod.POST, uri, authorization, headers, json.writeValueAsBytes(body));
    }

    private ProviderAnswer exchange(HttpMethod method, URI uri, Consumer<HttpHeaders> authorization, Map<String, String> headers,
            byte @Nullable [] payload) throws TransportFailure {
        passGate();
        try {
            RestClient.RequestBodySpec request = restClient.method(method)
                    .uri(uri)
                    .headers(sent -> headers.forEach(sent::set))
                    .accept(MediaType.APPLICATION_JSON)
                    .headers(authorization);
            if (payload != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(payload);
            }
            ProviderAnswer answer = request.exchange((sent, response) -> answerOf(response));
            return answered(method.name(), uri, answer);
        }
        catch (RuntimeException ex) {
            throw noAnswer(method.name(), uri, ex);
        }
    }

    /**
     * GETs {@code uri} and returns whatever came back, whatever the status; for status and balance lookups,
     * which execute nothing, so a failure here never leaves a withdrawal in doubt by itself.
     */
    public ProviderAnswer get(URI uri, @Nullable String bearerToken) throws TransportFailure {
        return get(uri, headers -> bearer(headers, bearerToken));
    }

    /** GETs {@code uri} as {@link #get(URI, String)} does, with the {@code Authorization} header set to exactly {@code authorization}. */
    public ProviderAnswer getAuthorized(URI uri, String authorization) throws TransportFailure {
        return get(uri, headers -> headers.set(HttpHeaders.AUTHORIZATION, authorization));
    }

    private ProviderAnswer get(URI uri, Consumer<HttpHeaders> authorization) throws TransportFailure {
        passGate();
        try {
            ProviderAnswer answer = restClient.get()
                    .uri(uri)
                    .accept(MediaType.APPLICATION_JSON)
                    .headers(authorization)
                    .exchange((request, response) -> answerOf(response));
            return answered("GET", uri, answer);
        }
        catch (RuntimeException ex) {
            throw noAnswer("GET", uri, ex);
        }
    }

    private static ProviderAnswer answerOf(org.springframework.http.client.ClientHttpResponse response) throws java.io.IOException {
        return new ProviderAnswer(response.getStatusCode().value(), response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                response.getBody().readAllBytes(), response.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    }

    private ProviderAnswer answered(String method, URI uri, @Nullable ProviderAnswer answer) throws TransportFailure {
        log.debug("{} {} {} answered {}", provider, method, maskedPath(uri), answer == null ? "nothing" : answer.status());
        if (answer == null) {
            throw TransportFailure.classify(provider, new EOFException("no response"));
        }
        if (answer.status() == 429) {
            slowDown(answer);
        }
        return answer;
    }

    /** Outside the request's try block: a request the gate held back provably never left. */
    private void passGate() throws TransportFailure {
        try {
            gate.beforeRequest();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw TransportFailure.heldBack(provider, ex);
        }
        catch (RuntimeException ex) {
            // The limit's store (PostgreSQL) failed: sending anyway could break the provider's limit, and an exception
            // instead of a TransportFailure would escape adapters mid-withdrawal (e.g. while HTP follows a status).
            log.warn("{} request held back: its request-rate limit could not be checked", provider, ex);
            throw TransportFailure.heldBack(provider, ex);
        }
    }

    /**
     * For a provider that says "too many requests" inside a successful HTTP answer (HTP's {@code status_code} 429 in
     * an HTTP 200): holds its requests back as an HTTP 429 would have (which {@link #post} and {@link #get} already did).
     */
    public void rateLimitedInBody(ProviderAnswer answer) {
        if (answer.status() != 429) {
            slowDown(answer);
        }
    }

    /** Never throws: the 429 must still reach the adapter, which decides what it means for the withdrawal. */
    private void slowDown(ProviderAnswer answer) {
        Duration retryAfter = answer.retryAfter(Clock.systemUTC(), DEFAULT_RETRY_AFTER);
        try {
            gate.slowDown(retryAfter);
        }
        catch (RuntimeException ex) {
            log.warn("{} answered 429 but its request-rate limit could not be slowed down for {}", provider, retryAfter, ex);
        }
    }

    private TransportFailure noAnswer(String method, URI uri, RuntimeException ex) {
        TransportFailure failure = TransportFailure.classify(provider, ex);
        log.warn("{} {} {} got no answer: {}", provider, method, maskedPath(uri), failure.outcome().code());
        return failure;
    }

    /** Reads {@code body} as {@code type}; null when it is empty or not that shape, so the caller decides what that means. */
    public <T> @Nullable T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readValue(body, type);
        }
        catch (JacksonException ex) {
            log.debug("{} body is not a {}: {}", provider, type.getSimpleName(), ex.getOriginalMessage());
            return null;
        }
    }

    /**
     * A long run of Base64 (either alphabet) with letters and digits in it: a sealed card number (344 characters for
     * Nueve09's RSA-2048) or a token, never words a person needs to read.
     */
    private static final Pattern ENCODED = Pattern.compile("(?=[A-Za-z0-9+/_-]{64,})(?=[A-Za-z+/_-]*[0-9])(?=[0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]+=*");

    /**
     * A provider's message shortened for an outcome: one line, bounded length, any card number a provider echoes
     * masked, and any long encoded run it echoes (a sealed card number, a token) left out, since outcomes end up in the
     * ledger, the report and the log.
     */
    public static String brief(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String visible = ENCODED.matcher(text).replaceAll("****");
        String oneLine = CardMask.redactCardNumbers(visible.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip());
        return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT - 1) + "…";
    }

    private static void bearer(HttpHeaders headers, @Nullable String token) {
        if (token != null) {
            headers.setBearerAuth(token);
        }
    }

    private static URI requireBaseUrl(ProviderName provider, ProviderSettings settings) {
        URI url = settings.baseUrl();
        if (url == null) {
            throw new ProviderFatalException(provider, TransportFailure.displayName(provider)
                    + " has no base URL: set cardsweep.providers." + provider.id() + ".base-url.");
        }
        return url;
    }

    @Override
    public String toString() {
        return "ProviderHttp[" + provider + ", " + baseUrl + "]";
    }

    /** The request path with card ids masked: paths like {@code /cards/{id}/withdraw} carry them. */
    static String maskedPath(URI uri) {
        StringBuilder masked = new StringBuilder();
        for (String segment : uri.getPath().split("/")) {
            if (!segment.isEmpty()) {
                masked.append('/').append(segment.length() > 12 ? CardMask.mask(segment) : segment);
            }
        }
        return masked.toString();
    }
}
