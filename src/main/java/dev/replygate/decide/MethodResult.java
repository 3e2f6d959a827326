package dev.replygate.decide;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one authentication method in an Authentication-Results header.
 *
 * @param method     lower case: {@code dmarc}, {@code spf}, {@code dkim}, {@code arc}, {@code iprev}, …
 * @param result     lower case: {@code pass}, {@code fail}, {@code none}, {@code softfail}, {@code neutral},
 *                   {@code temperror}, {@code permerror}, {@code policy}, or whatever the server wrote
 * @param reason     the {@code reason=} value; null when none
 * @param properties in the order written
 */
public record MethodResult(String method, String result, String reason, List<AuthProperty> properties) {

    public MethodResult {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(result, "result");
        properties = List.copyOf(properties);
    }

    /** The value of the first property with that key ({@code header.from}), compared case-insensitively. */
    public Optional<String> property(String key) {
        for (AuthProperty property : properties) {
            if (property.key().equalsIgnoreCase(key)) {
                return Optional.of(property.value());
            }
        }
        return Optional.empty();
    }

    public boolean passed() {
        return result.equals("pass");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(method).append('=').append(result);
        if (reason != null) {
            text.append(" reason=").append(reason);
        }
        for (AuthProperty property : properties) {
            text.append(' ').append(property);
        }
        return text.toString();
    }
}
