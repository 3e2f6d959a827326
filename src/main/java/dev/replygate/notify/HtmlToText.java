package dev.replygate.notify;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.Locale;
import java.util.Set;

/**
 * Derives the plain-text part from rendered HTML: links as {@code label (url)}, paragraphs and
 * {@code <br>} as line breaks, list items as {@code - item}, {@code <bdi>} as FSI…PDI. In a
 * right-to-left document the URLs it adds are isolated too.
 */
final class HtmlToText {

    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "title", "template");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "table", "hr");
    private static final Set<String> LINES = Set.of("div", "tr", "section", "article", "header", "footer",
            "center", "address", "dl", "dt", "dd", "caption");

    private final TextWriter out;
    private final boolean rightToLeft;
    private int listDepth;

    private HtmlToText(TextWriter out, boolean rightToLeft) {
        this.out = out;
        this.rightToLeft = rightToLeft;
    }

    static String convert(String html) {
        Document document = Jsoup.parse(html);
        boolean rightToLeft = "rtl".equalsIgnoreCase(document.selectFirst("html").attr("dir"));
        TextWriter out = new TextWriter();
        new HtmlToText(out, rightToLeft).children(document.body());
        return PlainText.tidy(out.toString());
    }

    private void children(Element element) {
        for (Node child : element.childNodes()) {
            node(child);
        }
    }

    private void node(Node node) {
        if (node instanceof TextNode text) {
            out.text(text.getWholeText());
        } else if (node instanceof Element element) {
            element(element);
        }
    }

    private void element(Element element) {
        String tag = element.normalName();
        if (SKIPPED.contains(tag)) {
            return;
        }
        switch (tag) {
            case "br" -> out.lineBreak();
            case "a" -> link(element);
            case "bdi" -> out.text(isolated(inline(element)));
            case "img" -> out.text(element.attr("alt"));
            case "ul", "ol" -> list(element);
            case "li" -> listItem(element);
            case "td", "th" -> cell(element);
            default -> block(element, PARAGRAPHS.contains(tag) ? 2 : LINES.contains(tag) ? 1 : 0);
        }
    }

    private void block(Element element, int breaks) {
        out.block(breaks);
        children(element);
        out.block(breaks);
    }

    private void list(Element list) {
        out.block(listDepth == 0 ? 2 : 1);
        listDepth++;
        children(list);
        listDepth--;
        out.block(listDepth == 0 ? 2 : 1);
    }

    private void listItem(Element item) {
        out.block(1);
        String indent = "  ".repeat(Math.max(0, listDepth - 1));
        Element parent = item.parent();
        if (parent != null && parent.normalName().equals("ol")) {
            out.verbatim(indent + (item.elementSiblingIndex() + 1) + ". ");
        } else {
            out.verbatim(indent + "- ");
        }
        children(item);
        out.block(1);
    }

    private void cell(Element cell) {
        if (cell.previousElementSibling() != null) {
            out.text(" ");
        }
        children(cell);
    }

    private void link(Element link) {
        String label = inline(link);
        String href = link.attr("href").strip();
        if (href.isEmpty() || href.startsWith("#") || href.toLowerCase(Locale.ROOT).startsWith("javascript:")) {
            out.text(label);
            return;
        }
        String target = href.regionMatches(true, 0, "mailto:", 0, 7) ? href.substring(7) : href;
        String plainLabel = Bidi.stripIsolates(label).strip();
        if (plainLabel.isEmpty() || sameTarget(plainLabel, target)) {
            out.text(urlText(target));
        } else {
            out.text(label + " (" + urlText(target) + ")");
        }
    }

    private String urlText(String url) {
        return rightToLeft ? isolated(url) : url;
    }

    private static String isolated(String text) {
        return text.isEmpty() ? text : Bidi.isolate(text);
    }

    /** "https://example.com/" and "example.com" name the same link. */
    private static boolean sameTarget(String label, String target) {
        return comparable(label).equalsIgnoreCase(comparable(target));
    }

    private static String comparable(String url) {
        String result = url.replaceFirst("(?i)^https?://", "");
        return result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
    }

    /** The text of an inline element, on one line and trimmed. */
    private String inline(Element element) {
        TextWriter inner = new TextWriter();
        HtmlToText walker = new HtmlToText(inner, rightToLeft);
        walker.children(element);
        return inner.toString().replace('\n', ' ').strip();
    }
}
