package dev.replygate.inbound;

import dev.replygate.classify.ClassifyContext;
import dev.replygate.classify.HeaderPattern;
import dev.replygate.classify.SubjectPattern;
import dev.replygate.classify.TicketSignatures;
import dev.replygate.config.InboundConfig;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.decide.AnswerAddressPolicy;
import dev.replygate.decide.AnswerRateLimiter;
import dev.replygate.decide.Decider;
import dev.replygate.decide.NotificationDirectory;
import dev.replygate.decide.SenderAuthentication;
import dev.replygate.metrics.Meters;
import dev.replygate.notify.NotificationRecord;
import dev.replygate.notify.Notifications;
import dev.replygate.outbound.Outbox;
import dev.replygate.signing.ReplyTokens;
import dev.replygate.signing.SignedMessageIds;
import dev.replygate.signing.VerifiedTicket;
import dev.replygate.store.Store;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Builds the inbound stages from the configuration: the pipeline of a mailbox, or the offline one of explain. */
public final class InboundPipelines {

    private InboundPipelines() {
    }

    /** The pipeline that records and answers the messages of {@code mailbox}, counting what it does in {@code meters}. */
    public static InboundPipeline forMailbox(InboundParts parts, MailboxConfig mailbox, Store store, Outbox outbox,
                                             Clock clock, Meters meters) {
        InboundConfig inbound = parts.config.inbound();
        Notifications notifications = new Notifications(store);
        return new InboundPipeline(mailbox, store, parts.parser, parts.classifier, parts.context,
                parts.decider(directory(notifications)), rateLimiter(inbound, mailbox), parts.answers, outbox,
                notifications, new PoisonMessages(mailbox.name(), store, inbound.maxAttempts(), clock), clock, meters,
                parts.workers);
    }

    static AnswerRateLimiter rateLimiter(InboundConfig inbound, MailboxConfig mailbox) {
        return new AnswerRateLimiter(mailbox.name(), inbound.replyWindow(), inbound.maxAnswersPerSenderPerDay(),
                inbound.maxAnswersPerDomainPerHour(), inbound.maxAnswersPerMailboxPerHour());
    }

    /** Our signed Message-IDs and reply tokens, as the classifier asks for them. */
    static TicketSignatures signatures(SignedMessageIds messageIds, ReplyTokens tokens) {
        return new TicketSignatures() {
            @Override
            public Optional<String> ticketOfMessageId(String messageId) {
                return messageIds.verify(messageId).map(VerifiedTicket::ticketId);
            }

            @Override
            public Optional<String> ticketOfAddress(String address) {
                return tokens.verifyAddress(address).map(VerifiedTicket::ticketId);
            }
        };
    }

    static ClassifyContext classifyContext(ReplygateConfig config) {
        ClassifyContext.Builder context = ClassifyContext.builder()
                .ourDomain(config.instance().domain())
                .loopToken(config.instance().name())
                .spamVerdicts(config.inbound().spamHeaders().stream()
                        .map(h -> HeaderPattern.of(h.header(), h.pattern().pattern())).toList());
        ourAddresses(config).forEach(context::ourAddress);
        config.inbound().subjectPatterns()
                .forEach(p -> context.subjectPattern(SubjectPattern.of(p.name(), p.pattern().pattern())));
        return context.build();
    }

    /** Every address replygate sends from or receives at: never a sender to answer, never a recipient. */
    static Set<String> ourAddresses(ReplygateConfig config) {
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add(config.sender().from().address());
        addresses.add(config.sender().replyTo().address());
        addresses.add(config.sender().envelopeFrom().address());
        config.sender().ownAddresses().forEach(a -> addresses.add(a.address()));
        config.mailboxes().forEach(m -> m.addresses().forEach(a -> addresses.add(a.address())));
        return addresses;
    }

    static Decider decider(ReplygateConfig config, NotificationDirectory directory) {
        AnswerAddressPolicy policy = new AnswerAddressPolicy(
                new SenderAuthentication(config.inbound().trustedAuthservIds(), config.inbound().ownReceivedLines()), ourAddresses(config));
        return new Decider(policy, directory, config.notifications().defaultLocale(), config.notifications().locales());
    }

    /** The notifications on record in {@code store}, as the decider looks them up. */
    public static NotificationDirectory notificationsIn(Store store) {
        return directory(new Notifications(store));
    }

    static NotificationDirectory directory(Notifications notifications) {
        return new NotificationDirectory() {
            @Override
            public Optional<Recipient> byMessageId(String messageId) {
                return notifications.findByMessageId(messageId).map(InboundPipelines::recipientOf);
            }

            @Override
            public Optional<Recipient> latestOfTicket(String ticketId) {
                return notifications.latestOf(ticketId).map(InboundPipelines::recipientOf);
            }
        };
    }

    private static NotificationDirectory.Recipient recipientOf(NotificationRecord record) {
        return new NotificationDirectory.Recipient(record.recipient(), record.locale(), record.ticketKey());
    }
}
