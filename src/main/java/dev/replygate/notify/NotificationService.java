package dev.replygate.notify;

import dev.replygate.logging.LogContext;
import dev.replygate.signing.BodyMarker;
import dev.replygate.address.MailAddress;
import dev.replygate.config.PortalConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.outbound.AutoSubmitted;
import dev.replygate.outbound.EnqueueResult;
import dev.replygate.outbound.MailComposer;
import dev.replygate.outbound.Outbox;
import dev.replygate.outbound.OutboxEntry;
import dev.replygate.outbound.OutboxKind;
import dev.replygate.outbound.OutgoingMail;
import dev.replygate.signing.ReplyTokens;
import dev.replygate.signing.SignedMessageIds;
import dev.replygate.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the portal's request into a rendered, signed, threaded notification in the outbox, and
 * records it so that a reply to it is recognised later. Everything that can be wrong with a request
 * (unknown event, bad address, a variable the template needs) fails here, at queue time, never
 * as a broken mail in a customer's inbox.
 */
public final class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    /** The store's widths of what a request gives as text (notification.recipient_name, .event). */
    static final int MAX_NAME = 500;
    static final int MAX_EVENT = 64;

    /** Variables replygate fills itself; a request may not set them. */
    static final Set<String> RESERVED_VARIABLES = Set.of(
            "ticket", "ticketUrl", "portalName", "clientAreaUrl", "recipientName", "locale", "date");

    private final ReplygateConfig config;
    private final Store store;
    private final TemplateRenderer renderer;
    private final SignedMessageIds messageIds;
    private final ReplyTokens replyTokens;
    private final MailComposer composer;
    private final Outbox outbox;
    private final Notifications notifications;
    private final Clock clock;

    public NotificationService(ReplygateConfig config, Store store, TemplateRenderer renderer,
                               SignedMessageIds messageIds, ReplyTokens replyTokens, MailComposer composer,
                               Outbox outbox, Notifications notifications, Clock clock) {
        this.config = config;
        this.store = store;
        this.renderer = renderer;
        this.messageIds = messageIds;
        this.replyTokens = replyTokens;
        this.composer = composer;
        this.outbox = outbox;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Queues the notification, or finds the one already queued under the request's idempotency key.
     *
     * @throws InvalidNotificationException when the request cannot become a notification
     */
    public QueuedNotification queue(NotificationRequest request) {
        String templateName = templateFor(request.event());
        requireValidName(request.recipientName());
        MailAddress recipient = recipient(request);
        String locale = Locales.requireValidOrDefault(request.locale(), config.notifications().defaultLocale());
        requireValidTicket(request.ticketId());
        requireValidTicketKey(request.ticketKey());
        CallerKeys.requireValid(request.idempotencyKey());

        RenderedTemplate rendered = render(templateName, locale, request);
        String messageId = messageIds.create(request.ticketId());
        List<String> thread = notifications.threadOf(request.ticketId());
        MailAddress replyTo = config.sender().replyToToken()
                ? replyTokens.replyAddressFor(request.ticketId()).orElse(config.sender().replyTo())
                : config.sender().replyTo();
        String marker = BodyMarker.of(messageId);
        OutgoingMail mail = new OutgoingMail(messageId, config.sender().from(), replyTo, recipient,
                rendered.subject(), withMarker(rendered.text(), marker), withHiddenMarker(rendered.html(), marker),
                rendered.locale(),
                thread.isEmpty() ? null : thread.get(thread.size() - 1), thread, AutoSubmitted.AUTO_GENERATED);
        OutboxEntry entry = new OutboxEntry(OutboxKind.NOTIFICATION, CallerKeys.stored(request.idempotencyKey()),
                messageId, config.sender().envelopeFrom().address(), recipient.address(), rendered.subject(),
                request.ticketId(), composer.compose(mail));

        QueuedNotification queued = store.inTransaction(connection -> {
            EnqueueResult result = outbox.enqueue(connection, entry);
            if (!result.created()) {
                return new QueuedNotification(result.id(), null, rendered.locale(), false);
            }
            notifications.insert(connection, new NotificationRecord(messageId, result.id(), request.ticketId(),
                    request.event(), recipient.address(), recipient.displayName(), rendered.locale(),
                    clock.instant(), request.ticketKey()));
            return new QueuedNotification(result.id(), messageId, rendered.locale(), true);
        });
        if (!queued.created()) {
            String existingId = outbox.find(queued.outboxId()).map(item -> item.messageId()).orElse("");
            requireSameRequest(request, recipient, existingId, queued.outboxId());
            LogContext.outboxItem(queued.outboxId(), request.ticketId()).around(() -> log.info(
                    "notification ({}) already queued under idempotency key {}", request.event(),
                    request.idempotencyKey()));
            return new QueuedNotification(queued.outboxId(), existingId, queued.locale(), false);
        }
        LogContext.outboxItem(queued.outboxId(), request.ticketId()).around(() -> log.info(
                "queued notification <{}> {} to {} in {}", messageId, request.event(), recipient.address(),
                rendered.locale()));
        return queued;
    }

    /** The request's recipient, a plain address checked as the configuration's addresses are, with its name. */
    private static MailAddress recipient(NotificationRequest request) {
        String address = request.recipient() == null ? "" : request.recipient().strip();
        try {
            return MailAddress.plain(address).withDisplayName(request.recipientName());
        } catch (IllegalArgumentException e) {
            throw new InvalidNotificationException("recipient", "recipient is not a valid address: " + e.getMessage(), e);
        }
    }

    /**
     * The text part ends with the body marker: a reply that quotes the notification is tied to its
     * ticket even when the mail program dropped the threading headers. Only its signature counts.
     */
    static String withMarker(String text, String marker) {
        return text.stripTrailing() + "\n\n" + marker + "\n";
    }

    /** The HTML part carries the marker hidden, before the end of its body. */
    static String withHiddenMarker(String html, String marker) {
        String hidden = "<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all\" aria-hidden=\"true\">"
                + marker + "</div>";
        int end = html.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return end < 0 ? html + hidden : html.substring(0, end) + hidden + html.substring(end);
    }

    /** The customer's name, kept with the notification in a column of {@value #MAX_NAME} characters. */
    private static void requireValidName(String name) {
        if (name.length() > MAX_NAME) {
            throw new InvalidNotificationException("name", "name must be at most " + MAX_NAME + " characters, not "
                    + name.length(), null);
        }
    }

    /** An event's template; the event is kept with the notification in a column of {@value #MAX_EVENT} characters. */
    private String templateFor(String event) {
        if (event != null && event.length() > MAX_EVENT) {
            throw new InvalidNotificationException("event", "event must be an event of notifications.events of at"
                    + " most " + MAX_EVENT + " characters", null);
        }
        String template = event == null ? null : config.notifications().events().get(event);
        if (template == null) {
            throw new InvalidNotificationException("event", "unknown event `" + event + "`; known events: "
                    + String.join(", ", config.notifications().events().keySet()), null);
        }
        return template;
    }

    /** The key queued this very notification before (same ticket, event and recipient), not another one. */
    private void requireSameRequest(NotificationRequest request, MailAddress recipient, String existingMessageId,
                                    long existingOutboxId) {
        boolean same = notifications.findByMessageId(existingMessageId)
                .filter(first -> first.ticketId().equals(request.ticketId()) && first.event().equals(request.event())
                        && first.recipient().equalsIgnoreCase(recipient.address()))
                .isPresent();
        if (!same) {
            log.warn("idempotency key {} sent again for a different notification (ticket {}, {}); refused",
                    request.idempotencyKey(), request.ticketId(), request.event());
            throw new IdempotencyKeyReusedException("idempotency key `" + request.idempotencyKey()
                    + "` already queued a different notification (outbox#" + existingOutboxId + "); use a new key for a new notification");
        }
    }

    private static void requireValidTicket(String ticketId) {
        if (ticketId == null || !ticketId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidNotificationException("ticket", "ticket id must be 1 to 64 letters, digits, '_' or '-': "
                    + ticketId, null);
        }
    }

    /** Optional, unless {@code portal.ticket-url} has {@code {ticketKey}}: then its link needs it. */
    private void requireValidTicketKey(String ticketKey) {
        if (ticketKey == null) {
            if (config.portal().ticketUrlNeedsKey()) {
                throw new InvalidNotificationException("ticketKey", "ticket key is required: portal.ticket-url has "
                        + PortalConfig.TICKET_KEY_PLACEHOLDER, null);
            }
            return;
        }
        if (!ticketKey.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidNotificationException("ticketKey", "ticket key must be 1 to 64 letters, digits, '_' or"
                    + " '-'", null);
        }
    }

    private RenderedTemplate render(String templateName, String locale, NotificationRequest request) {
        for (String name : request.variables().keySet()) {
            if (RESERVED_VARIABLES.contains(name)) {
                throw new InvalidNotificationException("variables", "variable `" + name + "` is set by replygate and"
                        + " cannot be given; reserved: " + String.join(", ", RESERVED_VARIABLES.stream().sorted().toList()),
                        null);
            }
        }
        Map<String, Object> variables = new HashMap<>(request.variables());
        variables.put("ticket", request.ticketId());
        variables.put("ticketUrl", config.portal().ticketUrlFor(request.ticketId(), request.ticketKey()));
        variables.put("portalName", config.portal().name());
        variables.put("clientAreaUrl", config.portal().clientAreaUrl());
        variables.put("recipientName", request.recipientName());
        try {
            return renderer.render(templateName, locale, variables);
        } catch (TemplateException e) {
            throw new InvalidNotificationException("variables", e.getMessage(), e);
        }
    }
}
