package dev.replygate.mailbox;

import dev.replygate.config.DispositionConfig;
import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.address.MailAddress;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.MailboxConfig.Protocol;
import dev.replygate.config.Secret;
import dev.replygate.store.Store;

import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Run in a JVM with a small heap by {@link LargeMessageIT}: polls one mailbox with a sink that only
 * counts bytes and hashes them, and prints what it read. Arguments: {@code imap|pop3 PORT USER PASSWORD}.
 */
public final class LargeMessageReader {

    private LargeMessageReader() {
    }

    public static void main(String[] args) throws Exception {
        Protocol protocol = Protocol.valueOf(args[0].toUpperCase(Locale.ROOT));
        String user = args[2];
        MailboxConfig config = new MailboxConfig("large", protocol, TestMailServer.LOOPBACK, Integer.parseInt(args[1]),
                MailboxConfig.Security.NONE, user, Secret.of(args[3]), "INBOX",
                Duration.ofMinutes(1), false, 100, false, MailboxConfig.NewMail.REDIRECT,
                List.of(new MailAddress(TestMailServer.ADDRESS, "")), new DispositionConfig(
                protocol == Protocol.IMAP ? Mode.KEYWORD : Mode.KEEP, "a", "b", "c", "replygate-"));
        long[] bytes = new long[1];
        String[] sha256 = new String[1];
        MessageSink countingSink = message -> {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = message.openRaw()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                    bytes[0] += n;
                }
            }
            sha256[0] = HexFormat.of().formatHex(digest.digest());
            return Disposition.IGNORED;
        };
        // the poller closed, so that no kept IMAP connection (and Angus's write-timeout thread with it) outlives main
        try (Store store = TestStores.h2();
                MailboxPoller poller = MailboxPoller.create(config, countingSink, store, Clock.systemUTC())) {
            PollReport report = poller.poll();
            System.out.printf("max-heap=%d processed=%d failure=%s bytes=%d sha256=%s%n",
                    Runtime.getRuntime().maxMemory(), report.processed(), report.failure().orElse("none"), bytes[0],
                    sha256[0]);
        }
    }
}
