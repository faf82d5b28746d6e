package io.cardsweep.logging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The MDC fields of log lines about one instruction, in one place: set around the instruction's handling on the
 * thread that handles it, so that every line logged meanwhile, by the adapters and the HTTP layer under it too, says
 * which instruction and provider it is about. The JSON logs carry them as fields of their own.
 */
public final class LogContext {

    public static final String INSTRUCTION_ID = "instructionId";
    public static final String PROVIDER = "provider";
    public static final String JOB_EXECUTION_ID = "jobExecutionId";

    private LogContext() {
    }

    /**
     * Puts the instruction's fields on this thread's log lines until the scope is closed, which puts back what was there.
     *
     * @param provider the provider's id as input files name it ({@code plu})
     */
    public static Scope instruction(String provider, @Nullable String instructionId, long jobExecutionId) {
        return new Scope(fields(provider, instructionId, Long.toString(jobExecutionId)));
    }

    /** As {@link #instruction(String, String, long)}, outside a job execution (reconciliation). */
    public static Scope instruction(String provider, @Nullable String instructionId) {
        return new Scope(fields(provider, instructionId, null));
    }

    private static Map<String, @Nullable String> fields(String provider, @Nullable String instructionId, @Nullable String jobExecutionId) {
        Map<String, @Nullable String> fields = new LinkedHashMap<>();
        fields.put(INSTRUCTION_ID, instructionId);
        fields.put(PROVIDER, provider);
        fields.put(JOB_EXECUTION_ID, jobExecutionId);
        return fields;
    }

    /** Fields on this thread's log lines; closing it restores what they were before (a scope may open inside another). */
    public static final class Scope implements AutoCloseable {

        private final Map<String, @Nullable String> previous = new LinkedHashMap<>();

        private Scope(Map<String, @Nullable String> fields) {
            fields.forEach((key, value) -> {
                previous.put(key, MDC.get(key));
                put(key, value);
            });
        }

        @Override
        public void close() {
            previous.forEach(Scope::put);
        }

        private static void put(String key, @Nullable String value) {
            if (value == null) {
                MDC.remove(key);
            }
            else {
                MDC.put(key, value);
            }
        }
    }
}
