package dev.replygate.config;

/** Turns the text of a config value into a typed value, or says why it cannot. */
@FunctionalInterface
interface ValueParser<T> {

    T parse(String text) throws InvalidValueException;

    /** Takes any text as it is. */
    static ValueParser<String> identity() {
        return text -> text;
    }
}
