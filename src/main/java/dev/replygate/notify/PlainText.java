package dev.replygate.notify;

import dev.replygate.text.HtmlToText;

/** Tidies a text part: no trailing spaces, at most one blank line in a row, one final newline. */
final class PlainText {

    private PlainText() {
    }

    /** The tidy text part of our own rendered HTML ({@link HtmlToText#ofOurHtml}). */
    static String ofHtml(String html) {
        return tidy(HtmlToText.ofOurHtml(html));
    }

    static String tidy(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        int blankRun = 0;
        for (String line : lines) {
            String trimmed = line.stripTrailing();
            if (trimmed.isEmpty()) {
                blankRun++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append(blankRun > 0 ? "\n\n" : "\n");
            }
            out.append(trimmed);
            blankRun = 0;
        }
        return out.isEmpty() ? "" : out.append('\n').toString();
    }
}
