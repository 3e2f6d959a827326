package dev.replygate.config;

import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.config.MailboxConfig.Protocol;

import java.util.Locale;

/**
 * Binds a mailbox's {@code disposition}: a mode its protocol has, and folders other than the one the
 * mailbox reads (a message moved there would be read again).
 */
final class DispositionSection {

    private static final String[] FOLDER_KEYS = {"redirected", "ignored", "quarantined"};

    private DispositionSection() {
    }

    static DispositionConfig bind(MappingReader section, Protocol protocol, boolean protocolValid, String readFolder) {
        Mode fallbackMode = protocol == Protocol.IMAP ? Mode.MOVE : Mode.KEEP;
        Mode mode = section.optional("mode", fallbackMode, ValueParsers.oneOf(Mode.class));
        if (protocolValid && !fits(mode, protocol)) {
            section.reject("mode", "`" + mode.name().toLowerCase(Locale.ROOT) + "` is for "
                    + (protocol == Protocol.IMAP ? "pop3 mailboxes; an imap mailbox can move or keyword"
                    : "imap mailboxes; a pop3 mailbox can keep or delete"));
            mode = fallbackMode;
        }
        String redirected = folder(section, "redirected", "replygate/Redirected", protocol, protocolValid);
        String ignored = folder(section, "ignored", "replygate/Ignored", protocol, protocolValid);
        String quarantined = folder(section, "quarantined", "replygate/Quarantine", protocol, protocolValid);
        String keywordPrefix = MailboxSection.imapOnly(section, "keyword-prefix", "replygate-", "replygate-",
                ValueParsers.keywordPrefix(), protocol, protocolValid);
        if (protocol == Protocol.IMAP) {
            String[] folders = {redirected, ignored, quarantined};
            for (int i = 0; i < folders.length; i++) {
                if (sameFolder(folders[i], readFolder) && section.isValid(FOLDER_KEYS[i])) {
                    section.reject(FOLDER_KEYS[i], "`" + folders[i] + "` is the folder this mailbox reads;"
                            + " a message moved there would be read again");
                }
            }
        }
        return new DispositionConfig(mode, redirected, ignored, quarantined, keywordPrefix);
    }

    private static String folder(MappingReader section, String key, String fallback, Protocol protocol,
                                 boolean protocolValid) {
        return MailboxSection.imapOnly(section, key, fallback, fallback, ValueParsers.folderName(), protocol,
                protocolValid);
    }

    private static boolean fits(Mode mode, Protocol protocol) {
        return switch (mode) {
            case MOVE, KEYWORD -> protocol == Protocol.IMAP;
            case KEEP, DELETE -> protocol == Protocol.POP3;
        };
    }

    // INBOX is case-insensitive in IMAP (RFC 3501 5.1); other names are compared as written.
    private static boolean sameFolder(String a, String b) {
        return a.equals(b) || (a.equalsIgnoreCase(MailboxSection.INBOX) && b.equalsIgnoreCase(MailboxSection.INBOX));
    }
}
