package dev.replygate.notify;

/**
 * Accumulates plain text the way a browser lays out HTML: runs of white space become one
 * space, and block boundaries become line breaks without piling up blank lines.
 */
final class TextWriter {

    private final StringBuilder out = new StringBuilder();
    private int pendingBreaks;
    private boolean pendingSpace;

    /** Text from the document; its white space collapses. */
    void text(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                pendingSpace = true;
            } else {
                flush();
                out.append(c);
            }
        }
    }

    /** Text written as it is, after any pending break, e.g. a list bullet. */
    void verbatim(String text) {
        flush();
        out.append(text);
    }

    /** A {@code <br>}: always a new line, so two of them leave a blank line. */
    void lineBreak() {
        if (out.isEmpty()) {
            return;
        }
        flush();
        out.append('\n');
    }

    /** A block boundary: at least {@code newlines} line breaks before the next text. */
    void block(int newlines) {
        pendingBreaks = Math.max(pendingBreaks, newlines);
        pendingSpace = false;
    }

    private void flush() {
        if (out.isEmpty()) {
            pendingBreaks = 0;
            pendingSpace = false;
            return;
        }
        if (pendingBreaks > 0) {
            trimTrailingSpaces();
            for (int have = trailingNewlines(); have < pendingBreaks; have++) {
                out.append('\n');
            }
        } else if (pendingSpace && !endsWithSpaceOrNewline()) {
            out.append(' ');
        }
        pendingBreaks = 0;
        pendingSpace = false;
    }

    private void trimTrailingSpaces() {
        while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }

    private int trailingNewlines() {
        int count = 0;
        for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n'; i--) {
            count++;
        }
        return count;
    }

    private boolean endsWithSpaceOrNewline() {
        char last = out.charAt(out.length() - 1);
        return last == ' ' || last == '\n';
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
