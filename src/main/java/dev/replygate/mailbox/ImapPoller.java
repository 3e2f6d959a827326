package dev.replygate.mailbox;

import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.config.MailboxConfig;
import dev.replygate.logging.LogContext;
import dev.replygate.mailbox.ImapCursors.Cursor;
import dev.replygate.store.CrashPoints;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Reads an IMAP folder by UID: every message above the cursor (listed by UID SEARCH), in batches, each given to
 * the inbound stage (the bodies of small messages a few to a command, {@link BodyPrefetch}; large ones
 * streamed); then the batch's dispositions, then the cursor. Opens the folder read-only in shadow mode
 * and never sets \Seen.
 */
final class ImapPoller implements MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);

    private final MailboxConfig config;
    private final MessageSink sink;
    private final ReturnPathReport returnPaths;
    private final ImapCursors cursors;
    private final ImapDispositions dispositions;
    private final String readMode;
    private final boolean keywordMode;
    private final MailConnections connections;

    ImapPoller(MailboxConfig config, MessageSink sink, ImapCursors cursors, ImapDispositions dispositions) {
        this.config = config;
        this.sink = sink;
        this.cursors = cursors;
        this.dispositions = dispositions;
        this.readMode = ReadMode.of(config);
        this.keywordMode = config.disposition().mode() == Mode.KEYWORD;
        this.returnPaths = new ReturnPathReport(config.name());
        this.connections = new KeptConnection(config);
    }

    @Override
    public String mailbox() {
        return config.name();
    }

    @Override
    public PollReport poll(BooleanSupplier giveWay) {
        return PollRun.run(config, connections, returnPaths, giveWay,
                (store, tally) -> read((IMAPStore) store, tally));
    }

    /** Closes the connection kept between runs. */
    @Override
    public void close() {
        connections.close();
    }

    private void read(IMAPStore store, RunTally tally) throws MessagingException, SinkFailure {
        IMAPFolder folder = (IMAPFolder) store.getFolder(config.folder());
        folder.open(config.shadow() ? Folder.READ_ONLY : Folder.READ_WRITE);
        try {
            if (!config.shadow()) {
                dispositions.checkUsable(folder);
            }
            long uidValidity = folder.getUIDValidity();
            long[] found = new UidCommands(folder).above(startAfter(uidValidity, folder));
            tally.found(found.length);
            ImapBodyEnds ends = new ImapBodyEnds(folder, LongStream.of(found).boxed().toList());
            boolean cursorHeld = false;
            int batches = 0;
            for (int start = 0; start < found.length
                    && !tally.stopsBefore(batches, config.batchesPerRun(), found.length - start);
                 start += config.batchSize(), batches++) {
                long[] uids = Arrays.copyOfRange(found, start, Math.min(found.length, start + config.batchSize()));
                Message[] batch = stillThere(folder, uids, tally);
                cursorHeld = readBatch(store, folder, uidValidity, batch, ends, tally, cursorHeld);
            }
        } finally {
            // Never expunge on close: a plain EXPUNGE would remove what others flagged \Deleted.
            Closing.folder(folder);
        }
    }

    private long startAfter(long uidValidity, IMAPFolder folder) {
        Optional<Cursor> cursor = cursors.load(config.name(), readMode);
        if (cursor.isEmpty()) {
            return 0;
        }
        if (cursor.get().uidValidity() != uidValidity) {
            log.warn("UIDVALIDITY of {} changed from {} to {}; reading the folder from its start"
                            + " (messages processed before are recognised by their content and not answered again)",
                    folder.getFullName(), cursor.get().uidValidity(), uidValidity);
            return 0;
        }
        return cursor.get().lastUid();
    }

    /**
     * The messages of the batch {@code uids} (ascending, and consecutive in the run's list) that are still there, in
     * UID order: one UID FETCH of the range they span, a short command whatever the batch's size. A listed message
     * expunged since is counted as not new; one in the range that the listing did not name (a server whose SEARCH
     * and FETCH disagree) is read as well, never passed over.
     */
    private static Message[] stillThere(IMAPFolder folder, long[] uids, RunTally tally) throws MessagingException {
        Message[] present = folder.getMessagesByUID(uids[0], uids[uids.length - 1]);
        Set<Long> listed = LongStream.of(uids).boxed().collect(Collectors.toSet());
        List<Message> messages = new ArrayList<>();
        int kept = 0;
        for (Message message : present) {
            if (listed.contains(folder.getUID(message))) {
                kept++;
            } else {
                tally.found(1);
            }
            messages.add(message);
        }
        for (int gone = kept; gone < uids.length; gone++) {
            tally.notNew();
        }
        messages.sort(Comparator.comparingLong(message -> uidOf(folder, message)));
        return messages.toArray(Message[]::new);
    }

    private static long uidOf(IMAPFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("no UID for a message just fetched by UID", e);
        }
    }

    /**
     * Gives {@code batch} to the inbound stage and applies what it returned. Once a message was deferred
     * the read progress stays before it ({@code cursorHeld}), so the next run gives it again; what
     * follows it is done by then (moved, or marked) or recognised by its key. Returns whether the
     * progress is held now.
     */
    private boolean readBatch(IMAPStore store, IMAPFolder folder, long uidValidity, Message[] batch, ImapBodyEnds ends,
                              RunTally tally, boolean cursorHeld) throws MessagingException, SinkFailure {
        folder.fetch(batch, fetchProfile());
        List<Fetched> fetched = new ArrayList<>();
        List<IncomingMessage> toSink = new ArrayList<>();
        List<IMAPMessage> toRead = new ArrayList<>();
        for (Message message : batch) {
            if (!message.isExpunged() && !hasOurKeyword(message)) {
                toRead.add((IMAPMessage) message);
            }
        }
        BodyPrefetch bodies = new BodyPrefetch(folder, toRead, ends);
        Set<Message> reading = Collections.newSetFromMap(new IdentityHashMap<>());
        reading.addAll(toRead);
        for (Message message : batch) {
            long uid = folder.getUID(message);
            if (!reading.contains(message)) {
                fetched.add(new Fetched(message, uid, null, null));
                continue;
            }
            MessageIdCapture capture = new MessageIdCapture();
            IncomingMessage incoming = new IncomingMessage(config.name(), IncomingMessage.imapKey(uidValidity, uid),
                    uidValidity, uid, ((IMAPMessage) message).getSizeLong(), config.shadow(),
                    () -> capture.wrap(bodies.open((IMAPMessage) message)));
            fetched.add(new Fetched(message, uid, incoming, capture));
            toSink.add(incoming);
        }
        BatchOutcome outcome = toSink.isEmpty() ? new BatchOutcome(List.of(), null) : sink.acceptAll(toSink);
        List<Accepted> accepted = new ArrayList<>();
        long lastDone = 0;
        boolean held = cursorHeld;
        SinkFailure failure = null;
        int given = 0;
        for (Fetched message : fetched) {
            if (message.incoming() == null) {
                tally.notNew();
                lastDone = held ? lastDone : message.uid();
                continue;
            }
            message.capture().hasReturnPath().ifPresent(returnPaths::add);
            if (given == outcome.outcomes().size()) {
                failure = new SinkFailure(message.incoming().key(), message.capture().forLog(),
                        Objects.requireNonNullElseGet(outcome.outage(), NoOutcome::new));
                break;
            }
            MessageOutcome result = outcome.outcomes().get(given++);
            if (result.deferred() != null) {
                held = true;
                tally.deferred();
                LogContext.message(config.name(), message.incoming().key()).around(() -> log.warn(
                        "{} left for the next run: {}", message.capture().forLog(), result.deferred().getMessage()));
                continue;
            }
            accepted.add(new Accepted(message.message(), message.incoming().key(), message.capture().forLog(),
                    result.disposition()));
            lastDone = held ? lastDone : message.uid();
        }
        if (config.shadow()) {
            accepted.forEach(message -> LogContext.message(config.name(), message.key()).around(() -> log.info(
                    "{} left in place (shadow mode): {}", message.messageId(), message.disposition().label())));
        } else {
            dispositions.apply(store, folder, accepted);
            if (!accepted.isEmpty()) {
                CrashPoints.reach(CrashPoints.MAILBOX_AFTER_DISPOSITIONS);
            }
        }
        accepted.forEach(message -> tally.processed(message.disposition()));
        if (lastDone > 0) {
            cursors.save(config.name(), readMode, new Cursor(uidValidity, lastDone));
        }
        if (failure != null) {
            throw failure;
        }
        return held;
    }

    private FetchProfile fetchProfile() {
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.SIZE);
        if (keywordMode) {
            profile.add(FetchProfile.Item.FLAGS);
        }
        return profile;
    }

    /** In keyword mode, a message with one of our keywords is done, whatever the cursor says. */
    private boolean hasOurKeyword(Message message) throws MessagingException {
        if (!keywordMode) {
            return false;
        }
        Flags flags = message.getFlags();
        for (Disposition disposition : Disposition.values()) {
            if (flags.contains(config.disposition().keywordPrefix() + disposition.label())) {
                return true;
            }
        }
        return false;
    }

    /** A message of the batch; {@code incoming} and {@code capture} null when it is not new. */
    private record Fetched(Message message, long uid, IncomingMessage incoming, MessageIdCapture capture) {
    }
}
