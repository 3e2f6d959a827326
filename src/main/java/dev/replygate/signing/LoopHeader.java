package dev.replygate.signing;

import dev.replygate.text.HeaderText;

import dev.replygate.config.InstanceConfig;

import java.util.regex.Pattern;

/**
 * The header replygate puts on all its mail so that it recognises its own mail coming back.
 *
 * @param name  the header field name
 * @param value the value, this instance's name
 */
public record LoopHeader(String name, String value) {

    /** The header's name; the classifier looks for it on incoming mail. */
    public static final String NAME = "X-Replygate-Loop";
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");

    public LoopHeader {
        if (name == null || !FIELD_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a header field name: " + name);
        }
        value = HeaderText.forHeader(value);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the loop header needs a value (instance.name)");
        }
    }

    public static LoopHeader of(InstanceConfig instance) {
        return new LoopHeader(NAME, instance.name());
    }
}
