package io.cardsweep.instruction;

/**
 * Text from the input as a message may show it: every character a reader could not see or that would change how
 * the message reads (line breaks, control characters, zero-width and direction-override characters, spaces other
 * than the plain one) written as an escape such as {@code \u200b}. A reason that says {@code 'cartevo'} is not a
 * provider, when the value was {@code cartevo} with a no-break space, would send an operator looking in vain.
 */
public final class VisibleText {

    private VisibleText() {
    }

    public static String of(String raw) {
        StringBuilder shown = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> append(shown, c));
        return shown.toString();
    }

    /** Appends the code point, escaped if it is {@linkplain #isInvisible invisible}. */
    public static void append(StringBuilder shown, int c) {
        if (c == '\n') {
            shown.append("\\n");
        } else if (c == '\r') {
            shown.append("\\r");
        } else if (c == '\t') {
            shown.append("\\t");
        } else if (isInvisible(c)) {
            shown.append(c <= 0xFFFF ? String.format("\\u%04x", c) : String.format("\\u{%x}", c));
        } else {
            shown.appendCodePoint(c);
        }
    }

    /** Not {@linkplain #isPrintable printable}, or a space other than the plain one (no-break, thin, ideographic). */
    public static boolean isInvisible(int c) {
        return !isPrintable(c) || (c != ' ' && Character.getType(c) == Character.SPACE_SEPARATOR);
    }

    /**
     * Not a control character (line breaks, tab, escape, NUL), a format character (zero-width characters, direction
     * overrides, the byte-order mark), a line or paragraph separator, or a code point that is unassigned, private-use
     * or half a surrogate pair.
     */
    public static boolean isPrintable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
