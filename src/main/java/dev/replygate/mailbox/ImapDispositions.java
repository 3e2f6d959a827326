package dev.replygate.mailbox;

import dev.replygate.config.DispositionConfig;
import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.config.MailboxConfig;
import dev.replygate.logging.LogContext;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
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
 * Applies the dispositions of one batch in an IMAP folder, one command per outcome, by UID: UID MOVE to the
 * outcome's folder (UID COPY, UID STORE \Deleted and UID EXPUNGE where the server lacks MOVE), or STORE of the
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
        UidCommands commands = new UidCommands(folder);
        for (Map.Entry<Disposition, List<Accepted>> group : byDisposition(accepted).entrySet()) {
            long[] uids = uids(folder, group.getValue());
            String done;
            if (config.disposition().mode() == Mode.KEYWORD) {
                String keyword = config.disposition().keywordPrefix() + group.getKey().label();
                commands.addFlag(uids, keyword);
                done = "keyword " + keyword + " set";
            } else {
                String path = folderOf(config.disposition(), group.getKey());
                move(store, folder, commands, uids, path);
                done = "moved to " + path;
            }
            for (Accepted message : group.getValue()) {
                LogContext.message(config.name(), message.key())
                        .around(() -> log.info("{} {}", message.messageId(), done));
            }
        }
    }

    private void move(IMAPStore store, IMAPFolder folder, UidCommands commands, long[] uids, String path)
            throws MessagingException {
        try {
            Folder target = folders.existing(store, path);
            if (moveWhenOffered && store.hasCapability("MOVE")) {
                commands.move(uids, target.getFullName());
            } else {
                copyAndExpunge(store, folder, commands, uids, target);
            }
        } catch (FolderNotFoundException e) {
            folders.forget();
            throw e;
        }
    }

    private void copyAndExpunge(IMAPStore store, IMAPFolder folder, UidCommands commands, long[] uids, Folder target)
            throws MessagingException {
        commands.copy(uids, target.getFullName());
        commands.addFlag(uids, "\\Deleted");
        if (store.hasCapability("UIDPLUS")) {
            commands.expunge(uids);
        } else {
            // A plain EXPUNGE would also remove messages someone else flagged \Deleted.
            log.warn("the server has neither MOVE nor UIDPLUS; {} message(s) copied to {} stay flagged"
                    + " \\Deleted in {} until the mailbox is expunged", uids.length,
                    target.getFullName(), folder.getFullName());
        }
    }

    private static long[] uids(IMAPFolder folder, List<Accepted> messages) throws MessagingException {
        long[] uids = new long[messages.size()];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = folder.getUID(messages.get(i).message());
        }
        return uids;
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
