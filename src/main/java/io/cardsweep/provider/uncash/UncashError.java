package io.cardsweep.provider.uncash;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Error body {@code {"success":false,"message":…,"timestamp":…}}, with {@code error} listing the
 * validation issues when the message is "Invalid input data".
 */
record UncashError(@Nullable Boolean success, @Nullable String message, @Nullable String timestamp, @Nullable List<Issue> error) {

    record Issue(@Nullable String code, @Nullable String message, @Nullable List<Object> path) {
    }

    /** Uncash's own error shape, as opposed to a proxy's or a web server's page. */
    boolean isEnvelope() {
        return Boolean.FALSE.equals(success) && message != null;
    }

    String text() {
        return message == null ? "" : message;
    }

    List<Issue> issues() {
        return error == null ? List.of() : error;
    }
}
