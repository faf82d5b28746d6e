package io.cardsweep.database;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Condition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Without {@code spring.datasource.url}, the application brings its own PostgreSQL in
 * {@code <cardsweep.home>/pgdata}; with it, Spring Boot's own HikariCP datasource is used unchanged. Either way the pool
 * takes its settings from {@code spring.datasource.hikari.*}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DatabaseConfiguration.NoDatasourceUrl.class)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresDatabase embeddedPostgres(@Value("${cardsweep.home:.cardsweep}") Path home) {
        return EmbeddedPostgresDatabase.start(home.resolve("pgdata"));
    }

    /** Every {@code spring.datasource.hikari.*} setting applies here too, as it would to Spring Boot's own pool. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresDatabase postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(postgres.username());
        dataSource.setPoolName("cardsweep-embedded");
        return dataSource;
    }

    static class NoDatasourceUrl implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
