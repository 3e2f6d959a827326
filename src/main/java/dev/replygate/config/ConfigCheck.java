package dev.replygate.config;

/**
 * A check of the loaded config that needs more than the config package knows, such as "every
 * template named in notifications.events exists". Checks run after the loader's own validation and
 * their problems are reported together with the loader's.
 *
 * <p>When the loader already found problems, a check sees stand-in values where keys were
 * invalid or missing (the default, or for a required key its documented example), so a check
 * never meets a null.
 */
@FunctionalInterface
public interface ConfigCheck {

    /** Adds a problem to {@code problems} for everything wrong; adds nothing when all is well. */
    void check(ReplygateConfig config, ConfigProblems problems);
}
