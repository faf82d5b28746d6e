package io.cardsweep.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationFilter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The run's meters, on the registry Spring Boot's Micrometer auto-configuration makes (Prometheus's), and the push. */
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
    RunMeters runMeters(MeterRegistry registry) {
        return new RunMeters(registry);
    }

    @Bean
    ObservationFilter batchItemStatus() {
        return new BatchItemStatus();
    }

    @Bean
    MetricsPush metricsPush(PushgatewaySettings settings, ObjectProvider<PrometheusRegistry> registry) {
        return new MetricsPush(settings, registry::getIfAvailable);
    }
}
