package dev.replygate.inbound;

import com.icegreen.greenmail.store.StoredMessage;
import dev.replygate.classify.CorpusMessages;
import dev.replygate.classify.MailClass;
import dev.replygate.cli.ReplygateJar;
import dev.replygate.testsupport.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance of issue 3 over real automatic mail: every message of the sisimai corpus (bounces from
 * many MTAs, feedback reports, vacation replies) lands in a support mailbox on a real IMAP server and
 * {@code replygate run --once} (the jar, in its own JVM, bounded) reads them all. Not one is answered;
 * each is refused because it is automatic, whatever other guard would also have stopped it; nothing is
 * lost; the two plain personal mails of {@code maildir/not} are {@code new}. So are the three bounces a
 * person forwarded by hand (Apple Mail "Fwd: Returned mail", the bounce quoted with {@code > }): sisimai
 * files them with the bounces they quote, and only their missing Return-Path once made them automatic
 * (issue 8); they are not answered either.
 */
class CorpusNeverAnsweredIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final Set<String> PERSONAL_MAILS = Set.of("maildir/not/is-not-bounce-01.eml",
            "maildir/not/is-not-bounce-02.eml");
    private static final Set<String> FORWARDED_BY_A_PERSON = Set.of("maildir/bsd/lhost-sendmail-14.eml",
            "maildir/err/make-test-36.eml", "mailbox/mbox-0#36");
    private static final Set<String> AUTOMATIC = MailClass.PRECEDENCE.stream().map(MailClass::label)
            .collect(Collectors.toUnmodifiableSet());

    @TempDir
    Path dir;

    @Test
    void noMessageOfTheBounceCorpusIsAnsweredAndNothingStalls() throws Exception {
        List<CorpusMessages.Message> corpus = CorpusMessages.messages(Corpus.root().resolve("sisimai-set-of-emails"));
        assertThat(corpus).as("messages in the corpus").hasSizeGreaterThan(500);
        try (MailWorld mail = new MailWorld().addMailbox(SUPPORT)) {
            // Line ends as an MTA delivers them (maildir/mac has CR only, which a message store does not keep).
            mail.deliverDirectly(SUPPORT, "INBOX", corpus.stream()
                    .map(m -> CorpusMessages.normaliseLineEnds(m.bytes())).toList());
            Map<Long, String> nameByUid = new HashMap<>();
            List<StoredMessage> inbox = mail.stored(SUPPORT, "INBOX");
            assertThat(inbox).as("appended").hasSize(corpus.size());
            for (int i = 0; i < inbox.size(); i++) {
                nameByUid.put(inbox.get(i).getUid(), corpus.get(i).name());
            }
            // A trusted receiving server is configured, so authenticated human mail could be answered.
            InstanceConfig instance = new InstanceConfig(dir, mail).trust("mx.hosting.test")
                    .imapMailbox("support", SUPPORT, "batch-size: 50");
            Path config = instance.write();

            long runStarted = System.nanoTime();
            ReplygateJar.Result run = ReplygateJar.run(dir, List.of("-Xmx256m"), Duration.ofMinutes(3),
                    "run", "--once", "--config", config.toString());
            System.out.printf("run --once took %d ms:%n%s%n", (System.nanoTime() - runStarted) / 1_000_000,
                    run.stderr().lines().filter(l -> l.contains("ImapPoller") || l.contains("run --once"))
                            .collect(Collectors.joining("\n")));

            assertThat(run.exitCode()).as("run --once exit code; output:%n%s", tail(run.describe())).isZero();
            assertThat(mail.stored(SUPPORT, "INBOX")).as("left unprocessed in INBOX").isEmpty();
            int filed = mail.stored(SUPPORT, MailWorld.REDIRECTED).size() + mail.stored(SUPPORT, MailWorld.IGNORED)
                    .size() + mail.stored(SUPPORT, MailWorld.QUARANTINE).size();
            assertThat(filed).as("messages in the disposition folders").isEqualTo(corpus.size());
            assertThat(mail.stored(SUPPORT, MailWorld.REDIRECTED)).as("redirected").isEmpty();

            try (StoreView store = new StoreView(instance.jdbcUrl())) {
                List<StoreView.Inbound> records = store.inbound();
                Map<String, Integer> perClass = new TreeMap<>();
                records.forEach(r -> perClass.merge(r.mailClass(), 1, Integer::sum));
                System.out.println("sisimai-set-of-emails through run --once: " + records.size() + " messages, "
                        + "per class " + perClass + ", answers queued " + store.answers().size());

                List<String> wrong = new ArrayList<>();
                for (StoreView.Inbound record : records) {
                    String name = nameByUid.get(uidOf(record.messageKey()));
                    if (PERSONAL_MAILS.contains(name) || FORWARDED_BY_A_PERSON.contains(name)) {
                        if (!record.mailClass().equals("new")) {
                            wrong.add(name + ": a personal mail recorded as " + record.mailClass());
                        }
                    } else if (record.mailClass().equals("unparseable")) {
                        System.out.println("  quarantined " + name + ": " + record.reasons().replace('\n', ' '));
                    } else if (!AUTOMATIC.contains(record.mailClass()) || !record.action().equals("ignore")
                            || !record.reasons().contains("no-answer:automatic")) {
                        wrong.add(name + ": automatic mail recorded as " + record.mailClass() + " -> "
                                + record.action() + " [" + record.reasons().replace('\n', ' ') + "]");
                    }
                    if (record.answerOutboxId() != null) {
                        wrong.add(name + ": answered (outbox#" + record.answerOutboxId() + " to " + record.answerTo()
                                + ") as " + record.mailClass());
                    }
                }
                assertThat(wrong).as("messages answered, or not refused as automatic mail").isEmpty();
                assertThat(records).as("one record per message").hasSize(corpus.size());
                assertThat(records.stream().map(r -> nameByUid.get(uidOf(r.messageKey()))))
                        .as("both personal mails are among the records").containsAll(PERSONAL_MAILS);
                assertThat(store.answers()).as("answers in the outbox").isEmpty();
            }
        }
    }

    /** The UID of an IMAP message key {@code imap:<uidvalidity>:<uid>}. */
    private static long uidOf(String messageKey) {
        return Long.parseLong(messageKey.substring(messageKey.lastIndexOf(':') + 1));
    }

    private static String tail(String output) {
        return output.length() <= 20_000 ? output : output.substring(output.length() - 20_000);
    }
}
