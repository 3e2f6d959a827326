package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch's small messages come in few UID FETCH commands, byte for byte as a streamed read gives them. */
class BodyPrefetchIT {

    private TestMailServer server;

    @BeforeEach
    void start() {
        server = new TestMailServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void smallMessagesComeInOneFetchAndLargeOnesAreStreamedByteForByteTheSame() throws Exception {
        int count = 12;
        for (int n = 1; n <= count; n++) {
            // every fourth message is larger than one partial fetch block: it is streamed, not prefetched
            int padding = n % 4 == 0 ? (int) BodyPrefetch.MAX_MESSAGE_BYTES + 5_000 : 200 * n;
            server.deliver(TestMessages.message(n, "Message " + n).replace("Message number " + n + ".",
                    "Message number " + n + ".\r\n" + "x".repeat(70).concat("\r\n").repeat(padding / 72 + 1)));
        }
        MailboxConfig config = TestMailboxes.imap(server);
        Properties properties = MailSessions.properties(config, MailSessions.READ_TIMEOUT);
        ByteArrayOutputStream protocolLog = new ByteArrayOutputStream();
        Session session = Session.getInstance(properties);
        session.setDebug(true);
        session.setDebugOut(new PrintStream(protocolLog, true, StandardCharsets.UTF_8));
        Store store = session.getStore("imap");
        store.connect(config.host(), config.port(), config.username(), config.password().reveal());
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            Message[] messages = folder.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.SIZE);
            folder.fetch(messages, profile);
            List<IMAPMessage> batch = Arrays.stream(messages).map(IMAPMessage.class::cast).toList();
            BodyPrefetch bodies = new BodyPrefetch(folder, batch);
            int logBefore = protocolLog.size();

            List<byte[]> prefetched = new ArrayList<>();
            for (IMAPMessage message : batch) {
                try (InputStream in = bodies.open(message)) {
                    prefetched.add(in.readAllBytes());
                }
            }
            String commands = protocolLog.toString(StandardCharsets.UTF_8).substring(logBefore);
            for (int i = 0; i < batch.size(); i++) {
                try (InputStream in = RawStreams.open(batch.get(i))) {
                    assertThat(prefetched.get(i)).as("message %d", i + 1).isEqualTo(in.readAllBytes());
                }
                assertThat((long) prefetched.get(i).length).isEqualTo(batch.get(i).getSizeLong());
            }

            assertThat(commands.lines().filter(line -> line.contains("UID FETCH") && line.contains("BODY.PEEK[])")))
                    .as("whole-message fetches: one for the nine small messages").hasSize(1);
            assertThat(commands.lines().filter(line -> line.contains("BODY.PEEK[]<")).count())
                    .as("partial fetches: the three large messages, streamed").isBetween(3L, 9L);
            folder.close(false);
        } finally {
            store.close();
        }
    }
}
