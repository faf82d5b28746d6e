package io.cardsweep.reconcile;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An export of the {@code wallet.deposit.card-withdrawal} webhook events a partner received from Plu: JSON Lines (one
 * event envelope per line, as PROVIDERS.md documents it) or CSV with the data fields as columns ({@code reference},
 * {@code serviceCardId}, {@code serviceTransactionId}, {@code amount}, {@code fee}, {@code netAmount}, {@code currency};
 * a {@code data.} prefix and any case are accepted). Other events are skipped; a line that cannot be read is reported
 * with its number and never stops the rest.
 */
final class PluEventsFile {

    static final String WITHDRAWAL_EVENT = "wallet.deposit.card-withdrawal";

    private PluEventsFile() {
    }

    /** One card-withdrawal event: Plu's word that it executed the withdrawal with that reference, and when it said so. */
    record Event(int line, String reference, String cardId, String transactionId, BigDecimal amount, @Nullable BigDecimal fee,
            @Nullable BigDecimal netAmount, @Nullable Instant timestamp) {
    }

    /** The events read, and a sentence for each line that could not be. */
    record Contents(List<Event> events, List<String> problems) {

        /** The time of the export's latest event: how far it covers. */
        Optional<Instant> latest() {
            return events.stream().map(Event::timestamp).filter(java.util.Objects::nonNull).max(Instant::compareTo);
        }
    }

    static Contents read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Plu events file " + file + " cannot be read: " + ex.getMessage(), ex);
        }
        String start = text.stripLeading();
        if (start.startsWith("[")) {
            return jsonArray(text);
        }
        return start.startsWith("{") ? jsonLines(text) : csv(file, text);
    }

    /** Amounts are read as written: a JSON number never passes through a double. */
    private static JsonMapper json() {
        return JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    }

    /** A JSON array of event envelopes; its "lines" are the positions in the array, counted from 1. */
    private static Contents jsonArray(String text) {
        List<Event> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            JsonNode array = json().readTree(text);
            for (int i = 0; i < array.size(); i++) {
                envelope(i + 1, array.get(i), problems, events);
            }
        }
        catch (JacksonException ex) {
            problems.add("not a JSON array of events (" + ex.getOriginalMessage() + ")");
        }
        return new Contents(events, problems);
    }

    private static Contents jsonLines(String text) {
        JsonMapper json = json();
        List<Event> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int line = i + 1;
            try {
                envelope(line, json.readTree(lines[i]), problems, events);
            }
            catch (JacksonException ex) {
                problems.add("line " + line + ": not a JSON object (" + ex.getOriginalMessage() + ")");
            }
        }
        return new Contents(events, problems);
    }

    private static void envelope(int line, JsonNode envelope, List<String> problems, List<Event> events) {
        String type = envelope.path("event").asString("");
        if (!type.isEmpty() && !type.equals(WITHDRAWAL_EVENT)) {
            return;
        }
        JsonNode data = envelope.has("data") ? envelope.path("data") : envelope;
        Map<String, String> fields = new HashMap<>();
        data.properties().forEach(field -> fields.put(field.getKey().toLowerCase(Locale.ROOT),
                field.getValue().isNull() ? null : field.getValue().asString()));
        if (envelope.hasNonNull("timestamp")) {
            fields.put("timestamp", envelope.path("timestamp").asString());
        }
        event(line, fields, problems, events);
    }

    private static Contents csv(Path file, String text) {
        List<Event> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Reader reader = new java.io.StringReader(text); CSVReader csv = new CSVReader(reader)) {
            List<String[]> rows = csv.readAll();
            if (rows.isEmpty()) {
                return new Contents(events, problems);
            }
            String[] header = rows.get(0);
            java.util.Set<String> columns = new java.util.HashSet<>();
            for (String name : header) {
                String column = name.strip().toLowerCase(Locale.ROOT);
                columns.add(column.startsWith("data.") ? column.substring(5) : column);
            }
            if (!columns.containsAll(List.of("reference", "servicecardid", "servicetransactionid", "amount"))) {
                problems.add(file.getFileName() + " is neither JSON Lines, nor a JSON array, nor CSV with the event's columns"
                        + " (reference, serviceCardId, serviceTransactionId, amount, …)");
                return new Contents(events, problems);
            }
            for (int r = 1; r < rows.size(); r++) {
                String[] row = rows.get(r);
                if (row.length == 1 && row[0].isBlank()) {
                    continue;
                }
                Map<String, String> fields = new HashMap<>();
                for (int c = 0; c < header.length && c < row.length; c++) {
                    String name = header[c].strip().toLowerCase(Locale.ROOT);
                    fields.put(name.startsWith("data.") ? name.substring(5) : name, row[c]);
                }
                String type = fields.getOrDefault("event", "");
                if (type != null && !type.isBlank() && !type.strip().equals(WITHDRAWAL_EVENT)) {
                    continue;
                }
                event(r + 1, fields, problems, events);
            }
        }
        catch (IOException | CsvException ex) {
            problems.add(file + " is neither JSON Lines nor CSV that can be read: " + ex.getMessage());
        }
        return new Contents(events, problems);
    }

    private static void event(int line, Map<String, String> fields, List<String> problems, List<Event> events) {
        String reference = text(fields, "reference");
        String card = text(fields, "servicecardid");
        String transaction = text(fields, "servicetransactionid");
        if (reference == null || card == null || transaction == null) {
            problems.add("line " + line + ": a card-withdrawal event needs reference, serviceCardId and serviceTransactionId");
            return;
        }
        try {
            BigDecimal amount = money(fields, "amount");
            if (amount == null) {
                problems.add("line " + line + ": the event has no amount");
                return;
            }
            events.add(new Event(line, reference, card, transaction, amount, money(fields, "fee"), money(fields, "netamount"),
                    instant(text(fields, "timestamp"))));
        }
        catch (NumberFormatException ex) {
            problems.add("line " + line + ": amount, fee or netAmount is not a number");
        }
    }

    /** An ISO-8601 time, or null when there is none or it cannot be read (the event still counts; only its time is unknown). */
    private static @Nullable Instant instant(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    private static @Nullable String text(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable BigDecimal money(Map<String, String> fields, String name) {
        String value = text(fields, name);
        return value == null ? null : new BigDecimal(value);
    }
}
