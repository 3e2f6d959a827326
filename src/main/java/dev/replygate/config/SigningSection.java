package dev.replygate.config;

import dev.replygate.config.SigningConfig.SigningKey;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Binds {@code signing}: unique key ids, long enough secrets that are not the public example, and an
 * active key that is listed.
 */
final class SigningSection {

    private static final int MIN_SECRET_LENGTH = 32;
    /** Marks the example secrets documentation shows; with one of those anyone can sign. */
    private static final String EXAMPLE_MARK = "change-me";
    private static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -base64 48";

    private SigningSection() {
    }

    static SigningConfig bind(MappingReader section) {
        Optional<String> activeKey = section.required("active-key", ValueParsers.signingKeyId());
        Set<String> ids = new HashSet<>();
        Optional<List<SigningKey>> keys = section.requiredMappingList("keys", item -> key(item, ids));
        if (activeKey.isPresent() && keys.isPresent() && !ids.contains(activeKey.get())) {
            section.reject("active-key", "`" + activeKey.get() + "` is not the id of any key in "
                    + section.pathOf("keys"));
        }
        List<SigningKey> boundKeys = keys.orElse(List.of(ConfigDefaults.SIGNING_KEY));
        String active = activeKey
                .filter(id -> boundKeys.stream().anyMatch(key -> key.id().equals(id)))
                .orElse(boundKeys.get(0).id());
        return new SigningConfig(active, boundKeys);
    }

    private static Optional<SigningKey> key(MappingReader item, Set<String> idsSoFar) {
        Optional<String> id = item.required("id", ValueParsers.signingKeyId());
        Optional<Secret> secret = item.requiredSecret("secret");
        if (id.isPresent() && !idsSoFar.add(id.get())) {
            item.reject("id", "`" + id.get() + "` is the id of an earlier key too");
            return Optional.empty();
        }
        if (secret.isPresent() && secret.get().reveal().toLowerCase(Locale.ROOT).contains(EXAMPLE_MARK)) {
            item.rejectSecret("secret", "is the public example secret (it contains `" + EXAMPLE_MARK
                    + "`): anyone could sign Message-IDs for any ticket with it; " + HOW_TO_MAKE_ONE);
            return Optional.empty();
        }
        if (secret.isPresent() && secret.get().reveal().length() < MIN_SECRET_LENGTH) {
            item.rejectSecret("secret", "is " + secret.get().reveal().length() + " characters long; at least "
                    + MIN_SECRET_LENGTH + " are needed (" + HOW_TO_MAKE_ONE + ")");
            return Optional.empty();
        }
        return id.isPresent() && secret.isPresent() ? Optional.of(new SigningKey(id.get(), secret.get())) : Optional.empty();
    }
}
