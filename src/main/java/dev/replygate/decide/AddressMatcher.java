package dev.replygate.decide;

import dev.replygate.address.MailAddress;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises a set of addresses whatever the case, quoting and plus tag: {@code support@example.com}
 * also matches {@code Support+anything@Example.COM} and {@code "support"@example.com} (see
 * {@link MailAddress#untaggedKey}).
 */
final class AddressMatcher {

    private final Set<String> untagged;
    private final List<String> addresses;

    AddressMatcher(Collection<String> addresses) {
        Set<String> keys = new LinkedHashSet<>();
        for (String address : addresses) {
            String key = MailAddress.untaggedKey(address);
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        this.untagged = Set.copyOf(keys);
        this.addresses = List.copyOf(addresses);
    }

    boolean matches(String address) {
        String key = MailAddress.untaggedKey(address);
        return !key.isEmpty() && untagged.contains(key);
    }

    List<String> addresses() {
        return addresses;
    }
}
