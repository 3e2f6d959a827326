package dev.replygate.classify;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A header and a regular expression searched (case-insensitively) in its value, such as a spam
 * filter's verdict {@code X-Spam-Flag} / {@code ^\s*yes\b}. An invalid expression is a
 * configuration error, reported when the pattern is made.
 */
public final class HeaderPattern {

    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");

    private final String header;
    private final Pattern pattern;

    private HeaderPattern(String header, Pattern pattern) {
        this.header = header;
        this.pattern = pattern;
    }

    /**
     * @throws IllegalArgumentException when {@code header} is not a field name or {@code regex} does
     *                                  not compile; the message names both
     */
    public static HeaderPattern of(String header, String regex) {
        if (header == null || !FIELD_NAME.matcher(header).matches()) {
            throw new IllegalArgumentException("not a header field name: " + header);
        }
        Objects.requireNonNull(regex, "regex of " + header);
        try {
            return new HeaderPattern(header, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression for header " + header + ": "
                    + e.getDescription() + " in '" + regex + "' at index " + e.getIndex(), e);
        }
    }

    public String header() {
        return header;
    }

    public String regex() {
        return pattern.pattern();
    }

    /** True when the expression is found in {@code value}. */
    boolean matches(String value) {
        return pattern.matcher(value).find();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderPattern other && header.equalsIgnoreCase(other.header) && regex().equals(other.regex());
    }

    @Override
    public int hashCode() {
        return Objects.hash(header.toLowerCase(Locale.ROOT), regex());
    }

    @Override
    public String toString() {
        return header + " ~ /" + regex() + "/";
    }
}
