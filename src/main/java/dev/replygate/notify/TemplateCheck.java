package dev.replygate.notify;

import dev.replygate.config.ConfigCheck;
import dev.replygate.config.ConfigProblems;
import dev.replygate.config.ReplygateConfig;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Checks at start-up that every template the configuration names exists, in the default locale at
 * least (the fallback of every other locale), and compiles with the renderer {@code run} uses, so a
 * missing or broken file is a configuration error and not a failed notification hours later.
 */
public final class TemplateCheck implements ConfigCheck {

    /** Templates replygate itself uses besides the notifications of {@code notifications.events}. */
    static final List<String> BUILT_IN_USES = List.of("reply-redirect", "new-mail-redirect", "digest");

    @Override
    public void check(ReplygateConfig config, ConfigProblems problems) {
        TemplateRenderer renderer = TemplateRenderer.of(config, config.notifications().timeZone(),
                Clock.systemUTC());
        String defaultLocale = config.notifications().defaultLocale();
        for (Map.Entry<String, String> event : config.notifications().events().entrySet()) {
            String key = "notifications.events." + event.getKey();
            String template = event.getValue();
            if (!renderer.exists(template)) {
                problems.add(key, "template `" + template + "` does not exist (looked in "
                        + config.templates().directory() + " and the built-in templates)");
            } else if (!renderer.localesWith(template).contains(defaultLocale)) {
                problems.add(key, "template `" + template + "` has no version in the default locale `"
                        + defaultLocale + "` (it has: " + String.join(", ", renderer.localesWith(template)) + ")");
            } else {
                compile(renderer, template, key, problems);
            }
        }
        for (String template : BUILT_IN_USES) {
            if (!renderer.localesWith(template).contains(defaultLocale)) {
                problems.add("notifications.default-locale", "template `" + template
                        + "` has no version in the default locale `" + defaultLocale + "`");
            } else {
                compile(renderer, template, "templates.directory", problems);
            }
        }
    }

    private static void compile(TemplateRenderer renderer, String template, String key, ConfigProblems problems) {
        try {
            renderer.compile(template);
        } catch (TemplateException e) {
            problems.add(key, e.getMessage());
        }
    }
}
