package io.cardsweep.database;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The database a job's table source is read from: {@code cardsweep.source.datasource.url} if set, else the application's. */
@Configuration(proxyBeanMethods = false)
class SourceDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    SourceDatabase sourceDatabase(DataSource dataSource, SourceDataSourceProperties properties) {
        return SourceDatabase.of(properties, () -> dataSource);
    }
}
