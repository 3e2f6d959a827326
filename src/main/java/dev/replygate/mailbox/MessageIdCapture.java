package dev.replygate.mailbox;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Notes a message's Message-ID, for log lines, and whether its header has a Return-Path field (for
 * {@link ReturnPathReport}), while its bytes stream past to the inbound stage, so that no extra
 * command fetches them. Looks at the header only, and at most {@value #MAX_HEADER_BYTES} bytes of it;
 * the value is cleaned for a log line (it is hostile input).
 */
final class MessageIdCapture {

    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_LINE_BYTES = 2048;
    private static final int MAX_ID_LENGTH = 200;

    private volatile String messageId;
    private volatile boolean headerRead;
    private volatile Boolean returnPath;

    /** {@code raw}, noting the Message-ID as it is read. */
    InputStream wrap(InputStream raw) {
        return messageId == null || returnPath == null ? new Watcher(raw) : raw;
    }

    /** The Message-ID seen in what was read so far. */
    Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** Whether the header has a Return-Path field; empty until the whole header was read. */
    Optional<Boolean> hasReturnPath() {
        return Optional.ofNullable(returnPath);
    }

    /**
     * The Message-ID for a log line: {@code <id@host>}, {@code (no Message-ID)}, or {@code (Message-ID not read)}
     * when the header was not read (a message already recorded is not fetched again).
     */
    String forLog() {
        return messageId().orElse(headerRead ? "(no Message-ID)" : "(Message-ID not read)");
    }

    static String clean(String value) {
        String trimmed = value.strip();
        int open = trimmed.indexOf('<');
        int close = open < 0 ? -1 : trimmed.indexOf('>', open);
        String id = close > open ? trimmed.substring(open, close + 1) : trimmed;
        StringBuilder cleaned = new StringBuilder();
        id.codePoints().filter(c -> c >= 0x21 && c < 0x7F).limit(MAX_ID_LENGTH).forEach(cleaned::appendCodePoint);
        return cleaned.toString();
    }

    private final class Watcher extends FilterInputStream {

        private final byte[] line = new byte[MAX_LINE_BYTES];
        private int lineLength;
        private StringBuilder field;
        private boolean returnPathSeen;
        private long headerBytes;
        private boolean done;

        Watcher(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                endOfStream();
            } else if (!done) {
                take(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count < 0) {
                endOfStream();
            }
            for (int i = 0; i < count && !done; i++) {
                take(buffer[offset + i] & 0xFF);
            }
            return count;
        }

        @Override
        public long skip(long n) throws IOException {
            done = true;
            return super.skip(n);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void take(int b) {
            if (++headerBytes > MAX_HEADER_BYTES) {
                headerRead = true;
                done = true;
            } else if (b == '\n') {
                lineEnded(new String(line, 0, lineLength, StandardCharsets.ISO_8859_1));
                lineLength = 0;
            } else if (b != '\r' && lineLength < MAX_LINE_BYTES) {
                line[lineLength++] = (byte) b;
            }
        }

        private void endOfStream() {
            if (!done && lineLength > 0) {
                lineEnded(new String(line, 0, lineLength, StandardCharsets.ISO_8859_1));
            }
            if (!done) {
                endOfHeader();
            }
        }

        private void endOfHeader() {
            endOfField();
            headerRead = true;
            done = true;
            if (returnPath == null) {
                returnPath = returnPathSeen;
            }
        }

        private void lineEnded(String text) {
            if (text.isEmpty()) {
                endOfHeader();
            } else if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
                if (field != null && field.length() < MAX_LINE_BYTES) {
                    field.append(text);
                }
            } else {
                endOfField();
                int colon = text.indexOf(':');
                String name = colon > 0 ? text.substring(0, colon).strip() : "";
                if (name.equalsIgnoreCase("Message-ID")) {
                    field = new StringBuilder(text.substring(colon + 1));
                }
                returnPathSeen |= name.equalsIgnoreCase("Return-Path");
            }
        }

        private void endOfField() {
            if (field != null) {
                String id = clean(field.toString());
                field = null;
                if (!id.isEmpty() && messageId == null) {
                    messageId = id;
                }
            }
        }
    }
}
