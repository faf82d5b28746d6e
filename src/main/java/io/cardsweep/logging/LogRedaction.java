package io.cardsweep.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence against a careless log call: masks, in a formatted log line, what must never be logged
 * however it got there (message, exception message, stack trace, MDC value).
 * <ul>
 * <li>Configured secrets ({@link SecretSettings}), wherever they appear, as they are and as JSON escapes them.</li>
 * <li>The value after a name such as {@code api_key}, {@code password}, {@code token}, {@code secret} or {@code pin}
 * followed by {@code :} or {@code =}, and the credentials after {@code Bearer} or {@code Authorization: Basic}: tokens a provider
 * hands out at run time are known to no setting.</li>
 * <li>Card numbers: 13 to 19 digits, together or in groups separated by single spaces or dashes, that pass the Luhn
 * check, as every issued card number does. They keep their last four, as {@code CardMask} shows them. The Luhn check
 * leaves nine in ten other long numbers (provider transaction ids, epoch milliseconds) readable; shorter numbers,
 * amounts' whole parts and UUIDs are left alone.</li>
 * </ul>
 */
public final class LogRedaction {

    static final String REDACTED = "[REDACTED]";
    /** Shorter configured values are not searched for: they would hide ordinary words and numbers all over the log. */
    static final int SHORTEST_SECRET = 8;
    private static final int SHORTEST_CARD_NUMBER = 13;
    private static final int LONGEST_CARD_NUMBER = 19;

    /**
     * A UUID, to be skipped whole, or a run of digit groups separated by single spaces or dashes, not part of a word;
     * one that starts a line of a JSON string follows an escaped line break or tab ({@code \n}).
     */
    private static final Pattern UUID_OR_DIGITS = Pattern.compile("(?<uuid>(?<![0-9A-Za-z])[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
            + "(?![0-9A-Za-z]))|(?:(?<![0-9A-Za-z])|(?<=\\\\[ntr]))[0-9]+(?:[ -][0-9]+)*(?![0-9A-Za-z])");
    private static final Pattern DIGIT_GROUP = Pattern.compile("[0-9]+");
    /** A secret-sounding name, an optional (JSON-escaped) quote, : or =, and the value: {@code "api_key":"…"}, {@code password=…}. */
    private static final Pattern NAMED_VALUE = Pattern.compile("(?i)((?:api[_-]?key|client[_-]?key|secret|password|passwd|token|(?<![a-z])pin)"
            + "(?:\\\\?[\"'])?[:=]\\s*(?:\\\\?[\"'])?)[^\\s\"'\\\\,;&}\\[\\]]+");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)\\b(Bearer|Authorization:\\s*Basic)\\s+[A-Za-z0-9._~+/=-]+");

    /** The words {@link #NAMED_VALUE} and {@link #AUTHORIZATION} start with, lower case: none of them, no match. */
    private static final String[] CREDENTIAL_WORDS = {"key", "secret", "passw", "token", "pin", "bearer", "basic"};

    private final List<String> secrets;

    /** @param secrets values to mask wherever they appear; those shorter than {@value #SHORTEST_SECRET} characters are ignored */
    public LogRedaction(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret.length() >= SHORTEST_SECRET) {
                forms.add(secret);
                forms.add(jsonEscaped(secret));
            }
        }
        List<String> longestFirst = new ArrayList<>(forms);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(longestFirst);
    }

    /**
     * The line with what must not be logged masked. Every line of a run passes here, so the patterns run only on lines a
     * linear scan finds something for them in: a word they start with, or enough digits for a card number.
     */
    public String redact(String text) {
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, REDACTED);
        }
        if (mayNameACredential(redacted)) {
            redacted = AUTHORIZATION.matcher(redacted).replaceAll("$1 " + Matcher.quoteReplacement(REDACTED));
            redacted = NAMED_VALUE.matcher(redacted).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
        }
        return maskCardNumbers(redacted);
    }

    /** Whether one of {@link #CREDENTIAL_WORDS} appears in {@code text}, in any case. */
    static boolean mayNameACredential(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = (char) (text.charAt(i) | 0x20);
            if (c == 'k' || c == 's' || c == 'p' || c == 't' || c == 'b') {
                for (String word : CREDENTIAL_WORDS) {
                    if (word.charAt(0) == c && text.regionMatches(true, i, word, 0, word.length())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code text} holds {@value #SHORTEST_CARD_NUMBER} digits or more in one run of digit groups separated by
     * single spaces or dashes: without such a run, there is no card number to mask.
     */
    static boolean mayHoldACardNumber(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits >= SHORTEST_CARD_NUMBER) {
                    return true;
                }
            }
            else if (!((c == ' ' || c == '-') && digits > 0 && i + 1 < text.length() && isDigit(text.charAt(i + 1)) && isDigit(text.charAt(i - 1)))) {
                digits = 0;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static String maskCardNumbers(String text) {
        if (!mayHoldACardNumber(text)) {
            return text;
        }
        Matcher match = UUID_OR_DIGITS.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        int copied = 0;
        while (match.find()) {
            if (match.group("uuid") == null) {
                masked.append(text, copied, match.start()).append(maskCardNumbersInRun(match.group()));
                copied = match.end();
            }
        }
        return copied == 0 ? text : masked.append(text, copied, text.length()).toString();
    }

    /** The run with every longest sequence of whole groups that makes a card number shown by its last four digits. */
    private static String maskCardNumbersInRun(String run) {
        List<int[]> groups = DIGIT_GROUP.matcher(run).results().map(group -> new int[] {group.start(), group.end()}).toList();
        StringBuilder masked = new StringBuilder(run.length());
        int copied = 0;
        int first = 0;
        while (first < groups.size()) {
            int last = -1;
            StringBuilder digits = new StringBuilder();
            String cardNumber = "";
            for (int next = first; next < groups.size() && digits.length() <= LONGEST_CARD_NUMBER; next++) {
                digits.append(run, groups.get(next)[0], groups.get(next)[1]);
                if (digits.length() >= SHORTEST_CARD_NUMBER && digits.length() <= LONGEST_CARD_NUMBER && passesLuhn(digits)) {
                    last = next;
                    cardNumber = digits.toString();
                }
            }
            if (last < 0) {
                first++;
                continue;
            }
            masked.append(run, copied, groups.get(first)[0]).append("****").append(cardNumber.substring(cardNumber.length() - 4));
            copied = groups.get(last)[1];
            first = last + 1;
        }
        return masked.append(run, copied, run.length()).toString();
    }

    static boolean passesLuhn(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    /** How a JSON log line writes the value inside a string. */
    private static String jsonEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
