package dev.replygate.decide;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises a set of addresses whatever the case, quoting and plus tag: {@code support@example.com}
 * also matches {@code Support+anything@Example.COM} and {@code "support"@example.com}.
 */
final class AddressMatcher {

    private final Set<String> untagged;
    private final List<String> addresses;

    AddressMatcher(Collection<String> addresses) {
        Set<String> keys = new LinkedHashSet<>();
        for (String address : addresses) {
            String key = untagged(address);
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        this.untagged = Set.copyOf(keys);
        this.addresses = List.copyOf(addresses);
    }

    boolean matches(String address) {
        String key = untagged(address);
        return !key.isEmpty() && untagged.contains(key);
    }

    List<String> addresses() {
        return addresses;
    }

    /** {@code local@domain} in lower case, unquoted, without the {@code +tag}; empty when not an address. */
    private static String untagged(String address) {
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
        String local = unquoted(text.substring(0, at));
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        return (local + "@" + text.substring(at + 1)).toLowerCase(Locale.ROOT);
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
