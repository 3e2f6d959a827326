package dev.replygate.classify;

import java.util.Objects;

/**
 * Why the classifier decided something: the name of the rule that fired and what it saw
 * (usually {@code Header: value}). Values are cut to {@link #MAX_VALUE} characters and never
 * contain control characters, so a reason is safe to store and print.
 */
public record Reason(String rule, String value) {

    public static final int MAX_VALUE = 200;

    public Reason {
        Objects.requireNonNull(rule, "rule");
        value = printable(value == null ? "" : value);
    }

    /** A reason whose value is a header field as seen: {@code Name: value}. */
    static Reason header(String rule, String headerName, String headerValue) {
        return new Reason(rule, headerName + ": " + headerValue);
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_VALUE + 1));
        for (int i = 0; i < value.length() && out.length() < MAX_VALUE; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (value.length() > MAX_VALUE) {
            out.append('…');
        }
        return out.toString().strip();
    }

    @Override
    public String toString() {
        return rule + " (" + value + ")";
    }
}
