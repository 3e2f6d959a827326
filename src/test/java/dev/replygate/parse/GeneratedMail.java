package dev.replygate.parse;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A large message made on the fly, never held whole: a text/plain part of many lines and a
 * base64 attachment, generated line by line as they are read.
 */
final class GeneratedMail extends InputStream {

    static final int BYTES_PER_BASE64_LINE = 57;

    private static final byte[] HEAD = ascii("""
            From: Big Sender <big@example.com>\r
            To: support@example.com\r
            Subject: a large attachment\r
            Message-ID: <large@example.com>\r
            Content-Type: multipart/mixed; boundary="gen-boundary"\r
            \r
            --gen-boundary\r
            Content-Type: text/plain; charset=us-ascii\r
            \r
            """);
    private static final byte[] TEXT_LINE = ascii("All work and no play makes a very long message.\r\n");
    private static final byte[] ATTACHMENT_HEAD = ascii("""
            \r
            --gen-boundary\r
            Content-Type: application/octet-stream\r
            Content-Disposition: attachment; filename="large.bin"\r
            Content-Transfer-Encoding: base64\r
            \r
            """);
    private static final byte[] BASE64_LINE = base64Line();
    private static final byte[] TAIL = ascii("--gen-boundary--\r\n");

    private final long length;
    private final Iterator<byte[]> chunks;
    private byte[] chunk = new byte[0];
    private int position;

    /** About {@code textBytes} of text and exactly {@code attachmentLines} × 57 bytes of attachment. */
    GeneratedMail(long textLines, long attachmentLines) {
        this.length = HEAD.length + textLines * TEXT_LINE.length + ATTACHMENT_HEAD.length
                + attachmentLines * BASE64_LINE.length + TAIL.length;
        this.chunks = Stream.of(Stream.of(HEAD), Stream.generate(() -> TEXT_LINE).limit(textLines),
                        Stream.of(ATTACHMENT_HEAD), Stream.generate(() -> BASE64_LINE).limit(attachmentLines),
                        Stream.of(TAIL))
                .flatMap(stream -> stream)
                .iterator();
    }

    /** The bytes this stream yields in all. */
    long length() {
        return length;
    }

    static long textLineLength() {
        return TEXT_LINE.length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int wanted) {
        while (position == chunk.length) {
            if (!chunks.hasNext()) {
                return -1;
            }
            chunk = chunks.next();
            position = 0;
        }
        int n = Math.min(wanted, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        return n;
    }

    private static byte[] base64Line() {
        byte[] data = new byte[BYTES_PER_BASE64_LINE];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return ascii(Base64.getEncoder().encodeToString(data) + "\r\n");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
