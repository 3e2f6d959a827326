package dev.replygate.notify;

import java.util.regex.Pattern;

/** Where the three parts of a template live: {@code <locale>/<name>.subject.peb} and so on. */
final class TemplateNames {

    static final String LAYOUT = "layout.html.peb";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private TemplateNames() {
    }

    /** Template names are lower-case words joined by hyphens, e.g. {@code ticket-opened}. */
    static String requireValid(String templateName) {
        if (templateName == null || !NAME.matcher(templateName).matches()) {
            throw new TemplateException("invalid template name '" + templateName
                    + "': use lower-case letters, digits and hyphens, e.g. ticket-opened");
        }
        return templateName;
    }

    static String subject(String locale, String templateName) {
        return locale + "/" + templateName + ".subject.peb";
    }

    static String html(String locale, String templateName) {
        return locale + "/" + templateName + ".html.peb";
    }

    static String text(String locale, String templateName) {
        return locale + "/" + templateName + ".txt.peb";
    }
}
