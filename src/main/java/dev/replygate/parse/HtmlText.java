package dev.replygate.parse;

import dev.replygate.text.HtmlToText;

/** The readable text of a received HTML body ({@link HtmlToText#ofReceived}), tidied as replygate keeps text. */
final class HtmlText {

    private HtmlText() {
    }

    /** At most {@code maxChars} characters of text from {@code html}. */
    static BoundedText toText(String html, int maxChars) {
        HtmlToText.Text text = HtmlToText.ofReceived(html, maxChars);
        return new BoundedText(ReadableText.tidy(text.text()).strip(), text.truncated());
    }
}
