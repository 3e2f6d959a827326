package dev.replygate.decide;

import java.util.Locale;

/**
 * One mailbox's key, whatever spelling of its address a sender chose: {@code local@domain} in lower
 * case, unquoted, without angle brackets and without the {@code +tag}. For Gmail, which ignores dots
 * in the local part and treats {@code googlemail.com} as {@code gmail.com}, without those too. Two
 * spellings with one key reach one inbox, so they share one rate limit and one "is it ours" answer.
 */
final class UntaggedAddress {

    private UntaggedAddress() {
    }

    /** The key of {@code address}; empty when it is not {@code local@domain}. */
    static String of(String address) {
        if (address == null) {
            return "";
        }
        String text = address.strip();
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1);
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return "";
        }
        String local = unquoted(text.substring(0, at)).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        String domain = text.substring(at + 1).toLowerCase(Locale.ROOT);
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }

    private static String unquoted(String local) {
        if (local.length() < 2 || !local.startsWith("\"") || !local.endsWith("\"")) {
            return local;
        }
        StringBuilder plain = new StringBuilder();
        for (int i = 1; i < local.length() - 1; i++) {
            char c = local.charAt(i);
            if (c == '\\' && i + 1 < local.length() - 1) {
                c = local.charAt(++i);
            }
            plain.append(c);
        }
        return plain.toString();
    }
}
