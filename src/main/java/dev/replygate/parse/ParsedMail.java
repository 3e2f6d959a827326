package dev.replygate.parse;

import dev.replygate.address.MailAddress;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What replygate knows of one received message after bounded parsing. Everything here is decoded
 * (RFC 2047, 2231, 6532) and bounded in size; bodies are never held whole.
 *
 * @param headers        the top-level header fields in order, {@link #MAX_HEADERS} at most
 * @param messageId      the Message-ID without angle brackets; null when absent or unreadable
 * @param inReplyTo      Message-IDs in In-Reply-To, without angle brackets
 * @param references     Message-IDs in References, oldest first, without angle brackets
 * @param returnPath     the Return-Path address; {@code ""} for the null path {@code <>}; null when absent
 *                       or unusable (no address readable, longer than {@link #MAX_ADDRESS_LENGTH})
 * @param from           the From mailboxes; like every mailbox here, none has an address longer than
 *                       {@link #MAX_ADDRESS_LENGTH}
 * @param sender         the Sender mailbox; null when absent
 * @param replyTo        the Reply-To mailboxes
 * @param recipients     every To, Cc, Bcc, Resent-To, Resent-Cc, Resent-Bcc mailbox
 * @param subject        the decoded subject; {@code ""} when absent
 * @param mimeType       the top-level content type, lower case, without parameters ({@code multipart/report})
 * @param reportType     the {@code report-type} parameter of a multipart/report, lower case; null otherwise
 * @param text           the readable text: the first text/plain part, or the first text/html part as text;
 *                       cut at the configured limit
 * @param textTruncated  true when {@code text} was cut
 * @param parts          every leaf part's metadata, in order (never its content)
 * @param deliveryStatus the text of each {@code message/delivery-status} (or look-alike) part, bounded
 * @param attachedHeaders the header block of each attached original message ({@code message/rfc822},
 *                       {@code text/rfc822-headers}), bounded; DSNs quote our Message-ID here
 * @param size           bytes of the raw message
 * @param problems       what was wrong but did not stop parsing (bad charset, a limit reached), for the record
 */
public record ParsedMail(List<Header> headers, String messageId, List<String> inReplyTo, List<String> references,
                         String returnPath, List<Mailbox> from, Mailbox sender, List<Mailbox> replyTo,
                         List<Mailbox> recipients, String subject, String mimeType, String reportType, String text,
                         boolean textTruncated, List<PartInfo> parts, List<String> deliveryStatus,
                         List<String> attachedHeaders, long size, List<String> problems) {

    public static final int MAX_HEADERS = 1000;
    /** The longest address kept (64 for the local part, 1 for the {@code @}, 255 for the domain). */
    public static final int MAX_ADDRESS_LENGTH = MailAddress.MAX_LENGTH;

    /** The first header of that name (case-insensitive), decoded. */
    public Optional<String> header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return Optional.of(header.value());
            }
        }
        return Optional.empty();
    }

    /** Every header of that name (case-insensitive), decoded, in order. */
    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    public boolean hasHeader(String name) {
        return header(name).isPresent();
    }

    /** A header field: its name as written and its unfolded, decoded value (never containing CR or LF). */
    public record Header(String name, String value) {
        public String lowerName() {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A mailbox: {@code address} is {@code local@domain} (domain lower-cased), just {@code local} when the
     * field had no domain ({@code MAILER-DAEMON}), or empty for the null address ({@code MAILER-DAEMON <>});
     * {@code name} may be empty.
     */
    public record Mailbox(String address, String name) {
        public String localPart() {
            int at = address.lastIndexOf('@');
            return at < 0 ? address : address.substring(0, at);
        }

        public String domain() {
            int at = address.lastIndexOf('@');
            return at < 0 ? "" : address.substring(at + 1);
        }
    }

    /**
     * One leaf part.
     *
     * @param mimeType    lower case, without parameters
     * @param charset     the declared charset; null when none
     * @param disposition {@code inline}, {@code attachment} or null
     * @param filename    decoded file name; null when none
     * @param size        decoded bytes counted while streaming past it
     */
    public record PartInfo(String mimeType, String charset, String disposition, String filename, long size) {
    }
}
