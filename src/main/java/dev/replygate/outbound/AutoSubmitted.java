package dev.replygate.outbound;

/** The {@code Auto-Submitted} value of a mail replygate sends (RFC 3834 §5). */
public enum AutoSubmitted {
    /** A notification the portal asked for. */
    AUTO_GENERATED("auto-generated"),
    /** An answer to a message replygate received; also marked {@code Precedence: bulk}. */
    AUTO_REPLIED("auto-replied");

    private final String headerValue;

    AutoSubmitted(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }
}
