package io.cardsweep.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place tests get PostgreSQL from: {@code CARDSWEEP_TEST_DB_URL} (with {@code _USER} and
 * {@code _PASSWORD}) when set, else a Testcontainers PostgreSQL when a Docker engine is reachable,
 * else an embedded PostgreSQL. One server per test JVM; every caller gets a fresh, empty database on it.
 */
public final class TestDatabase {

    /** Where a database lives; the URL names a database no other test uses. */
    public record Coordinates(String url, String username, String password) {

        /** Command-line property arguments for a cardsweep process using this database. */
        public String[] asArguments() {
            return new String[] {"--spring.datasource.url=" + url, "--spring.datasource.username=" + username,
                    "--spring.datasource.password=" + password};
        }

        /** Statements against this database, each on a connection of its own, for a test to look at the ledger. */
        public JdbcTemplate jdbc() {
            return new JdbcTemplate(new DriverManagerDataSource(url, username, password));
        }
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Coordinates server;

    private TestDatabase() {
    }

    /** A new empty database (Flyway migrates it when the application starts). */
    public static Coordinates newDatabase() {
        Coordinates admin = server();
        String name = "cardsweep_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create test database " + name + " on " + admin.url(), ex);
        }
        String url = admin.url().replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
        return new Coordinates(url, admin.username(), admin.password());
    }

    private static synchronized Coordinates server() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    private static Coordinates start() {
        String url = System.getenv("CARDSWEEP_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Coordinates(url, envOr("CARDSWEEP_TEST_DB_USER", "postgres"), envOr("CARDSWEEP_TEST_DB_PASSWORD", ""));
        }
        if (dockerReachable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new Coordinates(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                }
                catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            return new Coordinates(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not start an embedded PostgreSQL for the tests", ex);
        }
    }

    private static boolean dockerReachable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (Throwable ex) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
