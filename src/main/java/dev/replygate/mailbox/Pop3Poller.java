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
import java.util.stream.IntStream;

/**
 * Reads a POP3 mailbox: every message whose UIDL is not on the seen list is streamed to the
 * inbound stage; then it is kept (and its UIDL listed) or, in delete mode, deleted at QUIT, so a
 * delete takes effect only after the inbound stage returned. Quarantined messages are never deleted.
 */
final class Pop3Poller implements MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(Pop3Poller.class);

    private final MailboxConfig config;
    private final MessageSink sink;
    private final ReturnPathReport returnPaths;
    private final Pop3SeenList seenList;
    private final String readMode;
    private final boolean deleting;

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
        SinkFailure failure = null;
        try {
            List<Message> fresh = unseen(folder);
            tally.found(fresh.size());
            RefusalWitnesses<Integer> witnesses = RawStreams.pop3Witnesses(folder,
                    IntStream.rangeClosed(1, folder.getMessageCount()).boxed().toList());
            for (int start = 0, batches = 0; start < fresh.size() && failure == null
                    && !tally.stopsBefore(batches, config.batchesPerRun(), fresh.size() - start);
                 start += config.batchSize(), batches++) {
                failure = readBatch(folder, fresh.subList(start, Math.min(fresh.size(), start + config.batchSize())),
                        witnesses, tally, toDelete);
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
    }

    /** The messages not on the seen list, in server order; drops listed UIDLs the server no longer has. */
    private List<Message> unseen(POP3Folder folder) throws MessagingException {
        Message[] messages = folder.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.SIZE);
        folder.fetch(messages, profile);
        Map<String, Message> byUidl = new LinkedHashMap<>();
        for (Message message : messages) {
            String uidl = folder.getUID(message);
            if (uidl == null) {
                throw new MessagingException("the server does not give UIDLs; replygate needs them to know which"
                        + " messages it has read");
            }
            byUidl.putIfAbsent(uidl, message);
        }
        Set<String> seen = seenList.load(config.name(), readMode);
        Set<String> gone = new HashSet<>(seen);
        gone.removeAll(byUidl.keySet());
        seenList.remove(config.name(), readMode, gone);
        List<Message> fresh = new ArrayList<>();
        byUidl.forEach((uidl, message) -> {
            if (!seen.contains(uidl)) {
                fresh.add(message);
            }
        });
        return fresh;
    }

    /** Gives {@code batch} to the inbound stage; returns the failure that stopped it, if one did. */
    private SinkFailure readBatch(POP3Folder folder, List<Message> batch, RefusalWitnesses<Integer> witnesses,
                                  RunTally tally, List<Accepted> toDelete) throws MessagingException {
        List<IncomingMessage> incoming = new ArrayList<>();
        List<MessageIdCapture> captures = new ArrayList<>();
        for (Message message : batch) {
            MessageIdCapture capture = new MessageIdCapture();
            captures.add(capture);
            String uidl = folder.getUID(message);
            incoming.add(new IncomingMessage(config.name(), IncomingMessage.pop3Key(uidl), 0, 0, message.getSize(),
                    config.shadow(), () -> capture.wrap(RawStreams.retrieve((POP3Message) message, uidl, witnesses))));
        }
        BatchOutcome outcome = sink.acceptAll(incoming);
        List<String> kept = new ArrayList<>();
        SinkFailure failure = null;
        for (int i = 0; i < batch.size(); i++) {
            Message message = batch.get(i);
            IncomingMessage given = incoming.get(i);
            MessageIdCapture capture = captures.get(i);
            capture.hasReturnPath().ifPresent(returnPaths::add);
            if (i == outcome.outcomes().size()) {
                failure = new SinkFailure(given.key(), capture.forLog(),
                        Objects.requireNonNullElseGet(outcome.outage(), NoOutcome::new));
                break;
            }
            MessageOutcome result = outcome.outcomes().get(i);
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
                kept.add(folder.getUID(message));
                LogContext.message(config.name(), accepted.key()).around(() -> log.info("{} {}: {}",
                        accepted.messageId(), config.shadow() ? "left in place (shadow mode)" : "kept",
                        disposition.label()));
            }
        }
        seenList.add(config.name(), readMode, kept);
        return failure;
    }
}
