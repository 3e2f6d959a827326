package dev.replygate.decide;

import java.util.Locale;

/**
 * The lexical side of an Authentication-Results value (RFC 8601 §2.2): comments and folding white
 * space between the parts, keywords, tokens, quoted strings and property values. Reading past
 * what the grammar allows throws {@link Malformed}; nothing else is thrown.
 */
final class AuthResultsScanner {

    /** The text does not follow the grammar. Carries no stack trace: it is expected, and cheap. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_DIGITS = 9;

    private final String text;
    private int position;

    AuthResultsScanner(String text) {
        this.text = text;
    }

    boolean atEnd() {
        return position >= text.length();
    }

    /** The next character, or -1 at the end. */
    int peek() {
        return atEnd() ? -1 : text.charAt(position);
    }

    /** True when the next character is {@code c}: then it is consumed. */
    boolean skip(char c) {
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!skip(c)) {
            throw malformed("expected '" + c + "'");
        }
    }

    int mark() {
        return position;
    }

    void reset(int mark) {
        position = mark;
    }

    /** Skips white space, line breaks left by folding, and comments (nested, with quoted pairs). */
    void skipCfws() {
        while (!atEnd()) {
            char c = text.charAt(position);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                position++;
            } else if (c == '(') {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        int depth = 0;
        while (!atEnd()) {
            char c = text.charAt(position++);
            if (c == '\\') {
                position++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return;
            }
        }
        throw malformed("unterminated comment");
    }

    /** A keyword: letters, digits, hyphens and (seen in the wild) underscores; lower-cased. */
    String keyword() {
        int start = position;
        while (!atEnd() && isKeywordChar(text.charAt(position))) {
            position++;
        }
        if (start == position) {
            throw malformed("expected a keyword");
        }
        return text.substring(start, position).toLowerCase(Locale.ROOT);
    }

    /** One or more digits, as a number. */
    int digits() {
        int start = position;
        while (!atEnd() && isDigit(text.charAt(position))) {
            position++;
        }
        if (start == position || position - start > MAX_DIGITS) {
            throw malformed("expected a number");
        }
        return Integer.parseInt(text, start, position, 10);
    }

    boolean atDigit() {
        return !atEnd() && isDigit(text.charAt(position));
    }

    /** An RFC 2045 token (non-ASCII letters allowed, for internationalised names) or a quoted string. */
    String tokenOrQuoted() {
        if (peek() == '"') {
            return quotedString();
        }
        int start = position;
        while (!atEnd() && isTokenChar(text.charAt(position))) {
            position++;
        }
        if (start == position) {
            throw malformed("expected a token");
        }
        return text.substring(start, position);
    }

    /**
     * A property or reason value: a quoted string (returned unquoted), a quoted local part followed by
     * {@code @domain} (returned as written), or a run of characters up to white space, {@code ;}, a
     * comment or a quote. Laxer than the RFC's token on purpose: servers write base64 signature
     * fragments ({@code header.b=Ab+/cd=}) and bracketed addresses. May be empty.
     */
    String value() {
        if (peek() == '"') {
            int start = position;
            String unquoted = quotedString();
            if (peek() != '@') {
                return unquoted;
            }
            run();
            return text.substring(start, position);
        }
        int start = position;
        run();
        return text.substring(start, position);
    }

    private void run() {
        while (!atEnd() && isValueChar(text.charAt(position))) {
            position++;
        }
    }

    private String quotedString() {
        expect('"');
        StringBuilder content = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return content.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                c = text.charAt(position++);
            }
            content.append(c);
        }
        throw malformed("unterminated quoted string");
    }

    private Malformed malformed(String what) {
        return new Malformed(what + " at offset " + position);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isKeywordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '-' || c == '_';
    }

    private static boolean isTokenChar(char c) {
        if (c >= 0x80) {
            return !Character.isWhitespace(c) && !Character.isISOControl(c);
        }
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }

    private static boolean isValueChar(char c) {
        if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
            return false;
        }
        return c != ';' && c != '(' && c != ')' && c != '"' && c != '\\';
    }
}
