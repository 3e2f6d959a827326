package dev.replygate.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds RFC 3463 enhanced status codes and SMTP reply codes in report fields and bounce texts. */
final class StatusCodes {

    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");
    private static final Pattern REPLY = Pattern.compile("(?<![\\d.-])([45])[0-5]\\d(?=[\\s-])");

    private StatusCodes() {
    }

    /** The first enhanced status code in {@code text}, or null. */
    static String enhanced(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = ENHANCED.matcher(text);
        return matcher.find() ? matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3) : null;
    }

    /** A class-only status ({@code 5.0.0}, {@code 4.0.0}) from the first SMTP reply code in {@code text}, or null. */
    static String fromReplyCode(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = REPLY.matcher(text + " ");
        return matcher.find() ? matcher.group(1) + ".0.0" : null;
    }
}
