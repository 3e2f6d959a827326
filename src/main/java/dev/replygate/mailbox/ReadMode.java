package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;

import java.util.Locale;

/**
 * The name under which a mailbox's read progress is kept: {@code shadow}, or the disposition mode
 * ({@code move}, {@code keyword}, {@code keep}, {@code delete}). Progress made in one mode does not
 * count in another, so messages read in shadow mode get their disposition once shadow mode is off.
 */
final class ReadMode {

    private ReadMode() {
    }

    static String of(MailboxConfig config) {
        return config.shadow() ? "shadow" : config.disposition().mode().name().toLowerCase(Locale.ROOT);
    }
}
