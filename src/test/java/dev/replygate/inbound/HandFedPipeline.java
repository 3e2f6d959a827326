package dev.replygate.inbound;

import dev.replygate.app.Replygate;
import dev.replygate.config.ConfigLoader;
import dev.replygate.config.MailboxConfig;
import dev.replygate.mailbox.Disposition;
import dev.replygate.mailbox.IncomingMessage;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.outbound.OutboxKind;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The inbound stage of replygate on a real H2 store ({@link PipelineConfigFile}'s configuration), fed by hand
 * with messages as its one mailbox would give them, each under the next UID.
 */
final class HandFedPipeline implements AutoCloseable {

    final Replygate replygate;
    final MailboxConfig mailbox;
    final InboundPipeline pipeline;
    private int uid;

    HandFedPipeline(Path configFile) throws Exception {
        replygate = new Replygate(ConfigLoader.load(configFile).config(), Clock.systemUTC());
        mailbox = replygate.config().mailboxes().get(0);
        pipeline = replygate.inboundPipeline(mailbox);
    }

    /** Gives {@code raw} (lines ending in LF) under the next UID, as key {@code imap:1:UID}. */
    Disposition give(String raw) throws Exception {
        return give(raw, "imap:1:" + (++uid), false);
    }

    Disposition give(String raw, String key, boolean shadow) throws Exception {
        return pipeline.accept(incoming(raw, key, shadow));
    }

    IncomingMessage incoming(String raw, String key, boolean shadow) {
        byte[] bytes = raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return new IncomingMessage(mailbox.name(), key, 1, uid, bytes.length, shadow,
                () -> new ByteArrayInputStream(bytes));
    }

    /** The answers queued so far, oldest first. */
    List<OutboxItem> answers() {
        return replygate.outbox().list(100).stream().filter(item -> item.kind() == OutboxKind.ANSWER).toList();
    }

    @Override
    public void close() {
        replygate.close();
    }
}
