package dev.replygate.classify;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for addresses written in reports and bounce texts. */
final class Addresses {

    /** An address as bounce texts write it: no quotes, brackets, spaces or trailing punctuation. */
    static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?){1,126}");
    private static final Pattern BRACKETS_QUOTES_SPACE = Pattern.compile("[<>\"\\s]");
    private static final Pattern LEADING_TRAILING_PUNCTUATION = Pattern.compile("^[.'`]+|[.'`]+$");

    private Addresses() {
    }

    /** The first address in {@code value}, without brackets, with the domain in lower case; null when none. */
    static String bare(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = ADDRESS.matcher(value);
        if (!matcher.find()) {
            String stripped = BRACKETS_QUOTES_SPACE.matcher(value).replaceAll("");
            return stripped.isEmpty() ? null : stripped;
        }
        return normalise(matcher.group());
    }

    /** The address with its domain in lower case and leading/trailing dots removed. */
    static String normalise(String address) {
        String trimmed = LEADING_TRAILING_PUNCTUATION.matcher(address).replaceAll("");
        int at = trimmed.lastIndexOf('@');
        return at < 0 ? trimmed : trimmed.substring(0, at) + "@" + trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
