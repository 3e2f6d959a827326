package dev.replygate.mailbox;

import dev.replygate.config.DispositionConfig;
import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.config.MailboxConfig;
import dev.replygate.logging.LogContext;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the dispositions of one batch in an IMAP folder, one command per outcome: MOVE to the
 * outcome's folder (COPY, \Deleted and UID EXPUNGE where the server lacks MOVE), or STORE of the
 * outcome's keyword.
 */
final class ImapDispositions {

    private static final Logger log = LoggerFactory.getLogger(ImapDispositions.class);

    private final MailboxConfig config;
    private final ImapFolders folders;
    private final boolean moveWhenOffered;

    ImapDispositions(MailboxConfig config) {
        this(config, true);
    }

    /** With {@code moveWhenOffered} false, moves as if the server lacked MOVE (to test that path on any server). */
    ImapDispositions(MailboxConfig config, boolean moveWhenOffered) {
        this.config = config;
        this.folders = new ImapFolders();
        this.moveWhenOffered = moveWhenOffered;
    }

    /** Checks, before anything is read, that the folder can take what {@link #apply} will do. */
    void checkUsable(IMAPFolder folder) throws MessagingException {
        if (config.disposition().mode() == Mode.KEYWORD && !folder.getPermanentFlags().contains(Flags.Flag.USER)) {
            throw new MessagingException("folder " + folder.getFullName() + " does not keep keywords;"
                    + " set disposition.mode to move");
        }
    }

    void apply(IMAPStore store, IMAPFolder folder, List<Accepted> accepted) throws MessagingException {
        for (Map.Entry<Disposition, List<Accepted>> group : byDisposition(accepted).entrySet()) {
            Message[] messages = group.getValue().stream().map(Accepted::message).toArray(Message[]::new);
            String done;
            if (config.disposition().mode() == Mode.KEYWORD) {
                String keyword = config.disposition().keywordPrefix() + group.getKey().label();
                folder.setFlags(messages, new Flags(keyword), true);
                done = "keyword " + keyword + " set";
            } else {
                String path = folderOf(config.disposition(), group.getKey());
                move(store, folder, messages, path);
                done = "moved to " + path;
            }
            for (Accepted message : group.getValue()) {
                LogContext.message(config.name(), message.key())
                        .around(() -> log.info("{} {}", message.messageId(), done));
            }
        }
    }

    private void move(IMAPStore store, IMAPFolder folder, Message[] messages, String path) throws MessagingException {
        try {
            Folder target = folders.existing(store, path);
            if (moveWhenOffered && store.hasCapability("MOVE")) {
                folder.moveMessages(messages, target);
            } else {
                copyAndExpunge(store, folder, messages, target);
            }
        } catch (FolderNotFoundException e) {
            folders.forget();
            throw e;
        }
    }

    private void copyAndExpunge(IMAPStore store, IMAPFolder folder, Message[] messages, Folder target)
            throws MessagingException {
        folder.copyMessages(messages, target);
        folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
        if (store.hasCapability("UIDPLUS")) {
            folder.expunge(messages);
        } else {
            // A plain EXPUNGE would also remove messages someone else flagged \Deleted.
            log.warn("the server has neither MOVE nor UIDPLUS; {} message(s) copied to {} stay flagged"
                    + " \\Deleted in {} until the mailbox is expunged", messages.length,
                    target.getFullName(), folder.getFullName());
        }
    }

    private static String folderOf(DispositionConfig disposition, Disposition outcome) {
        return switch (outcome) {
            case REDIRECTED -> disposition.redirected();
            case IGNORED -> disposition.ignored();
            case QUARANTINED -> disposition.quarantined();
        };
    }

    private static Map<Disposition, List<Accepted>> byDisposition(List<Accepted> accepted) {
        Map<Disposition, List<Accepted>> groups = new EnumMap<>(Disposition.class);
        for (Accepted message : accepted) {
            groups.computeIfAbsent(message.disposition(), outcome -> new ArrayList<>()).add(message);
        }
        return groups;
    }
}
