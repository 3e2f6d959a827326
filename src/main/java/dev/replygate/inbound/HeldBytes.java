package dev.replygate.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a message that may be examined in memory: at most a limit plus one byte, so that the caller sees whether
 * there was more.
 *
 * <p>{@link InputStream#readNBytes(int)} gathers what it reads in 8 KB pieces and copies them into the array it
 * returns, twice the bytes of every message (a gigabyte of a 20 000-message backlog's allocations). The size the
 * server claimed (IMAP's RFC822.SIZE) is read into one array of that size instead; the claim is a stranger's
 * word, so a stream that ends sooner or goes on longer is read to what it holds, as before.
 */
final class HeldBytes {

    private HeldBytes() {
    }

    /**
     * The bytes of {@code raw} up to {@code limit + 1}: all of them when it holds at most {@code limit}.
     *
     * @param claimedSize what the server says the message holds; -1 when it says nothing
     */
    static byte[] read(InputStream raw, long claimedSize, int limit) throws IOException {
        if (claimedSize < 0 || claimedSize > limit) {
            return raw.readNBytes(limit + 1);
        }
        byte[] claimed = new byte[(int) claimedSize];
        int read = raw.readNBytes(claimed, 0, claimed.length);
        if (read < claimed.length) {
            return Arrays.copyOf(claimed, read);
        }
        int next = raw.read();
        if (next < 0) {
            return claimed;
        }
        byte[] more = raw.readNBytes(limit - claimed.length);
        byte[] all = Arrays.copyOf(claimed, claimed.length + 1 + more.length);
        all[claimed.length] = (byte) next;
        System.arraycopy(more, 0, all, claimed.length + 1, more.length);
        return all;
    }
}
