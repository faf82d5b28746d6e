package io.cardsweep.instruction;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.database.support.PostgresPagingQueryProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * A {@link TableSource} checked against the database it is read from: which of its columns holds each field, and a
 * sort key that is a column no two rows share and none lacks. Checked before the first row is read, so a table that
 * is wrong fails the run with one sentence and nothing loaded, as a file without its header would.
 *
 * <p>Rows are selected under the fields' own names ({@code provider}, {@code amount} …) and the sort key as
 * {@value #SORT_KEY}, whatever the source calls them; a column the mapping does not name (a {@code pin}, say) is never
 * read at all.
 */
public final class InstructionTable {

    /** The name the sort key is selected under: the reader's restart state keeps the last value under this name. */
    static final String SORT_KEY = "cardsweep_sort_key";

    private final TableSource source;
    private final SourceQueries queries;
    private final Map<InstructionField, String> columns;
    private final String sortColumn;

    private InstructionTable(TableSource source, SourceQueries queries, Map<InstructionField, String> columns, String sortColumn) {
        this.source = source;
        this.queries = queries;
        this.columns = columns;
        this.sortColumn = sortColumn;
    }

    /**
     * @param database how sentences name the database it is read from ({@code the application's database})
     * @throws TableSourceException when the source is missing, lacks a column, or its sort key is not unique
     */
    public static InstructionTable resolve(TableSource source, ColumnMapping mapping, DataSource dataSource, String database) {
        SourceQueries queries = new SourceQueries(source, new JdbcTemplate(dataSource), database);
        List<String> labels = queries.run(jdbc -> jdbc.query("SELECT * FROM " + source.fromClause() + " LIMIT 0",
                (ResultSetExtractor<List<String>>) InstructionTable::labels));
        Map<InstructionField, String> columns = new EnumMap<>(InstructionField.class);
        List<String> missing = new ArrayList<>();
        for (InstructionField field : InstructionField.values()) {
            String column = single(source, labels, mapping.columnOf(field));
            if (column != null) {
                columns.put(field, column);
            }
            else if (field.requiredColumn()) {
                missing.add("'" + mapping.columnOf(field) + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new TableSourceException(capitalized(source.described()) + " has no column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (cardsweep.job.columns maps each field to its column); its columns are: "
                    + String.join(", ", labels) + ".");
        }
        String sortColumn = single(source, labels, source.sortKey());
        if (sortColumn == null) {
            throw new TableSourceException("The sort key '" + source.sortKey() + "' (cardsweep.job.source.sort-key) is not a column of "
                    + source.described() + "; its columns are: " + String.join(", ", labels) + ".");
        }
        queries.requireUniqueKey(quoted(sortColumn));
        return new InstructionTable(source, queries, columns, sortColumn);
    }

    /**
     * A paging reader over the source in sort key order, {@code pageSize} rows a query, restartable after the last
     * key its step committed. Each row comes as its fields' values as text, as {@link SourceValues} makes them.
     */
    JdbcPagingItemReader<Map<InstructionField, String>> pagingReader(String name, int pageSize) {
        PostgresPagingQueryProvider query = new PostgresPagingQueryProvider();
        query.setSelectClause("*");
        query.setFromClause("(" + selection() + ") AS cardsweep_source");
        query.setSortKeys(Map.of(SORT_KEY, Order.ASCENDING));
        try {
            return new JdbcPagingItemReaderBuilder<Map<InstructionField, String>>()
                    .name(name)
                    .dataSource(queries.dataSource())
                    .queryProvider(query)
                    .pageSize(pageSize)
                    .rowMapper((rs, n) -> SourceValues.of(rs, columns.keySet()))
                    .build();
        }
        catch (Exception ex) {
            throw new IllegalStateException("The paging reader of " + source.described() + " could not be built: " + ex.getMessage(), ex);
        }
    }

    /** Every value the provider column holds, as text: which providers the run will have withdrawals for. */
    public Set<String> providerValues() {
        String provider = quoted(Objects.requireNonNull(columns.get(InstructionField.PROVIDER)));
        return queries.run(jdbc -> jdbc.queryForList("SELECT DISTINCT " + provider + "::text FROM " + source.fromClause(), String.class))
                .stream().filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Reading failed part way: one sentence, as for a failure before the first row. */
    RuntimeException readFailure(RuntimeException failure) {
        return queries.translated(failure);
    }

    private String selection() {
        Map<String, String> selected = new LinkedHashMap<>();
        selected.put(SORT_KEY, quoted(sortColumn));
        columns.forEach((field, column) -> selected.put(field.column(), quoted(column)));
        return "SELECT " + selected.entrySet().stream().map(e -> e.getValue() + " AS " + quoted(e.getKey())).collect(Collectors.joining(", "))
                + " FROM " + source.fromClause();
    }

    /** The one column of that name, matched as file headers are (case and surrounding spaces aside); null if none. */
    private static @Nullable String single(TableSource source, List<String> labels, String wanted) {
        List<String> matching = labels.stream().filter(label -> ColumnMapping.normalize(label).equals(ColumnMapping.normalize(wanted))).toList();
        if (matching.size() > 1) {
            throw new TableSourceException(capitalized(source.described()) + " has " + matching.size() + " columns named '" + wanted
                    + "': give each column a name of its own.");
        }
        return matching.isEmpty() ? null : matching.get(0);
    }

    private static List<String> labels(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            labels.add(meta.getColumnLabel(i));
        }
        return labels;
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
