package dev.replygate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.config.Secret;
import dev.replygate.digest.Digests;
import dev.replygate.digest.MailboxHealth;
import dev.replygate.mailbox.MailboxPoller;
import dev.replygate.outbound.DeliveryReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The self-contained demonstration: an embedded mail server, a temporary store, and replygate's
 * real configuration loader, notification service and SMTP delivery between them.
 */
public final class Demo {

    static final String SUPPORT = "support@hosting.demo";
    static final String PERSIAN_CUSTOMER = "sara@customer.demo";
    static final String ENGLISH_CUSTOMER = "john@customer.demo";
    static final String OPERATOR = "ops@hosting.demo";
    static final String DIGEST = "demo";

    private final PrintWriter out;

    public Demo(PrintWriter out) {
        this.out = out;
    }

    /** Runs the story, then ends. */
    public void run() throws Exception {
        run((replygate, api) -> { });
    }

    /**
     * Runs the story, then {@code afterwards} with replygate, the mail server and the store still up (for
     * {@code demo --keep-running}); cleans up once it returns.
     */
    public void run(Afterwards afterwards) throws Exception {
        Path workDir = Files.createTempDirectory("replygate-demo-");
        try (DemoMailServer mail = new DemoMailServer()) {
            mail.addMailbox(SUPPORT);
            mail.addMailbox(PERSIAN_CUSTOMER);
            mail.addMailbox(ENGLISH_CUSTOMER);
            mail.addMailbox(OPERATOR);
            Path configFile = writeConfig(workDir, mail);
            out.printf("replygate demo%n  mail server: SMTP %s:%d, IMAP %s:%d (embedded)%n  store: %s%n%n",
                    mail.host(), mail.smtpPort(), mail.host(), mail.imapPort(), workDir.resolve("store"));
            out.flush();

            try (Replygate replygate = new Replygate(ConfigFiles.load(configFile).config(), Clock.systemUTC());
                 DemoApi api = DemoApi.start(replygate)) {
                PortalClient portal = new PortalClient(api.url(), api.token(), out);
                queue(portal, new PortalClient.Notification("482913", "answered", PERSIAN_CUSTOMER, "سارا احمدی", "fa",
                        Map.of("subject", "سایت من از دسترس خارج شده است", "department", "پشتیبانی فنی",
                                "status", "پاسخ داده شد", "operator", "مهدی"),
                        "demo-482913-answered"));
                queue(portal, new PortalClient.Notification("482914", "opened", ENGLISH_CUSTOMER, "John Smith", "en",
                        Map.of("subject", "Cannot renew my domain", "department", "Billing", "status", "Open"),
                        "demo-482914-opened"));
                deliver(replygate);
                CustomerMailbox.ReceivedMail saraNotification = show(mail, PERSIAN_CUSTOMER, 0);
                CustomerMailbox.ReceivedMail johnNotification = show(mail, ENGLISH_CUSTOMER, 0);

                out.printf("%n======== the customers answer by email ========%n");
                new CustomerMailProgram(mail.host(), mail.smtpPort(), PERSIAN_CUSTOMER, "سارا احمدی")
                        .reply(saraNotification, SUPPORT, "سلام، لطفاً سرور من را همین حالا حذف کنید.");
                out.printf("%s hit Reply and wrote to %s (Re:, quoted text, threading headers)%n", PERSIAN_CUSTOMER,
                        SUPPORT);
                new CustomerMailProgram(mail.host(), mail.smtpPort(), ENGLISH_CUSTOMER, "John Smith")
                        .outOfOffice(johnNotification, SUPPORT);
                out.printf("%s's vacation responder sent an out-of-office to %s%n", ENGLISH_CUSTOMER, SUPPORT);
                for (MailboxPoller poller : replygate.mailboxPollers()) {
                    try (poller) {
                        Replygate.pollUntilEmpty(poller).forEach(report -> out.println("replygate read mailbox "
                                + report.mailbox() + ": " + report.summary()));
                    }
                }
                deliver(replygate);
                show(mail, PERSIAN_CUSTOMER, 1);
                int johnHas = new CustomerMailbox(mail.host(), mail.imapPort(), ENGLISH_CUSTOMER).read().size();
                out.printf("%n%s's out-of-office got nothing: their inbox still holds %d message(s), the notification"
                        + " only.%n", ENGLISH_CUSTOMER, johnHas);
                if (johnHas != 1) {
                    throw new IllegalStateException("the out-of-office was answered");
                }
                sendDigest(replygate, mail);
                out.flush();
                afterwards.run(replygate, api);
            }
        } finally {
            deleteRecursively(workDir);
        }
    }

    /** The operators' side: the digest of what just happened, sent to the operator's mailbox and read there. */
    private void sendDigest(Replygate replygate, DemoMailServer mail) throws Exception {
        out.printf("%n======== the operator's digest ========%n");
        Digests digests = replygate.digests(MailboxHealth.of(replygate.meters()));
        Digests.DigestSent sent = digests.sendNow(digests.named(DIGEST))
                .orElseThrow(() -> new IllegalStateException("the demo's daily digest has no period in progress"));
        out.printf("queued digest `%s` of %s to %s to %s: outbox#%d%n", DIGEST, sent.period().start(),
                sent.period().end(), OPERATOR, sent.queued().get(0).id());
        deliver(replygate);
        List<CustomerMailbox.ReceivedMail> inbox = new CustomerMailbox(mail.host(), mail.imapPort(), OPERATOR).read();
        if (inbox.size() != 1) {
            throw new IllegalStateException(OPERATOR + " has " + inbox.size() + " message(s), expected the digest");
        }
        CustomerMailbox.ReceivedMail digest = inbox.get(0);
        out.printf("%s's inbox (IMAP): \"%s\" from %s, Auto-Submitted: %s%n---- digest text ----%n%s%n", OPERATOR,
                digest.subject(), digest.from(), digest.autoSubmitted(), digest.text().strip());
        out.flush();
    }

    /** What runs once the story is told, on the demo's replygate and its API. */
    @FunctionalInterface
    public interface Afterwards {
        void run(Replygate replygate, DemoApi api) throws Exception;
    }

    /** Queues a notification as the portal does, through the API. */
    private void queue(PortalClient portal, PortalClient.Notification request) throws Exception {
        JsonNode queued = portal.queueNotification(request);
        out.printf("queued %s notification for ticket %s to %s: outbox#%d <%s> (%s)%n", request.event(),
                request.ticket(), request.recipient(), queued.path("id").asLong(),
                queued.path("messageId").asText(), queued.path("locale").asText());
        out.flush();
    }

    private void deliver(Replygate replygate) {
        DeliveryReport report = Replygate.deliverAllDue(replygate.deliverer());
        out.printf("replygate delivered over SMTP: %d sent, %d deferred, %d failed%n", report.sent(), report.deferred(),
                report.failed());
        if (report.sent() == 0 || report.deferred() + report.failed() > 0) {
            throw new IllegalStateException("the demo's mail was not all delivered");
        }
    }

    /** Prints the customer's message number {@code index} (0 = oldest), as read over IMAP, and returns it. */
    private CustomerMailbox.ReceivedMail show(DemoMailServer mail, String customer, int index) throws Exception {
        List<CustomerMailbox.ReceivedMail> inbox = new CustomerMailbox(mail.host(), mail.imapPort(), customer).read();
        if (inbox.size() <= index) {
            throw new IllegalStateException(customer + " has " + inbox.size() + " message(s), expected more");
        }
        CustomerMailbox.ReceivedMail received = inbox.get(index);
        out.printf("%n======== %s's inbox (IMAP), message %d of %d ========%n", customer, index + 1, inbox.size());
        out.printf("From:           %s%nSubject:        %s%nMessage-ID:     %s%n", received.from(), received.subject(),
                received.messageId());
        if (!received.autoSubmitted().isEmpty()) {
            out.printf("Auto-Submitted: %s%nIn-Reply-To:    %s%n", received.autoSubmitted(), received.inReplyTo());
        }
        out.printf("---- text part ----%n%s%n", received.text().strip());
        out.flush();
        return received;
    }

    private static Path writeConfig(Path workDir, DemoMailServer mail) throws IOException {
        String yaml = """
                instance:
                  name: replygate-demo
                  domain: hosting.demo
                portal:
                  name: Demo Hosting
                  ticket-url: https://portal.hosting.demo/viewticket.php?tid={ticket}
                  new-ticket-url: https://portal.hosting.demo/submitticket.php
                  signup-url: https://portal.hosting.demo/register.php
                  client-area-url: https://portal.hosting.demo/clientarea.php
                  admin-ticket-url: https://portal.hosting.demo/admin/supporttickets.php?action=view&id={ticket}
                store:
                  url: jdbc:h2:file:%s
                smtp:
                  host: %s
                  port: %d
                sender:
                  from: "Demo Hosting Support <%s>"
                signing:
                  active-key: demo1
                  keys:
                    - id: demo1
                      secret: %s
                notifications:
                  time-zone: Asia/Tehran
                mailboxes:
                  - name: support
                    protocol: imap
                    host: %s
                    port: %d
                    security: none
                    username: %s
                    password: %s
                    poll-interval: 1m
                    addresses: [%s]
                digests:
                  - name: %s
                    cron: "0 0 8 * * ?"
                    time-zone: Asia/Tehran
                    recipients: [%s]
                """.formatted(workDir.resolve("store").resolve("replygate").toAbsolutePath(), mail.host(),
                mail.smtpPort(), SUPPORT, Secret.generate().reveal(), mail.host(), mail.imapPort(), SUPPORT, SUPPORT,
                SUPPORT, DIGEST, OPERATOR);
        Path file = workDir.resolve("replygate.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
