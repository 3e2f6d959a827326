package dev.replygate.mailbox;

import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.config.MailboxConfig;
import dev.replygate.logging.LogContext;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.eclipse.angus.mail.pop3.POP3Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads a POP3 mailbox: every message whose UIDL is not on the seen list is streamed to the
 * inbound stage; then it is kept (and its UIDL listed) or, in delete mode, deleted at QUIT, so a
 * delete takes effect only after the inbound stage returned. Quarantined messages are never deleted.
 * A message the inbound stage finds under the key of another recorded message ({@link OtherMessageUnderKey}: a
 * reused UIDL) is neither deleted nor listed: it stays on the server, named on the run's report.
 */
final class Pop3Poller implements MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(Pop3Poller.class);
    private static final int MAX_UNKEYED_LISTED = 5;

    private final MailboxConfig config;
    private final MessageSink sink;
    private final ReturnPathReport returnPaths;
    private final Pop3SeenList seenList;
    private final String readMode;
    private final boolean deleting;

    /** A message as listed: its UIDL (not empty) and the key it is read under ({@link Pop3Uidl#key}). */
    private record Listed(Message message, String uidl, String key) {
    }

    Pop3Poller(MailboxConfig config, MessageSink sink, Pop3SeenList seenList) {
        this.config = config;
        this.sink = sink;
        this.seenList = seenList;
        this.readMode = ReadMode.of(config);
        this.deleting = config.disposition().mode() == Mode.DELETE && !config.shadow();
        this.returnPaths = new ReturnPathReport(config.name());
    }

    @Override
    public String mailbox() {
        return config.name();
    }

    @Override
    public PollReport poll() {
        return PollRun.run(config, MailConnections.eachRun(config), returnPaths, (store, tally) -> read((POP3Folder) store.getFolder("INBOX"), tally));
    }

    private void read(POP3Folder folder, RunTally tally) throws MessagingException, SinkFailure {
        folder.open(deleting ? Folder.READ_WRITE : Folder.READ_ONLY);
        List<Accepted> toDelete = new ArrayList<>();
        Unkeyed unkeyed = new Unkeyed();
        SinkFailure failure = null;
        try {
            List<Listed> fresh = unseen(folder, unkeyed);
            tally.found(fresh.size());
            RefusalWitnesses<Integer> witnesses = RawStreams.pop3Witnesses(folder,
                    IntStream.rangeClosed(1, folder.getMessageCount()).boxed().toList());
            for (int start = 0, batches = 0; start < fresh.size() && failure == null
                    && !tally.stopsBefore(batches, config.batchesPerRun(), fresh.size() - start);
                 start += config.batchSize(), batches++) {
                failure = readBatch(folder, fresh.subList(start, Math.min(fresh.size(), start + config.batchSize())),
                        witnesses, tally, toDelete, unkeyed);
            }
        } catch (MessagingException | RuntimeException e) {
            Closing.folder(folder);
            throw e;
        }
        // QUIT: only now does the server delete what was marked.
        folder.close(deleting);
        toDelete.forEach(message -> LogContext.message(config.name(), message.key())
                .around(() -> log.info("{} deleted", message.messageId())));
        if (failure != null) {
            throw failure;
        }
        if (unkeyed.messages > 0) {
            tally.unread(unkeyed.messages, unkeyed.report());
        }
    }

    /**
     * The messages not on the seen list, in server order; drops listed keys the server no longer has. A message
     * without a key of its own (no UIDL, an empty one, or one that another message of the listing has too) is not
     * read: it is added to {@code unkeyed}, and stays on the server, neither answered nor deleted, until the server
     * lists it with a UIDL of its own.
     */
    private List<Listed> unseen(POP3Folder folder, Unkeyed unkeyed) throws MessagingException {
        Message[] messages = folder.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.SIZE);
        try {
            folder.fetch(messages, profile);
        } catch (NumberFormatException e) {
            // Angus stops at a listing line that does not start with a message number; UIDL n for each then
            log.warn("the server's UIDL listing has a line without a message number ({}): asking for each"
                    + " message's UIDL instead", BodyRefused.serverText(e.getMessage()));
        }
        Map<String, List<Listed>> byKey = new LinkedHashMap<>();
        List<String> withoutUidl = new ArrayList<>();
        for (Message message : messages) {
            String uidl = folder.getUID(message);
            if (uidl == null || uidl.isEmpty()) {
                withoutUidl.add("message " + message.getMessageNumber() + (uidl == null ? " has no UIDL"
                        : " has an empty UIDL"));
                continue;
            }
            String key = Pop3Uidl.key(uidl);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Listed(message, uidl, key));
        }
        if (byKey.isEmpty() && !withoutUidl.isEmpty()) {
            throw new MessagingException("the server does not give UIDLs; replygate needs them to know which"
                    + " messages it has read");
        }
        withoutUidl.forEach(why -> unkeyed.add(why, 1, null));
        Set<String> seen = seenList.load(config.name(), readMode);
        Set<String> gone = new HashSet<>(seen);
        gone.removeAll(byKey.keySet());
        seenList.remove(config.name(), readMode, gone);
        List<Listed> fresh = new ArrayList<>();
        byKey.forEach((key, listed) -> {
            if (listed.size() > 1) {
                unkeyed.add("messages " + listed.stream().map(l -> String.valueOf(l.message().getMessageNumber()))
                        .collect(Collectors.joining(", ")) + " have one UIDL (" + BodyRefused.serverText(
                        listed.get(0).uidl()) + ")", listed.size(), IncomingMessage.pop3Key(key));
            } else if (!seen.contains(key)) {
                Listed one = listed.get(0);
                if (!Pop3Uidl.conforming(one.uidl())) {
                    LogContext.message(config.name(), IncomingMessage.pop3Key(key)).around(() -> log.warn(
                            "message {} has a UIDL outside RFC 1939 ({}): read under {}",
                            one.message().getMessageNumber(), Pop3Uidl.oddity(one.uidl()),
                            key.equals(one.uidl()) ? "it, as always" : "the SHA-256 of it"));
                }
                fresh.add(one);
            }
        });
        return fresh;
    }

    /** The messages a run leaves unread for want of a key of their own, and why. */
    private final class Unkeyed {

        private final List<String> reasons = new ArrayList<>();
        private int messages;

        /** {@code count} messages not read, {@code why}: one log line, and the reason for the run's report. */
        void add(String why, int count, String key) {
            reasons.add(why);
            messages += count;
            LogContext.message(config.name(), key).around(() -> log.warn("{}: left on the server unread, without"
                    + " a key of its own to be read exactly once under", why));
        }

        /** What the run reports: the mailbox's status shows it. */
        String report() {
            return "the server does not give each message a UIDL of its own: "
                    + String.join("; ", reasons.subList(0, Math.min(reasons.size(), MAX_UNKEYED_LISTED)))
                    + (reasons.size() > MAX_UNKEYED_LISTED ? "; " + (reasons.size() - MAX_UNKEYED_LISTED) + " more" : "");
        }
    }

    /** Gives {@code batch} to the inbound stage; returns the failure that stopped it, if one did. */
    private SinkFailure readBatch(POP3Folder folder, List<Listed> batch, RefusalWitnesses<Integer> witnesses,
                                  RunTally tally, List<Accepted> toDelete, Unkeyed unkeyed) throws MessagingException {
        List<IncomingMessage> incoming = new ArrayList<>();
        List<MessageIdCapture> captures = new ArrayList<>();
        for (Listed listed : batch) {
            MessageIdCapture capture = new MessageIdCapture();
            captures.add(capture);
            incoming.add(new IncomingMessage(config.name(), IncomingMessage.pop3Key(listed.key()), 0, 0,
                    listed.message().getSize(), config.shadow(),
                    () -> capture.wrap(RawStreams.retrieve((POP3Message) listed.message(), listed.uidl(), witnesses))));
        }
        BatchOutcome outcome = sink.acceptAll(incoming);
        List<String> kept = new ArrayList<>();
        SinkFailure failure = null;
        for (int i = 0; i < batch.size(); i++) {
            Message message = batch.get(i).message();
            IncomingMessage given = incoming.get(i);
            MessageIdCapture capture = captures.get(i);
            capture.hasReturnPath().ifPresent(returnPaths::add);
            if (i == outcome.outcomes().size()) {
                failure = new SinkFailure(given.key(), capture.forLog(),
                        Objects.requireNonNullElseGet(outcome.outage(), NoOutcome::new));
                break;
            }
            MessageOutcome result = outcome.outcomes().get(i);
            if (result.deferred() instanceof OtherMessageUnderKey other) {
                // a UIDL the server reused: deleting it as the recorded message would lose it unread
                tally.passedUnread();
                unkeyed.add("message " + message.getMessageNumber() + " has the UIDL of a message read before ("
                        + BodyRefused.serverText(batch.get(i).uidl()) + ") and other bytes", 1, given.key());
                LogContext.message(config.name(), given.key()).around(() -> log.debug("{}", other.getMessage()));
                continue;
            }
            if (result.deferred() != null) {
                // neither listed as seen nor deleted: the next run gives it again
                tally.deferred();
                LogContext.message(config.name(), given.key()).around(() -> log.warn("{} left for the next run: {}",
                        capture.forLog(), result.deferred().getMessage()));
                continue;
            }
            Disposition disposition = result.disposition();
            tally.processed(disposition);
            Accepted accepted = new Accepted(message, given.key(), capture.forLog(), disposition);
            if (deleting && disposition != Disposition.QUARANTINED) {
                message.setFlag(Flags.Flag.DELETED, true);
                toDelete.add(accepted);
            } else {
                kept.add(batch.get(i).key());
                LogContext.message(config.name(), accepted.key()).around(() -> log.info("{} {}: {}",
                        accepted.messageId(), config.shadow() ? "left in place (shadow mode)" : "kept",
                        disposition.label()));
            }
        }
        seenList.add(config.name(), readMode, kept);
        return failure;
    }
}
