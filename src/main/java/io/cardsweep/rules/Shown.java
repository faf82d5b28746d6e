package io.cardsweep.rules;

/**
 * A value as quoted in a reason. Values come from the input, so they are cut short and their control
 * characters made visible: a reason must stay one line in the report and the log.
 */
final class Shown {

    private static final int MAX_LENGTH = 40;

    private Shown() {
    }

    static String quoted(String value) {
        StringBuilder shown = new StringBuilder("'");
        value.codePoints().limit(MAX_LENGTH).forEach(c -> {
            if (c == '\n') {
                shown.append("\\n");
            } else if (c == '\r') {
                shown.append("\\r");
            } else if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            shown.append('…');
        }
        return shown.append('\'').toString();
    }
}
