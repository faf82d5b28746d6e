package io.cardsweep.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class LogContextTests {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void putsTheInstructionsFieldsUntilClosed() {
        try (LogContext.Scope scope = LogContext.instruction("plu", "PD-1", 7)) {
            assertThat(MDC.getCopyOfContextMap()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                    LogContext.INSTRUCTION_ID, "PD-1", LogContext.PROVIDER, "plu", LogContext.JOB_EXECUTION_ID, "7"));
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void restoresTheFieldsOfTheScopeItOpenedIn() {
        try (LogContext.Scope outer = LogContext.instruction("plu", "PD-1", 7)) {
            try (LogContext.Scope inner = LogContext.instruction("htp", null)) {
                assertThat(MDC.get(LogContext.PROVIDER)).isEqualTo("htp");
                assertThat(MDC.get(LogContext.INSTRUCTION_ID)).isNull();
                assertThat(MDC.get(LogContext.JOB_EXECUTION_ID)).isNull();
            }
            assertThat(MDC.get(LogContext.PROVIDER)).isEqualTo("plu");
            assertThat(MDC.get(LogContext.INSTRUCTION_ID)).isEqualTo("PD-1");
            assertThat(MDC.get(LogContext.JOB_EXECUTION_ID)).isEqualTo("7");
        }
    }
}
