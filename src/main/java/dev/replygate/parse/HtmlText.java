package dev.replygate.parse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.util.Locale;
import java.util.Set;

/**
 * The readable text of an HTML body, through Jsoup: block elements end lines, paragraphs are
 * separated by a blank line, links keep their target as {@code text (url)}, scripts, styles and
 * hidden elements are dropped, entities are decoded and whitespace collapsed as a browser does.
 */
final class HtmlText {

    private static final Set<String> SKIPPED = Set.of("head", "title", "script", "style", "noscript", "template",
            "object", "embed", "svg", "math");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
            "table", "blockquote", "pre", "hr");
    private static final Set<String> CELLS = Set.of("td", "th");

    private HtmlText() {
    }

    /** At most {@code maxChars} characters of text from {@code html}. */
    static BoundedText toText(String html, int maxChars) {
        Writer writer = new Writer(maxChars);
        NodeTraversor.filter(writer, Jsoup.parse(html).body());
        return new BoundedText(writer.text(), writer.truncated);
    }

    private static final class Writer implements NodeFilter {

        private final int maxChars;
        private final StringBuilder text = new StringBuilder();
        private boolean truncated;
        private boolean pendingSpace;
        private int trailingNewlines;
        private int preformatted;

        Writer(int maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode textNode) {
                if (preformatted > 0) {
                    verbatim(textNode.getWholeText());
                } else {
                    words(textNode.getWholeText());
                }
            } else if (node instanceof Element element) {
                String name = element.normalName();
                if (SKIPPED.contains(name) || hidden(element)) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (element.tag().preserveWhitespace()) {
                    preformatted++;
                }
                if (name.equals("br")) {
                    lineBreak();
                } else if (CELLS.contains(name)) {
                    if (element.elementSiblingIndex() > 0) {
                        pendingSpace = true;
                    }
                } else if (PARAGRAPHS.contains(name)) {
                    paragraphBreak();
                } else if (element.tag().isBlock()) {
                    blockBreak();
                }
                if (name.equals("li")) {
                    words("- ");
                }
            }
            return truncated ? FilterResult.STOP : FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element element) {
                String name = element.normalName();
                if (element.tag().preserveWhitespace()) {
                    preformatted--;
                }
                if (name.equals("a")) {
                    linkTarget(element);
                } else if (PARAGRAPHS.contains(name)) {
                    paragraphBreak();
                } else if (element.tag().isBlock() && !CELLS.contains(name)) {
                    blockBreak();
                }
            }
            return truncated ? FilterResult.STOP : FilterResult.CONTINUE;
        }

        private static boolean hidden(Element element) {
            if (element.hasAttr("hidden")) {
                return true;
            }
            String style = element.attr("style");
            return !style.isEmpty() && style.replaceAll("\\s+", "").toLowerCase(Locale.ROOT).contains("display:none");
        }

        private void linkTarget(Element link) {
            String href = link.attr("href").strip();
            String lower = href.toLowerCase(Locale.ROOT);
            boolean mailto = lower.startsWith("mailto:");
            if (!(lower.startsWith("http://") || lower.startsWith("https://") || mailto)) {
                return;
            }
            String label = link.text().strip();
            String shown = mailto ? href.substring("mailto:".length()) : href;
            if (label.equalsIgnoreCase(href) || label.equalsIgnoreCase(shown)) {
                return;
            }
            words(label.isEmpty() ? shown : " (" + shown + ")");
        }

        private void words(String words) {
            for (int i = 0; i < words.length() && !truncated; i++) {
                char c = words.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00A0') {
                    pendingSpace = true;
                } else {
                    if (pendingSpace && trailingNewlines == 0 && !text.isEmpty()) {
                        append(' ');
                    }
                    pendingSpace = false;
                    append(c);
                }
            }
        }

        private void verbatim(String chars) {
            for (int i = 0; i < chars.length() && !truncated; i++) {
                char c = chars.charAt(i);
                if (c == '\r') {
                    continue;
                }
                append(c);
            }
            pendingSpace = false;
        }

        private void lineBreak() {
            if (trailingNewlines < 2) {
                append('\n');
            }
            pendingSpace = false;
        }

        private void blockBreak() {
            if (!text.isEmpty() && trailingNewlines == 0) {
                append('\n');
            }
            pendingSpace = false;
        }

        private void paragraphBreak() {
            while (!text.isEmpty() && trailingNewlines < 2 && !truncated) {
                append('\n');
            }
            pendingSpace = false;
        }

        private void append(char c) {
            if (text.length() >= maxChars) {
                truncated = true;
                return;
            }
            text.append(c);
            trailingNewlines = c == '\n' ? trailingNewlines + 1 : 0;
        }

        String text() {
            return ReadableText.tidy(text.toString()).strip();
        }
    }
}
