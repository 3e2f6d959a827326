package dev.replygate.notify;

import java.util.Map;

/**
 * What the portal asks for: tell {@code recipient} that {@code event} happened on a ticket.
 *
 * @param ticketId       the portal's ticket id
 * @param event          an event named in {@code notifications.events} (opened, answered, …)
 * @param recipient      the customer's address
 * @param recipientName  the customer's name; empty when unknown
 * @param locale         the customer's locale; null or empty for the default
 * @param variables      values for the template (subject, department, …)
 * @param idempotencyKey the caller's key: the same key queues once; null for none
 * @param ticketKey      the ticket's access key for {@code portal.ticket-url}'s {@code {ticketKey}} (WHMCS's
 *                       {@code c}); null for none
 */
public record NotificationRequest(String ticketId, String event, String recipient, String recipientName,
                                  String locale, Map<String, String> variables, String idempotencyKey,
                                  String ticketKey) {

    public NotificationRequest {
        recipientName = recipientName == null ? "" : recipientName;
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** A request without a ticket key. */
    public NotificationRequest(String ticketId, String event, String recipient, String recipientName,
                               String locale, Map<String, String> variables, String idempotencyKey) {
        this(ticketId, event, recipient, recipientName, locale, variables, idempotencyKey, null);
    }
}
