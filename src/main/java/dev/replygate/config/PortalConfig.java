package dev.replygate.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The support portal that owns the tickets.
 *
 * @param name           shown to customers ("Example Hosting")
 * @param ticketUrl      link to one ticket; contains {@code {ticket}}, and may contain {@code {ticketKey}} (the
 *                       ticket's access key: WHMCS's {@code c})
 * @param newTicketUrl   the "open a ticket" page
 * @param signupUrl      the sign-up page
 * @param clientAreaUrl  the client area's start page
 * @param adminTicketUrl the staff's view of one ticket, for operators' digests; contains {@code {ticket}}, never
 *                       {@code {ticketKey}} (the customer's key is not the staff's)
 */
public record PortalConfig(String name, String ticketUrl, String newTicketUrl, String signupUrl,
                           String clientAreaUrl, Optional<String> adminTicketUrl) {

    public static final String TICKET_PLACEHOLDER = "{ticket}";
    public static final String TICKET_KEY_PLACEHOLDER = "{ticketKey}";

    /** Whether a ticket's link needs the ticket's access key ({@code {ticketKey}}) besides its id. */
    public boolean ticketUrlNeedsKey() {
        return ticketUrl.contains(TICKET_KEY_PLACEHOLDER);
    }

    /**
     * The link to the ticket; the client area's start page when the link needs the ticket's key and
     * {@code ticketKey} is null (none on record: the customer signs in and finds the ticket there).
     */
    public String ticketUrlFor(String ticketId, String ticketKey) {
        if (!ticketUrlNeedsKey()) {
            return withTicket(ticketUrl, ticketId);
        }
        return ticketKey == null ? clientAreaUrl : withTicket(ticketUrl, ticketId)
                .replace(TICKET_KEY_PLACEHOLDER, URLEncoder.encode(ticketKey, StandardCharsets.UTF_8));
    }

    /** The staff's view of the ticket; empty when {@code portal.admin-ticket-url} is not configured. */
    public Optional<String> adminTicketUrlFor(String ticketId) {
        return adminTicketUrl.map(url -> withTicket(url, ticketId));
    }

    private static String withTicket(String url, String ticketId) {
        return url.replace(TICKET_PLACEHOLDER, URLEncoder.encode(ticketId, StandardCharsets.UTF_8));
    }
}
