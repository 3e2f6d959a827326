package dev.replygate.config;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a value with environment variables, as a
 * shell does: {@code ${VAR}} is an error when VAR is unset (empty is fine), {@code ${VAR:-default}}
 * takes the default when VAR is unset or empty. {@code $${} is a literal {@code ${}. Substituted text
 * is not substituted again.
 */
final class EnvSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String DEFAULT_SEPARATOR = ":-";

    private final Function<String, String> environment;

    /** @param environment the value of an environment variable, or null when it is unset */
    EnvSubstitution(Function<String, String> environment) {
        this.environment = environment;
    }

    String substitute(String text) throws InvalidValueException {
        if (!text.contains("${")) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        int at = 0;
        while (at < text.length()) {
            if (text.startsWith("$${", at)) {
                result.append("${");
                at += 3;
            } else if (text.startsWith("${", at)) {
                int end = text.indexOf('}', at + 2);
                if (end < 0) {
                    throw new InvalidValueException("`${` without a closing `}`; write `$${` for a literal `${`");
                }
                result.append(resolve(text.substring(at + 2, end)));
                at = end + 1;
            } else {
                result.append(text.charAt(at));
                at++;
            }
        }
        return result.toString();
    }

    private String resolve(String expression) throws InvalidValueException {
        int separator = expression.indexOf(DEFAULT_SEPARATOR);
        String name = separator < 0 ? expression : expression.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            // The expression is not quoted: in a secret's value it would be part of the secret.
            throw new InvalidValueException("a `${…}` here does not name an environment variable"
                    + " (letters, digits and _); write `$${` for a literal `${`");
        }
        String value = environment.apply(name);
        if (separator >= 0) {
            return value == null || value.isEmpty() ? expression.substring(separator + DEFAULT_SEPARATOR.length()) : value;
        }
        if (value == null) {
            throw new InvalidValueException("environment variable `" + name + "` is not set"
                    + " (write ${" + name + ":-default} to give a default)");
        }
        return value;
    }
}
