package dev.replygate.decide;

import java.util.Objects;

/**
 * One property of a method result, such as {@code smtp.mailfrom=user@example.com}.
 *
 * @param type  the ptype, lower case ({@code smtp}, {@code header}, {@code policy}); empty for the
 *              non-standard bare {@code key=value} some servers write ({@code action=none})
 * @param name  the property, lower case ({@code mailfrom}, {@code from}, {@code d})
 * @param value the value as written, unquoted when it was a quoted string
 */
public record AuthProperty(String type, String name, String value) {

    public AuthProperty {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** {@code type.name}, or {@code name} alone when there is no type. */
    public String key() {
        return type.isEmpty() ? name : type + "." + name;
    }

    @Override
    public String toString() {
        return key() + "=" + value;
    }
}
