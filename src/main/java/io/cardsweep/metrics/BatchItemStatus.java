package io.cardsweep.metrics;

import java.util.Set;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * Gives every item read, item process and chunk write observation of Spring Batch its status. Batch 6.0.4 leaves the
 * {@code <name>.status} key off when an exception escapes the item (a fatal provider answer does); Prometheus requires
 * every meter of one name to have the same label names, so that meter would be refused, with a warning on the console
 * of a run that already failed. Such an item did fail.
 */
final class BatchItemStatus implements ObservationFilter {

    private static final Set<String> ITEM_OBSERVATIONS = Set.of("spring.batch.item.read", "spring.batch.item.process",
            "spring.batch.chunk.write");

    private static final String FAILURE = "FAILURE";

    @Override
    public Observation.Context map(Observation.Context context) {
        String name = context.getName();
        if (name != null && ITEM_OBSERVATIONS.contains(name) && context.getLowCardinalityKeyValue(name + ".status") == null) {
            context.addLowCardinalityKeyValue(KeyValue.of(name + ".status", FAILURE));
        }
        return context;
    }
}
