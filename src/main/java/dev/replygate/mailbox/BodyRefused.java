package dev.replygate.mailbox;

import java.io.IOException;

/**
 * The mail server refused a message's body, or ended it short of what it holds: a {@code NO} to the body's
 * FETCH, a FETCH response without the body, a body cut before its end, a POP3 {@code -ERR} to RETR. The
 * connection is fine and the server still serves other messages' bodies ({@link RefusalWitnesses}; when it does
 * not, the read fails with {@link ServerRefusesBodies}, an outage, instead): a failure of this message's read, so
 * the inbound stage defers the message (and quarantines it after its failed attempts) instead of taking the
 * missing bytes for the message or stopping the mailbox.
 *
 * <p>Its text names the message's place and what the server said, never the message's own bytes.
 */
public final class BodyRefused extends IOException {

    private static final int MAX_SERVER_TEXT = 200;

    public BodyRefused(String description) {
        super(description);
    }

    /** The server's response text for a message: printable ASCII only, cut (a server may echo anything). */
    static String serverText(String text) {
        StringBuilder cleaned = new StringBuilder();
        String.valueOf(text).codePoints().map(c -> c >= 0x20 && c < 0x7F ? c : ' ').limit(MAX_SERVER_TEXT)
                .forEach(cleaned::appendCodePoint);
        return cleaned.toString().strip();
    }
}
