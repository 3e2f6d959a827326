package dev.replygate.mailbox;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;

/**
 * The folders messages are moved to. The config writes them with {@code /} between levels; the
 * server's own separator is used. A missing folder is created (and subscribed, so that mail
 * programs show it). Folders known to exist are remembered between runs.
 */
final class ImapFolders {

    private static final Logger log = LoggerFactory.getLogger(ImapFolders.class);

    private final Set<String> known = new HashSet<>();
    private Character separator;

    /** The folder at {@code path}, created when missing. */
    Folder existing(Store store, String path) throws MessagingException {
        Folder folder = store.getFolder(serverName(store, path));
        if (known.contains(folder.getFullName())) {
            return folder;
        }
        if (!folder.exists()) {
            if (!folder.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("cannot create folder " + folder.getFullName());
            }
            log.info("created folder {}", folder.getFullName());
            subscribe(folder);
        }
        known.add(folder.getFullName());
        return folder;
    }

    /** Forgets which folders exist, after a move failed (one may have been deleted meanwhile). */
    void forget() {
        known.clear();
        separator = null;
    }

    private String serverName(Store store, String path) throws MessagingException {
        if (separator == null) {
            separator = store.getDefaultFolder().getSeparator();
        }
        return serverName(path, separator);
    }

    /** The folder at {@code path} (levels split by {@code /}), named with the server's separator; not opened. */
    static Folder onServer(Store store, String path) throws MessagingException {
        return store.getFolder(serverName(path, store.getDefaultFolder().getSeparator()));
    }

    private static String serverName(String path, char separator) {
        return separator == '/' ? path : path.replace('/', separator);
    }

    private void subscribe(Folder folder) {
        try {
            folder.setSubscribed(true);
        } catch (MessagingException e) {
            log.warn("created folder {} but cannot subscribe to it: {}", folder.getFullName(),
                    e.getMessage());
        }
    }
}
