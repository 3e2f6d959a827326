package dev.replygate.text;

/** Text cut to a number of code points for display, never inside a surrogate pair. */
public final class Shortened {

    private Shortened() {
    }

    /** {@code text} itself when it has at most {@code max} code points, else its first {@code max} and "…". */
    public static String to(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
    }
}
