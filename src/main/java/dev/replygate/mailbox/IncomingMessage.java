package dev.replygate.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One message in a mailbox, as the inbound stage receives it: where it is, a key stable across
 * runs, and its raw bytes as a stream.
 */
public final class IncomingMessage {

    /**
     * A message up to this size is read into memory to be examined (and an IMAP batch prefetches it whole, with
     * others); a larger one is streamed.
     */
    public static final int MAX_EXAMINED_IN_MEMORY = 1024 * 1024;

    private final String mailbox;
    private final String key;
    private final long uidValidity;
    private final long uid;
    private final long size;
    private final boolean shadow;
    private final RawSource raw;

    /**
     * @param mailbox     the configured name of the mailbox
     * @param key         {@code imap:<uidvalidity>:<uid>} or {@code pop3:<uidl>} ({@link Pop3Uidl#key}: a digest
     *                    for a UIDL too long to store); unique within the mailbox
     * @param uidValidity the folder's UIDVALIDITY; 0 for POP3
     * @param uid         the message's UID; 0 for POP3
     * @param size        the size the server reports, in bytes; -1 when unknown
     * @param shadow      true when the mailbox is in shadow mode: record, send nothing
     * @param raw         opens the raw RFC 5322 bytes
     */
    public IncomingMessage(String mailbox, String key, long uidValidity, long uid, long size, boolean shadow,
                           RawSource raw) {
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
        this.key = Objects.requireNonNull(key, "key");
        this.uidValidity = uidValidity;
        this.uid = uid;
        this.size = size;
        this.shadow = shadow;
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    private static final String POP3_PREFIX = "pop3:";

    static String imapKey(long uidValidity, long uid) {
        return "imap:" + uidValidity + ":" + uid;
    }

    /** @param uidlKey the UIDL's {@link Pop3Uidl#key} */
    static String pop3Key(String uidlKey) {
        return POP3_PREFIX + uidlKey;
    }

    /**
     * Whether the server may give this key to another message after this one is gone: a POP3 UIDL may be reused by a
     * server that breaks RFC 1939 (numbering by position, a recycled counter), an IMAP UID within its UIDVALIDITY
     * never is. For such a key already recorded, the inbound stage makes sure it is the recorded message
     * ({@link OtherMessageUnderKey}) before the mailbox deletes it.
     */
    public boolean keyMayBeReused() {
        return key.startsWith(POP3_PREFIX);
    }

    public String mailbox() {
        return mailbox;
    }

    public String key() {
        return key;
    }

    public long uidValidity() {
        return uidValidity;
    }

    public long uid() {
        return uid;
    }

    public long size() {
        return size;
    }

    public boolean shadow() {
        return shadow;
    }

    /**
     * A new stream of the message's raw bytes from its start, read from the server as it is
     * consumed (never held whole). The caller closes it, within {@link MessageSink#accept}. Opening or
     * reading it throws {@link BodyRefused} when the server refused the body or ended it early while it serves
     * other messages' (a failure of this message), any other {@link IOException} when the server could not be
     * read (an outage), {@link ServerRefusesBodies} among them: a server that refuses other messages' bodies too.
     */
    public InputStream openRaw() throws IOException {
        return raw.open();
    }

    @Override
    public String toString() {
        return mailbox + " " + key;
    }

    /** Opens the raw bytes of one message. */
    @FunctionalInterface
    public interface RawSource {
        InputStream open() throws IOException;
    }
}
