package dev.replygate.classify;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw message as a mail program saves it or a script appends it: every top-level {@code Return-Path}
 * field (with its folded lines) removed, every other byte kept.
 */
final class WithoutReturnPath {

    private static final Pattern LINE = Pattern.compile("[^\\r\\n]*(?:\\r\\n|\\r|\\n)");

    private WithoutReturnPath() {
    }

    static byte[] of(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(text.length());
        Matcher line = LINE.matcher(text);
        int at = 0;
        boolean dropping = false;
        while (line.find() && line.start() == at) {
            String current = line.group();
            at = line.end();
            if (current.isBlank()) {
                out.append(current);
                break;
            }
            boolean continuation = current.charAt(0) == ' ' || current.charAt(0) == '\t';
            if (!continuation) {
                dropping = current.toLowerCase(Locale.ROOT).matches("return-path[ \\t]*:(?s).*");
            }
            if (!dropping) {
                out.append(current);
            }
        }
        return out.append(text, at, text.length()).toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
