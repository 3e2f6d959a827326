package dev.replygate.config;

/**
 * What happens on the server to a message once its outcome is recorded.
 *
 * @param mode          imap: move or keyword; pop3: keep or delete
 * @param redirected    imap move: folder for messages that got an answer (or would have)
 * @param ignored       imap move: folder for messages that were ignored
 * @param quarantined   imap move: folder for messages that could not be processed
 * @param keywordPrefix imap keyword: keywords are this plus {@code redirected}, {@code ignored} or
 *                      {@code quarantined}
 */
public record DispositionConfig(Mode mode, String redirected, String ignored, String quarantined,
                                String keywordPrefix) {

    public enum Mode {
        /** IMAP: move to the outcome's folder. */
        MOVE,
        /** IMAP: leave in place and set the outcome's keyword. */
        KEYWORD,
        /** POP3: leave on the server and remember its UIDL. */
        KEEP,
        /** POP3: delete from the server (quarantined messages are kept). */
        DELETE
    }
}
