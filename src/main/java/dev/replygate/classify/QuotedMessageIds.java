package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Message-IDs a report quotes: from the attached original's headers first, then from the text. */
final class QuotedMessageIds {

    static final int MAX_IDS = 20;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^[ \\t>]*Message-ID:[ \\t]*(?:\\r?\\n[ \\t]+)?<?([^\\s<>@]++@[^\\s<>]+?)>?[ \\t]*$");

    private QuotedMessageIds() {
    }

    static List<String> in(ParsedMail mail) {
        List<String> ids = new ArrayList<>();
        if (mail.attachedHeaders() != null) {
            mail.attachedHeaders().forEach(block -> collect(block, ids));
        }
        collect(mail.text(), ids);
        return ids;
    }

    private static void collect(String text, List<String> ids) {
        if (text == null) {
            return;
        }
        Matcher matcher = MESSAGE_ID.matcher(text.length() > TextBounce.MAX_TEXT ? text.substring(0, TextBounce.MAX_TEXT) : text);
        while (ids.size() < MAX_IDS && matcher.find()) {
            if (!ids.contains(matcher.group(1))) {
                ids.add(matcher.group(1));
            }
        }
    }
}
