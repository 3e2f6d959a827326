package dev.replygate.mailbox;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes folders and connections at the end of a run, where a failure to close only needs a log line. */
final class Closing {

    private static final Logger log = LoggerFactory.getLogger(Closing.class);

    private Closing() {
    }

    /** Closes {@code folder} without expunging (Folder.close() would expunge); null or closed is fine. */
    static void folder(Folder folder) {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing folder: {}", e.toString());
        }
    }

    static void connection(Service service) {
        try {
            if (service != null) {
                service.close();
            }
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing the connection: {}", e.toString());
        }
    }
}
