package io.cardsweep.database;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A separate database a job's table source is read from ({@code cardsweep.source.datasource.*}), for when the cards
 * due for termination live in another PostgreSQL than the ledger; unset, the source is read from the application's own.
 *
 * @param url a PostgreSQL JDBC URL: the paging queries are PostgreSQL's, like the rest of cardsweep
 */
@ConfigurationProperties("cardsweep.source.datasource")
public record SourceDataSourceProperties(@Nullable String url, @Nullable String username, @Nullable String password) {

    public SourceDataSourceProperties {
        url = url == null || url.isBlank() ? null : url.strip();
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/database), not '" + url + "'");
        }
    }
}
