package dev.replygate.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The plain text of an HTML document, through Jsoup, laid out as a browser would: runs of white space
 * become one space, block elements end lines, paragraphs, headings, tables and top-level lists are
 * separated by a blank line, {@code <br>} breaks a line (two leave one blank line), list items become
 * {@code - item} or {@code 1. item} lines (nested ones indented), the cells of a row share a line,
 * preformatted text keeps its lines, a link to an {@code http}, {@code https} or {@code mailto}
 * target reads {@code label (target)} (the target once when the label says the same), entities are
 * decoded, and heads, scripts, styles and hidden elements are dropped.
 *
 * <p>The walk is iterative and stops at a character limit, whatever a stranger's HTML nests.
 *
 * <p>Two uses: {@link #ofReceived} reads received mail; {@link #ofOurHtml} derives the text part of our
 * own HTML, where {@code <bdi>} becomes FSI…PDI and, in a right-to-left document ({@code <html
 * dir="rtl">}), every target it adds is isolated too (received text is given no isolates).
 */
public final class HtmlToText {

    private static final Set<String> SKIPPED = Set.of("head", "title", "script", "style", "noscript", "template",
            "object", "embed", "svg", "math");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table",
            "blockquote", "pre", "hr");
    private static final Set<String> LISTS = Set.of("ul", "ol");
    private static final Set<String> CELLS = Set.of("td", "th");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Text and whether it was cut at the limit. */
    public record Text(String text, boolean truncated) {
    }

    private HtmlToText() {
    }

    /** At most {@code maxChars} characters of the text of received {@code html}; no bidi isolates added. */
    public static Text ofReceived(String html, int maxChars) {
        return convert(Jsoup.parse(html), maxChars, false, false);
    }

    /** The text of our own {@code html}, bidi isolated as the class comment says. */
    public static String ofOurHtml(String html) {
        return ofOurDocument(Jsoup.parse(html), null);
    }

    /** {@link #ofOurHtml} of a parsed document; each link written is added to {@code links} unless null. */
    static String ofOurDocument(Document document, List<Link> links) {
        boolean rightToLeft = isRightToLeft(document);
        Writer writer = new Writer(Integer.MAX_VALUE, true, rightToLeft, links);
        NodeTraversor.filter(writer, document.body());
        return writer.text.toString();
    }

    /** Whether our own document is right-to-left ({@code <html dir="rtl">}). */
    static boolean isRightToLeft(Document document) {
        Element root = document.firstElementChild();
        return root != null && "rtl".equalsIgnoreCase(root.attr("dir"));
    }

    private static Text convert(Document document, int maxChars, boolean isolates, boolean rightToLeft) {
        Writer writer = new Writer(maxChars, isolates, rightToLeft, null);
        NodeTraversor.filter(writer, document.body());
        return new Text(writer.text.toString(), writer.truncated);
    }

    /** A link as the text shows it: its label, its {@code href} as written, and the words written for both. */
    record Link(String label, String href, String words) {
    }

    /**
     * What a link with this (one-line, stripped) label and {@code href} writes: {@code label (target)} for an
     * {@code http}, {@code https} or {@code mailto} target, the target alone when the label says the same or
     * nothing, else the label alone.
     */
    static String linkWords(String label, String href, boolean rightToLeft) {
        String stripped = href.strip();
        String lower = stripped.toLowerCase(Locale.ROOT);
        boolean mailto = lower.startsWith("mailto:");
        if (!(lower.startsWith("http://") || lower.startsWith("https://") || mailto)) {
            return label;
        }
        String target = mailto ? stripped.substring("mailto:".length()) : stripped;
        String shown = rightToLeft ? Bidi.isolate(target) : target;
        String plainLabel = Bidi.stripIsolates(label).strip();
        return plainLabel.isEmpty() || sameTarget(plainLabel, target) ? shown : label + " (" + shown + ")";
    }

    /** "https://example.com/" and "example.com" name the same link. */
    private static boolean sameTarget(String label, String target) {
        return comparable(label).equalsIgnoreCase(comparable(target));
    }

    private static String comparable(String url) {
        String result = url.replaceFirst("(?i)^https?://", "");
        return result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
    }

    private static final class Writer implements NodeFilter {

        private final int maxChars;
        private final boolean isolates;
        private final boolean rightToLeft;
        private final List<Link> links;
        private final StringBuilder text = new StringBuilder();
        private boolean truncated;
        private boolean pendingSpace;
        private int trailingNewlines;
        private int preformatted;
        private int listDepth;

        Writer(int maxChars, boolean isolates, boolean rightToLeft, List<Link> links) {
            this.maxChars = maxChars;
            this.isolates = isolates;
            this.rightToLeft = rightToLeft;
            this.links = links;
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
                if (name.equals("a")) {
                    link(element);
                    return truncated ? FilterResult.STOP : FilterResult.SKIP_ENTIRELY;
                }
                if (element.tag().preserveWhitespace()) {
                    preformatted++;
                }
                if (name.equals("br")) {
                    lineBreak();
                } else if (name.equals("img")) {
                    words(element.attr("alt"));
                } else if (name.equals("bdi") && isolates) {
                    words(String.valueOf(Bidi.FSI));
                } else if (CELLS.contains(name)) {
                    if (element.elementSiblingIndex() > 0) {
                        pendingSpace = true;
                    }
                } else if (LISTS.contains(name)) {
                    listBreak();
                    listDepth++;
                } else if (name.equals("li")) {
                    blockBreak();
                    bullet(element);
                } else if (PARAGRAPHS.contains(name)) {
                    paragraphBreak();
                } else if (element.tag().isBlock()) {
                    blockBreak();
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
                if (name.equals("bdi") && isolates) {
                    append(Bidi.PDI);
                } else if (LISTS.contains(name)) {
                    listDepth--;
                    listBreak();
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
            return !style.isEmpty()
                    && WHITESPACE.matcher(style).replaceAll("").toLowerCase(Locale.ROOT).contains("display:none");
        }

        private void bullet(Element item) {
            String indent = "  ".repeat(Math.max(0, listDepth - 1));
            Element list = item.parent();
            verbatim(indent + (list != null && list.normalName().equals("ol")
                    ? (item.elementSiblingIndex() + 1) + ". " : "- "));
        }

        private void link(Element link) {
            String label = label(link);
            String href = link.attr("href");
            String written = linkWords(label, href, rightToLeft);
            if (links != null) {
                links.add(new Link(label, href, written));
            }
            words(written);
        }

        /** The text of a link's content, on one line, walked as the rest within what is left of the limit. */
        private String label(Element link) {
            Writer inner = new Writer(maxChars - text.length(), isolates, rightToLeft, links);
            for (Node child : link.childNodes()) {
                NodeTraversor.filter(inner, child);
            }
            truncated |= inner.truncated;
            return inner.text.toString().replace('\n', ' ').strip();
        }

        private void words(String words) {
            for (int i = 0; i < words.length() && !truncated; i++) {
                char c = words.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00A0') {
                    pendingSpace = true;
                } else {
                    if (pendingSpace && trailingNewlines == 0 && !text.isEmpty()
                            && text.charAt(text.length() - 1) != ' ') {
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
                if (c != '\r') {
                    append(c);
                }
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

        /** A top-level list stands apart as a paragraph; a nested one only starts a line. */
        private void listBreak() {
            if (listDepth == 0) {
                paragraphBreak();
            } else {
                blockBreak();
            }
        }

        private void append(char c) {
            if (text.length() >= maxChars) {
                truncated = true;
                return;
            }
            text.append(c);
            trailingNewlines = c == '\n' ? trailingNewlines + 1 : 0;
        }
    }
}
