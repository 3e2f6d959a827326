package dev.replygate.config;

/**
 * The support portal that owns the tickets.
 *
 * @param name          shown to customers ("Example Hosting")
 * @param ticketUrl     link to one ticket; contains {@code {ticket}}
 * @param newTicketUrl  the "open a ticket" page
 * @param signupUrl     the sign-up page
 * @param clientAreaUrl the client area's start page
 */
public record PortalConfig(String name, String ticketUrl, String newTicketUrl, String signupUrl,
                           String clientAreaUrl) {

    public static final String TICKET_PLACEHOLDER = "{ticket}";

    public String ticketUrlFor(String ticketId) {
        return ticketUrl.replace(TICKET_PLACEHOLDER, java.net.URLEncoder.encode(ticketId,
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
