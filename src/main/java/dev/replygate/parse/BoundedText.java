package dev.replygate.parse;

/** Text kept up to a limit, and whether it was cut there (or its input was). */
record BoundedText(String text, boolean truncated) {
}
