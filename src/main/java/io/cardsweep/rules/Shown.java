package io.cardsweep.rules;

import io.cardsweep.instruction.VisibleText;
import io.cardsweep.provider.CardMask;

/**
 * A value as quoted in a reason. Values come from the input, so they are cut short, their invisible
 * characters made visible (a reason must stay one line in the report and the log, and must show what differs
 * from the value it names), and anything that looks like a card number masked, wherever a misplaced column put it.
 */
final class Shown {

    private static final int MAX_LENGTH = 40;

    private Shown() {
    }

    static String quoted(String raw) {
        String value = CardMask.redactCardNumbers(raw);
        StringBuilder shown = new StringBuilder("'");
        value.codePoints().limit(MAX_LENGTH).forEach(c -> VisibleText.append(shown, c));
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            shown.append('…');
        }
        return shown.append('\'').toString();
    }
}
