package dev.replygate.classify;

import java.util.Locale;

/** RFC 3464 §2.3.3 {@code Action} of one recipient. */
public enum DeliveryAction {
    FAILED, DELAYED, DELIVERED, RELAYED, EXPANDED, UNKNOWN;

    /** The action of a field value, tolerating case, comments and trailing words ({@code failed (bad)}). */
    static DeliveryAction parse(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        String token = HeaderValues.firstToken(value);
        // Words some MTAs write instead of the RFC 3464 ones.
        switch (token) {
            case "expired", "failure", "bounced", "undeliverable" -> {
                return FAILED;
            }
            case "deferred", "delay", "transient" -> {
                return DELAYED;
            }
            default -> {
            }
        }
        for (DeliveryAction action : values()) {
            if (action != UNKNOWN && action.name().toLowerCase(Locale.ROOT).equals(token)) {
                return action;
            }
        }
        return UNKNOWN;
    }

    /** True when the message did not (yet) reach this recipient. */
    public boolean failure() {
        return this == FAILED || this == DELAYED;
    }
}
