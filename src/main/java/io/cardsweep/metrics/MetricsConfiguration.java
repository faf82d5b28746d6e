package io.cardsweep.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The run's meters, on the registry Spring Boot's Micrometer auto-configuration makes (Prometheus's). */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    WithdrawalMeters withdrawalMeters(MeterRegistry registry) {
        return new WithdrawalMeters(registry);
    }

    @Bean
    ProviderCallMeters providerCallMeters(MeterRegistry registry) {
        return new ProviderCallMeters(registry);
    }

    @Bean
    ObservationFilter batchItemStatus() {
        return new BatchItemStatus();
    }
}
