package dev.replygate.mailbox;

import dev.replygate.config.DispositionConfig;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.MailboxConfig.Protocol;
import dev.replygate.config.MailboxConfig.Security;
import dev.replygate.oauth2.AccessTokens;
import dev.replygate.probe.FailureDiagnosis;
import dev.replygate.probe.HostResolution;
import dev.replygate.probe.ProbeFailure;
import dev.replygate.probe.ProbeReport;
import dev.replygate.probe.TlsSessionRecorder;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.ReadOnlyFolderException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.pop3.POP3Store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code replygate mailbox test}: resolves, connects, shows the TLS session, logs in, lists the
 * capabilities replygate uses, looks at the folder read (opened read-only), whether its mail carries
 * Return-Path, and whether the disposition folders exist or can be created, or, in keyword mode, whether
 * the server keeps keywords of our own on the folder read. It changes nothing on the server: no folder is
 * created, no flag set, no message moved or expunged.
 * <p>
 * The keyword check alone opens the folder read-write (IMAP SELECT), as the daemon does: a server names
 * the flags it keeps only there (on EXAMINE, Dovecot rightly answers {@code PERMANENTFLAGS ()}). It reads
 * that answer and closes the folder without expunging (UNSELECT, or EXAMINE then CLOSE); no command
 * between touches a message. The one trace a SELECT leaves is the server's own: messages that arrived
 * since the last SELECT are no longer {@code \Recent} to the next session, a mark no client can set and
 * replygate never reads.
 */
public final class MailboxProbe {

    /** Bounds every wait for the server: an admin waits at the terminal. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The newest messages whose header is looked at for Return-Path. */
    static final int RETURN_PATH_SAMPLE = 20;
    private static final List<String> IMAP_CAPABILITIES = List.of("IDLE", "MOVE", "UIDPLUS", "CONDSTORE");
    private static final int FOLDERS_NAMED = 20;
    private static final Map<Flags.Flag, String> SYSTEM_FLAGS = Map.of(Flags.Flag.ANSWERED, "\\Answered",
            Flags.Flag.DELETED, "\\Deleted", Flags.Flag.DRAFT, "\\Draft", Flags.Flag.FLAGGED, "\\Flagged",
            Flags.Flag.RECENT, "\\Recent", Flags.Flag.SEEN, "\\Seen");

    private MailboxProbe() {
    }

    public static ProbeReport test(MailboxConfig config) {
        String protocol = config.protocol().name().toLowerCase(Locale.ROOT);
        String server = config.host() + ":" + config.port();
        ProbeReport report = new ProbeReport("mailbox " + config.name() + " (" + protocol + " " + server
                + ", security " + config.security().name().toLowerCase(Locale.ROOT) + ")");
        if (!HostResolution.resolve(report, config.host())) {
            return report;
        }
        TlsSessionRecorder tls = new TlsSessionRecorder();
        Properties properties = MailSessions.properties(config, TIMEOUT);
        properties.put("mail." + protocol + ".ssl.socketFactory", tls);
        // headers alone (TOP n 0) for the Return-Path look; the daemon reads whole messages instead
        properties.setProperty("mail." + protocol + ".disabletop", "false");
        boolean oauth2 = config.oauth2().isPresent();
        String secret;
        try {
            secret = MailSessions.secret(config);
        } catch (MessagingException e) {
            return report.fail("token", ProbeFailure.TOKEN_REJECTED, Failures.describe(e));
        }
        Store store;
        try {
            store = MailSessions.unconnected(config, properties);
            store.connect(config.host(), config.port(), config.username(), secret);
        } catch (MessagingException e) {
            config.oauth2().ifPresent(login -> AccessTokens.of(login).rejected());
            return FailureDiagnosis.connectFailed(report, e, server, config.username(), oauth2);
        }
        try {
            report.found("connect", "connected to " + server);
            report.found("tls", config.security() == Security.NONE ? "none (security: none)"
                    : tls.describeSession(config.host()).orElse("none"));
            report.found("login", "logged in as " + config.username()
                    + (oauth2 ? " with an OAuth2 token (XOAUTH2)" : ""));
            report.found("capabilities", capabilities(store, config.protocol()));
            return config.protocol() == Protocol.IMAP ? imapFolders(store, config, report)
                    : inbox(store, config, report);
        } catch (MessagingException e) {
            return report.fail("server", ProbeFailure.OTHER, "the server failed a command: "
                    + Failures.describe(e));
        } finally {
            Closing.connection(store);
        }
    }

    private static String capabilities(Store store, Protocol protocol) throws MessagingException {
        List<String> found = new ArrayList<>();
        if (protocol == Protocol.IMAP) {
            IMAPStore imap = (IMAPStore) store;
            for (String capability : IMAP_CAPABILITIES) {
                found.add(capability + (imap.hasCapability(capability) ? " yes" : " no"));
            }
        } else {
            Map<String, String> offered = ((POP3Store) store).capabilities();
            found.add(offered == null ? "the server lists none (no CAPA)" : String.join(" ", offered.keySet()));
        }
        return String.join(", ", found);
    }

    private static ProbeReport imapFolders(Store store, MailboxConfig config, ProbeReport report)
            throws MessagingException {
        Folder folder = ImapFolders.onServer(store, config.folder());
        if (!folder.exists()) {
            return report.fail("folder", ProbeFailure.FOLDER_MISSING, "folder " + config.folder()
                    + " does not exist; the server has: " + folderNames(store));
        }
        readOnlyLook(folder, config, report);
        DispositionConfig disposition = config.disposition();
        if (disposition.mode() == DispositionConfig.Mode.KEYWORD) {
            return keywords(folder, config, report);
        }
        Set<String> targets = new LinkedHashSet<>(
                List.of(disposition.redirected(), disposition.ignored(), disposition.quarantined()));
        for (String path : targets) {
            Folder target = ImapFolders.onServer(store, path);
            if (target.exists()) {
                report.found("disposition", path + ": exists");
                continue;
            }
            Folder ancestor = target.getParent();
            while (ancestor != null && !ancestor.exists()) {
                ancestor = ancestor.getParent();
            }
            if (ancestor == null || (ancestor.getType() & Folder.HOLDS_FOLDERS) == 0) {
                String under = ancestor == null || ancestor.getFullName().isEmpty() ? "the top level"
                        : ancestor.getFullName();
                return report.fail("disposition", ProbeFailure.FOLDER_UNUSABLE, "folder " + path
                        + " is missing and cannot be created: " + under + " may hold no folders");
            }
            report.found("disposition", path + ": missing, created at the first move");
        }
        return report;
    }

    /**
     * Whether the server keeps keywords of our own on the folder: {@code \*} among the PERMANENTFLAGS of a
     * read-write SELECT, where {@link ImapDispositions#checkUsable} looks before the daemon sets one.
     */
    private static ProbeReport keywords(Folder folder, MailboxConfig config, ProbeReport report)
            throws MessagingException {
        try {
            folder.open(Folder.READ_WRITE);
        } catch (ReadOnlyFolderException e) {
            return report.fail("disposition", ProbeFailure.KEYWORDS_REFUSED, "the server opens " + config.folder()
                    + " read-only for " + config.username() + " (it refused a read-write SELECT), so"
                    + " disposition.mode keyword cannot mark messages");
        }
        try {
            Flags kept = folder.getPermanentFlags();
            if (!kept.contains(Flags.Flag.USER)) {
                return report.fail("disposition", ProbeFailure.KEYWORDS_REFUSED, "the server keeps no keywords"
                        + " of our own on " + config.folder() + " (PERMANENTFLAGS on a read-write SELECT: "
                        + systemFlags(kept) + "), so disposition.mode keyword cannot mark messages");
            }
            report.found("disposition", "keywords " + config.disposition().keywordPrefix() + "… can be set on "
                    + config.folder() + " (selected read-write to ask, closed without expunging)");
            return report;
        } finally {
            Closing.folder(folder);
        }
    }

    /** The system flags of {@code flags} as IMAP writes them: {@code (\Seen \Deleted)}. */
    private static String systemFlags(Flags flags) {
        List<String> names = new ArrayList<>();
        for (Flags.Flag flag : flags.getSystemFlags()) {
            names.add(SYSTEM_FLAGS.getOrDefault(flag, "\\?"));
        }
        return "(" + String.join(" ", names) + ")";
    }

    private static ProbeReport inbox(Store store, MailboxConfig config, ProbeReport report)
            throws MessagingException {
        readOnlyLook(store.getFolder(config.folder()), config, report);
        report.found("disposition", config.disposition().mode().name().toLowerCase(Locale.ROOT)
                + ": nothing to check on the server");
        return report;
    }

    /** The message count and, from the newest messages' headers, whether delivered mail carries Return-Path. */
    private static void readOnlyLook(Folder folder, MailboxConfig config, ProbeReport report)
            throws MessagingException {
        folder.open(Folder.READ_ONLY);
        try {
            int count = folder.getMessageCount();
            report.found("folder", config.folder() + ": " + count + " message(s), opened read-only");
            if (count == 0) {
                report.found("return-path", "no message to look at");
                return;
            }
            Message[] newest = folder.getMessages(Math.max(1, count - RETURN_PATH_SAMPLE + 1), count);
            FetchProfile profile = new FetchProfile();
            profile.add("Return-Path");
            folder.fetch(newest, profile);
            ReturnPathReport returnPath = new ReturnPathReport(config.name());
            for (Message message : newest) {
                returnPath.add(message.getHeader("Return-Path") != null);
            }
            report.found("return-path", returnPath.sentence());
        } finally {
            Closing.folder(folder);
        }
    }

    private static String folderNames(Store store) throws MessagingException {
        List<String> names = new ArrayList<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
            if (names.size() == FOLDERS_NAMED) {
                names.add("…");
                break;
            }
            names.add(folder.getFullName());
        }
        return names.isEmpty() ? "no folders" : String.join(", ", names);
    }
}
