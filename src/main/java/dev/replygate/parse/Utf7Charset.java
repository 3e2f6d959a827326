package dev.replygate.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.util.Arrays;

/**
 * UTF-7 (RFC 2152), for reading only: old mail programs still send it and no JDK charset reads
 * it. Printable ASCII stands for itself; {@code +} opens a run of base64 without padding that
 * holds UTF-16BE, closed by {@code -} (which is dropped) or by any byte outside the base64
 * alphabet; {@code +-} is a plain {@code +}. Leftover bits at the end of a run are ignored.
 */
final class Utf7Charset extends Charset {

    static final Utf7Charset INSTANCE = new Utf7Charset();

    private static final byte[] BASE64 = new byte[128];

    static {
        Arrays.fill(BASE64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Utf7Charset() {
        super("UTF-7", new String[] {"unicode-1-1-utf-7", "x-unicode-2-0-utf-7", "csUnicode11UTF7"});
    }

    /** UTF-7 can write every Unicode character. */
    @Override
    public boolean contains(Charset charset) {
        return true;
    }

    @Override
    public boolean canEncode() {
        return false;
    }

    @Override
    public CharsetDecoder newDecoder() {
        return new Decoder(this);
    }

    @Override
    public CharsetEncoder newEncoder() {
        throw new UnsupportedOperationException("UTF-7 is only read, never written");
    }

    private static final class Decoder extends CharsetDecoder {

        private boolean inBase64;
        private boolean justOpened;
        private int bits;
        private int bitCount;

        Decoder(Charset charset) {
            super(charset, 0.6f, 1.0f);
        }

        @Override
        protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
            while (in.hasRemaining()) {
                int b = in.get(in.position()) & 0xff;
                if (inBase64) {
                    int value = b < 128 ? BASE64[b] : -1;
                    if (value >= 0) {
                        if (bitCount >= 10 && !out.hasRemaining()) {
                            return CoderResult.OVERFLOW;
                        }
                        in.get();
                        addSextet(value, out);
                        continue;
                    }
                    if (b == '-') {
                        if (justOpened) {
                            if (!out.hasRemaining()) {
                                return CoderResult.OVERFLOW;
                            }
                            out.put('+');
                        }
                        in.get();
                    }
                    implReset();
                    continue;
                }
                if (b == '+') {
                    in.get();
                    inBase64 = true;
                    justOpened = true;
                    continue;
                }
                if (b >= 0x80) {
                    return CoderResult.malformedForLength(1);
                }
                if (!out.hasRemaining()) {
                    return CoderResult.OVERFLOW;
                }
                in.get();
                out.put((char) b);
            }
            return CoderResult.UNDERFLOW;
        }

        private void addSextet(int value, CharBuffer out) {
            justOpened = false;
            bits = (bits << 6) | value;
            bitCount += 6;
            if (bitCount >= 16) {
                bitCount -= 16;
                out.put((char) (bits >>> bitCount));
                bits &= (1 << bitCount) - 1;
            }
        }

        @Override
        protected void implReset() {
            inBase64 = false;
            justOpened = false;
            bits = 0;
            bitCount = 0;
        }
    }
}
