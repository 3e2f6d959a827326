package dev.replygate.mailbox;

/**
 * A message listed under a key already recorded whose raw bytes are not the recorded message's: its server gave
 * the key of a message processed before to a new one (a POP3 server reusing UIDLs). It is not the recorded
 * message, so it must not be taken for it (and deleted unread); nor can it be read exactly once under a key another
 * message holds. The mailbox leaves it on the server unread and names it on its status, every run, until an admin
 * acts; the others are read.
 */
public final class OtherMessageUnderKey extends MessageDeferred {

    /** @param recordedSha256 the SHA-256 of the recorded message, hex; {@code listedSha256} that of the listed one */
    public OtherMessageUnderKey(String recordedSha256, String listedSha256) {
        super("its key is recorded for another message (SHA-256 " + shortened(recordedSha256) + "…, this one "
                + shortened(listedSha256) + "…)", null);
    }

    private static String shortened(String sha256) {
        return sha256.substring(0, Math.min(12, sha256.length()));
    }
}
