package dev.replygate.mailbox;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * UID SEARCH, UID MOVE, UID COPY, UID STORE and UID EXPUNGE on the open folder, through Angus's protocol object.
 * Angus's own {@code moveMessages}, {@code copyMessages} and {@code setFlags} name messages by sequence
 * number; a second reader of the same folder (an old node, a manual run) may expunge some of them
 * meanwhile, and the server then refuses the whole command ({@code NO [EXPUNGEISSUED]}). By UID, a
 * message someone else already moved away is simply not there: the server does nothing for it.
 */
final class UidCommands {

    private static final Logger log = LoggerFactory.getLogger(UidCommands.class);

    /** The largest UID there is (RFC 3501, nz-number: a 32-bit unsigned integer). */
    static final long MAX_UID = 0xFFFF_FFFFL;
    private static final Pattern UID = Pattern.compile("[1-9][0-9]{0,9}");

    private final IMAPFolder folder;

    UidCommands(IMAPFolder folder) {
        this.folder = folder;
    }

    /**
     * The UIDs above {@code uid} in the folder, ascending: a list of numbers from the server, where Angus's
     * {@code getMessagesByUID(n, LASTUID)} asks for a FETCH response per message and makes a message object of each
     * (a backlog of 19 000 took Dovecot 70-90 ms to list so, and 5 ms by SEARCH, for every run that reads 1 000 of it).
     * An answer that is not a list of UIDs (RFC 3501: numbers from 1 to 4294967295) fails the run, naming what came.
     */
    long[] above(long uid) throws MessagingException {
        long[] found = (long[]) folder.doCommand(protocol -> {
            Argument args = new Argument();
            args.writeAtom("UID");
            args.writeAtom((uid + 1) + ":*");
            Response[] responses = protocol.command("UID SEARCH", args);
            LongStream.Builder uids = LongStream.builder();
            String notAUid = null;
            for (Response response : responses) {
                if (response instanceof IMAPResponse untagged && untagged.keyEquals("SEARCH")) {
                    for (String token : untagged.getRest().strip().split("\\s+")) {
                        if (token.isEmpty()) {
                            continue;
                        }
                        OptionalLong next = parsedUid(token);
                        if (next.isEmpty()) {
                            notAUid = notAUid == null ? token : notAUid;
                        } else {
                            uids.add(next.getAsLong());
                        }
                    }
                }
            }
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            if (notAUid != null) {
                throw new ProtocolException("the server answered UID SEARCH with '"
                        + BodyRefused.serverText(notAUid) + "', which is not a UID");
            }
            return uids.build().toArray();
        });
        // "n:*" always includes the message with the highest UID, even when that UID is below n
        return LongStream.of(found).filter(next -> next > uid).sorted().distinct().toArray();
    }

    /** {@code token} as a UID, or empty when it is not one. */
    static OptionalLong parsedUid(String token) {
        if (!UID.matcher(token).matches()) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(token);
        return value <= MAX_UID ? OptionalLong.of(value) : OptionalLong.empty();
    }

    void move(long[] uids, String target) throws MessagingException {
        run("UID MOVE", uids, (protocol, args) -> mailboxName(protocol, args, target));
    }

    void copy(long[] uids, String target) throws MessagingException {
        run("UID COPY", uids, (protocol, args) -> mailboxName(protocol, args, target));
    }

    /** Adds {@code flag} (a system flag such as {@code \Deleted}, or a keyword) to the messages. */
    void addFlag(long[] uids, String flag) throws MessagingException {
        // The flag is ours (a system flag, or the configured keyword checked as an atom), never a stranger's.
        run("UID STORE", uids, (protocol, args) -> args.writeAtom("+FLAGS.SILENT").writeAtom("(" + flag + ")"));
    }

    void expunge(long[] uids) throws MessagingException {
        folder.doCommand(protocol -> {
            protocol.uidexpunge(UIDSet.createUIDSets(uids));
            return null;
        });
    }

    private void run(String command, long[] uids, Arguments rest) throws MessagingException {
        folder.doCommand(protocol -> {
            Argument args = new Argument();
            args.writeAtom(UIDSet.toString(UIDSet.createUIDSets(uids)));
            rest.write(protocol, args);
            if (!sentUnlessGone(protocol, command, args)) {
                // RFC 5530: someone else expunged meanwhile; a NOOP brings the news, then try once more.
                protocol.noop();
                if (!sentUnlessGone(protocol, command, args)) {
                    log.info("{} in {}: the messages are gone, moved away by another client", command,
                            folder.getFullName());
                }
            }
            return null;
        });
    }

    /** Sends the command; false when the server refused it because some of the messages no longer exist. */
    private boolean sentUnlessGone(IMAPProtocol protocol, String command, Argument args) throws ProtocolException {
        try {
            send(protocol, command, args);
            return true;
        } catch (CommandFailedException e) {
            if (!saysGone(e.getMessage())) {
                throw e;
            }
            log.info("{} in {} met messages expunged by another client: {}", command, folder.getFullName(),
                    e.getMessage());
            return false;
        }
    }

    private static void send(IMAPProtocol protocol, String command, Argument args) throws ProtocolException {
        Response[] responses = protocol.command(command, args);
        protocol.notifyResponseHandlers(responses);
        protocol.handleResult(responses[responses.length - 1]);
    }

    /** Whether a server's refusal says the messages no longer exist (RFC 5530 response codes). */
    static boolean saysGone(String refusal) {
        String text = String.valueOf(refusal).toUpperCase(Locale.ROOT);
        return text.contains("[EXPUNGEISSUED]") || text.contains("[NONEXISTENT]");
    }

    /** As Angus's own (protected) IMAPProtocol.writeMailboxName: UTF-8 when enabled, else modified UTF-7. */
    private static void mailboxName(IMAPProtocol protocol, Argument args, String name) {
        if (protocol.supportsUtf8()) {
            args.writeString(name, StandardCharsets.UTF_8);
        } else {
            args.writeString(BASE64MailboxEncoder.encode(name));
        }
    }

    @FunctionalInterface
    private interface Arguments {
        void write(IMAPProtocol protocol, Argument args);
    }
}
