package dev.replygate.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the fields of an RFC 3464 {@code message/delivery-status} body: a per-message block
 * ({@code Reporting-MTA}, …) and one block per recipient. Tolerates what MTAs write in practice:
 * folded lines, no blank line between recipients, {@code Final-Recipient} without address type,
 * comments in {@code Action}, {@code X-Actual-Recipient} instead of a usable final recipient.
 */
final class DsnFields {

    /** The fields of one recipient block, raw. */
    static final class Recipient {
        String finalRecipient;
        String originalRecipient;
        String actualRecipient;
        String action;
        String status;
        String diagnostic;

        void set(String field, String value) {
            switch (field) {
                case "action" -> action = action == null ? value : action;
                case "status" -> status = status == null ? value : status;
                default -> diagnostic = diagnostic == null ? typed(value) : diagnostic;
            }
        }

        String address() {
            String address = Addresses.bare(finalRecipient);
            if (address == null || !address.contains("@")) {
                String actual = Addresses.bare(actualRecipient);
                String original = Addresses.bare(originalRecipient);
                address = actual != null && actual.contains("@") ? actual : original != null ? original : address;
            }
            return address;
        }
    }

    String reportingMta;
    final List<Recipient> recipients = new ArrayList<>();

    private DsnFields() {
    }

    static DsnFields parse(String text) {
        DsnFields fields = new DsnFields();
        Recipient current = null;
        boolean blockEnded = false;
        for (String line : unfold(text)) {
            if (line.isBlank()) {
                blockEnded = true;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "reporting-mta" -> fields.reportingMta = fields.reportingMta == null ? typed(value) : fields.reportingMta;
                case "final-recipient", "original-recipient", "x-actual-recipient" -> {
                    if (current == null || blockEnded || startsNewRecipient(current, name)) {
                        current = new Recipient();
                        fields.recipients.add(current);
                        blockEnded = false;
                    }
                    switch (name) {
                        case "final-recipient" -> current.finalRecipient = typed(value);
                        case "original-recipient" -> current.originalRecipient = typed(value);
                        default -> current.actualRecipient = typed(value);
                    }
                }
                case "action", "status", "diagnostic-code" -> {
                    // Some MTAs write these before the recipient field of their block.
                    if (current == null || blockEnded) {
                        current = new Recipient();
                        fields.recipients.add(current);
                        blockEnded = false;
                    }
                    current.set(name, value);
                }
                default -> {
                }
            }
        }
        fields.recipients.removeIf(r -> r.address() == null || r.address().isBlank());
        if (fields.recipients.size() > TextBounce.MAX_RECIPIENTS) {
            fields.recipients.subList(TextBounce.MAX_RECIPIENTS, fields.recipients.size()).clear();
        }
        return fields;
    }

    // A field seen twice starts the next recipient, and so does any recipient field once the current
    // recipient has both an address and an action (blocks not separated by a blank line).
    private static boolean startsNewRecipient(Recipient current, String field) {
        boolean seen = switch (field) {
            case "final-recipient" -> current.finalRecipient != null;
            case "original-recipient" -> current.originalRecipient != null;
            default -> current.actualRecipient != null;
        };
        boolean complete = (current.finalRecipient != null || current.originalRecipient != null) && current.action != null;
        return seen || complete;
    }

    // "rfc822; user@example.com" -> "user@example.com"; "smtp; 550 5.1.1 ..." -> "550 5.1.1 ..."
    private static String typed(String value) {
        int semicolon = value.indexOf(';');
        if (semicolon >= 0 && semicolon < 20 && value.substring(0, semicolon).strip().matches("[A-Za-z0-9-]+")) {
            return value.substring(semicolon + 1).strip();
        }
        return value;
    }

    // Each field's folded lines joined in one builder: joining them as strings one at a time would copy a field of
    // n continuation lines n times.
    private static List<String> unfold(String text) {
        List<StringBuilder> fields = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n")) {
            StringBuilder last = fields.isEmpty() ? null : fields.get(fields.size() - 1);
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null
                    && last.length() > 0) {
                last.append(' ').append(line.strip());
            } else {
                fields.add(new StringBuilder(line));
            }
        }
        List<String> lines = new ArrayList<>(fields.size());
        fields.forEach(field -> lines.add(field.toString()));
        return lines;
    }
}
