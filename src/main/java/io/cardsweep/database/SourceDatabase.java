package io.cardsweep.database;

import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Where a job's table source is read from: the application's own database, or a separate one of its own pool, used
 * for reading only. Not a {@link DataSource} bean itself, so Spring Boot's (the ledger's) stays the one every other
 * part of the application is given.
 */
public final class SourceDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final String description;
    private final @Nullable HikariDataSource own;

    private SourceDatabase(DataSource dataSource, String description, @Nullable HikariDataSource own) {
        this.dataSource = dataSource;
        this.description = description;
        this.own = own;
    }

    /**
     * The separate source database when {@code cardsweep.source.datasource.url} is set, else the application's.
     *
     * @param application the application's database, asked for only when no separate one is set
     */
    public static SourceDatabase of(SourceDataSourceProperties properties, Supplier<DataSource> application) {
        return properties.url() == null ? application(application.get()) : separate(properties);
    }

    /** The ledger's database, which also holds the operator's tables where no separate source is configured. */
    public static SourceDatabase application(DataSource dataSource) {
        return new SourceDatabase(dataSource, "the application's database", null);
    }

    /**
     * A small pool of read-only connections (PostgreSQL then refuses any write in them), opened on first use: a job that
     * reads a file never connects to it.
     */
    public static SourceDatabase separate(SourceDataSourceProperties properties) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(properties.url());
        pool.setUsername(properties.username());
        pool.setPassword(properties.password());
        pool.setReadOnly(true);
        pool.setMaximumPoolSize(2);
        pool.setConnectionTimeout(5_000);
        pool.setPoolName("cardsweep-source");
        return new SourceDatabase(pool, "the source database (cardsweep.source.datasource.url " + shown(properties.url()) + ")", pool);
    }

    /** Without user information or parameters: a password can be one of them. */
    private static String shown(@Nullable String url) {
        return String.valueOf(url).replaceFirst("\\?.*$", "").replaceFirst("//[^/@]*@", "//");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** How a sentence names it: {@code the application's database}. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (own != null) {
            own.close();
        }
    }
}
