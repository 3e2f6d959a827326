package dev.replygate.notify;

import dev.replygate.config.ConfigCheck;
import dev.replygate.config.ConfigProblems;
import dev.replygate.config.ReplygateConfig;

import java.util.List;
import java.util.Map;

/**
 * Checks at start-up that every template the configuration names exists, in the default locale at
 * least (the fallback of every other locale), so a missing file is a configuration error and not a
 * failed notification hours later.
 */
public final class TemplateCheck implements ConfigCheck {

    /** Templates replygate itself uses besides the notifications of {@code notifications.events}. */
    static final List<String> BUILT_IN_USES = List.of("reply-redirect", "new-mail-redirect", "digest");

    @Override
    public void check(ReplygateConfig config, ConfigProblems problems) {
        TemplateRenderer renderer = new TemplateRenderer(config.templates().directory(),
                config.notifications().defaultLocale());
        String defaultLocale = config.notifications().defaultLocale();
        for (Map.Entry<String, String> event : config.notifications().events().entrySet()) {
            String template = event.getValue();
            if (!renderer.exists(template)) {
                problems.add("notifications.events." + event.getKey(), "template `" + template
                        + "` does not exist (looked in " + config.templates().directory()
                        + " and the built-in templates)");
            } else if (!renderer.localesWith(template).contains(defaultLocale)) {
                problems.add("notifications.events." + event.getKey(), "template `" + template
                        + "` has no version in the default locale `" + defaultLocale + "` (it has: "
                        + String.join(", ", renderer.localesWith(template)) + ")");
            }
        }
        for (String template : BUILT_IN_USES) {
            if (!renderer.localesWith(template).contains(defaultLocale)) {
                problems.add("notifications.default-locale", "template `" + template
                        + "` has no version in the default locale `" + defaultLocale + "`");
            }
        }
    }
}
