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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads a POP3 mailbox: every message whose UIDL is not on the seen list is streamed to the
 * inbound stage; then it is kept (and its UIDL listed) or, in delete mode, deleted at QUIT, so a
 * delete takes effect only after the inbound stage returned. Quarantined messages are never deleted.
 * A message the inbound stage finds under the key of another recorded message ({@link OtherMessageUnderKey}: a
 * reused UIDL) is neither deleted nor listed: it stays on the server, named on the run's report, and is not read
 * again by this process while the server lists it at the same size ({@link ReusedUidls}).
 */
final class Pop3Poller implements MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(Pop3Poller.class);
    private static final int MAX_UNKEYED_LISTED = 5;
    private static final int MAX_NUMBERED = 8;

    private final MailboxConfig config;
    private final MessageSink sink;
    private final ReturnPathReport returnPaths;
    private final Pop3SeenList seenList;
    private final String readMode;
    private final boolean deleting;
    private final ReusedUidls reused;

    /**
     * A message as listed: its UIDL (not empty), the key it is read under ({@link Pop3Uidl#key}) and its size as LIST
     * gave it (-1 unknown).
     */
    private record Listed(Message message, String uidl, String key, long size) {

        /** Why it is left unread when the inbound stage found its key recorded for other bytes. */
        String reusedWhy() {
            return "message " + message.getMessageNumber() + " has the UIDL of a message read before ("
                    + BodyRefused.serverText(uidl) + ") and other bytes";
        }
    }

    Pop3Poller(MailboxConfig config, MessageSink sink, Pop3SeenList seenList, ReusedUidls reused) {
        this.config = config;
        this.sink = sink;
        this.seenList = seenList;
        this.reused = reused;
        this.readMode = ReadMode.of(config);
        this.deleting = config.disposition().mode() == Mode.DELETE && !config.shadow();
        this.returnPaths = new ReturnPathReport(config.name());
    }

    @Override
    public String mailbox() {
        return config.name();
    }

    @Override
    public PollReport poll(BooleanSupplier giveWay) {
        return PollRun.run(config, MailConnections.eachRun(config), returnPaths, giveWay,
                (store, tally) -> read((POP3Folder) store.getFolder("INBOX"), tally));
    }

    private void read(POP3Folder folder, RunTally tally) throws MessagingException, SinkFailure {
        folder.open(deleting ? Folder.READ_WRITE : Folder.READ_ONLY);
        List<Accepted> toDelete = new ArrayList<>();
        Unkeyed unkeyed = new Unkeyed();
        SinkFailure failure = null;
        try {
            List<Listed> fresh = withoutNamedReused(unseen(folder, unkeyed), unkeyed);
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
        if (unkeyed.notRemembered > 0) {
            log.warn("{} messages under reused UIDLs will be read again every run: their size is unknown, or {} such"
                    + " are remembered already", unkeyed.notRemembered, ReusedUidls.CAPACITY);
        }
    }

    /**
     * {@code fresh} but the messages found under a reused UIDL in an earlier run and listed again at the same size
     * ({@link ReusedUidls}): those are added to {@code unkeyed}, named again without a log line, and not read again.
     */
    private List<Listed> withoutNamedReused(List<Listed> fresh, Unkeyed unkeyed) {
        Map<String, Long> sizes = new HashMap<>();
        fresh.forEach(listed -> sizes.put(listed.key(), listed.size()));
        reused.keepListed(sizes);
        List<Listed> toRead = new ArrayList<>();
        for (Listed listed : fresh) {
            if (reused.named(listed.key(), listed.size())) {
                unkeyed.again(listed.message().getMessageNumber(), listed.reusedWhy(),
                        IncomingMessage.pop3Key(listed.key()));
            } else {
                toRead.add(listed);
            }
        }
        return toRead;
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
        int[] sizes = listedSizes(folder);
        Map<String, List<Listed>> byKey = new LinkedHashMap<>();
        Map<Integer, String> withoutUidl = new LinkedHashMap<>();
        List<Integer> bareOk = new ArrayList<>();
        for (Message message : messages) {
            String uidl;
            try {
                // sends UIDL n for a message the listing left out
                uidl = folder.getUID(message);
            } catch (NullPointerException e) {
                // Angus fails so on an answer to UIDL n without a space, as a bare +OK; the answer line was read
                bareOk.add(message.getMessageNumber());
                continue;
            }
            if (uidl == null || uidl.isEmpty()) {
                withoutUidl.put(message.getMessageNumber(), "message " + message.getMessageNumber()
                        + (uidl == null ? " has no UIDL" : " has an empty UIDL"));
                continue;
            }
            String key = Pop3Uidl.key(uidl);
            int number = message.getMessageNumber();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Listed(message, uidl, key,
                    number <= sizes.length ? sizes[number - 1] : -1));
        }
        String bareWhy = bareOk.isEmpty() ? null : "the server answered UIDL <n> with +OK and no UIDL for "
                + numbered(bareOk);
        if (byKey.isEmpty() && (!withoutUidl.isEmpty() || bareWhy != null)) {
            throw new MessagingException("the server does not give UIDLs" + (bareWhy == null ? "" : " (" + bareWhy
                    + ")") + "; replygate needs them to know which messages it has read");
        }
        withoutUidl.forEach((number, why) -> unkeyed.add(number, why, 1, null));
        if (bareWhy != null) {
            unkeyed.add(bareOk.get(0), bareWhy, bareOk.size(), null);
        }
        Set<String> seen = seenList.load(config.name(), readMode);
        Set<String> gone = new HashSet<>(seen);
        gone.removeAll(byKey.keySet());
        seenList.remove(config.name(), readMode, gone);
        List<Listed> fresh = new ArrayList<>();
        byKey.forEach((key, listed) -> {
            if (listed.size() > 1) {
                List<Integer> numbers = listed.stream().map(l -> l.message().getMessageNumber()).toList();
                unkeyed.add(numbers.get(0), numbered(numbers) + " have one UIDL ("
                        + BodyRefused.serverText(listed.get(0).uidl()) + ")", listed.size(),
                        IncomingMessage.pop3Key(key));
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

    /**
     * The size of each message, by number from 1, as LIST gives it (one command; Angus's {@code getSize()} reads a
     * message's header for it); none when the server's LIST cannot be read.
     */
    private int[] listedSizes(POP3Folder folder) {
        try {
            return folder.getSizes();
        } catch (MessagingException | RuntimeException e) {
            // a LIST line Angus cannot parse: sizes unknown, so every message is read as if new to ReusedUidls
            log.debug("the server's LIST cannot be read: {}", BodyRefused.serverText(e.toString()));
            return new int[0];
        }
    }

    /** {@code numbers} for a log line: "message 2", "messages 1, 3", at most {@value #MAX_NUMBERED} and the count. */
    private static String numbered(List<Integer> numbers) {
        if (numbers.size() == 1) {
            return "message " + numbers.get(0);
        }
        return "messages " + numbers.stream().limit(MAX_NUMBERED).map(String::valueOf)
                .collect(Collectors.joining(", ")) + (numbers.size() > MAX_NUMBERED ? " and "
                + (numbers.size() - MAX_NUMBERED) + " more" : "");
    }

    /** The messages a run leaves unread for want of a key of their own, and why. */
    private final class Unkeyed {

        /** Why messages from number {@code first} on are not read. */
        private record Reason(int first, String why) {
        }

        private final List<Reason> reasons = new ArrayList<>();
        private int messages;
        private int notRemembered;

        /**
         * {@code count} messages, the first numbered {@code first}, not read, {@code why}: one log line, and the
         * reason for the run's report.
         */
        void add(int first, String why, int count, String key) {
            reasons.add(new Reason(first, why));
            messages += count;
            LogContext.message(config.name(), key).around(() -> log.warn("{}: left on the server unread, without"
                    + " a key of its own to be read exactly once under", why));
        }

        /** Message {@code number} not read, {@code why}, as an earlier run of this process said in its log. */
        void again(int number, String why, String key) {
            reasons.add(new Reason(number, why));
            messages++;
            LogContext.message(config.name(), key).around(() -> log.debug("{}: left on the server unread, not read"
                    + " again while listed at the same size", why));
        }

        /** What the run reports, in the order of the messages, whichever run read them: the mailbox's status. */
        String report() {
            List<String> whys = reasons.stream().sorted(Comparator.comparingInt(Reason::first)).map(Reason::why)
                    .toList();
            return "the server does not give each message a UIDL of its own: "
                    + String.join("; ", whys.subList(0, Math.min(whys.size(), MAX_UNKEYED_LISTED)))
                    + (whys.size() > MAX_UNKEYED_LISTED ? "; " + (whys.size() - MAX_UNKEYED_LISTED) + " more" : "");
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
                unkeyed.add(message.getMessageNumber(), batch.get(i).reusedWhy(), 1, given.key());
                if (!reused.remember(batch.get(i).key(), batch.get(i).size())) {
                    unkeyed.notRemembered++;
                }
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
