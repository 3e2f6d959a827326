package dev.replygate.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link HtmlToText#ofOurHtml} of our own HTML rendered once with placeholders where values go, then filled with
 * each mail's values without parsing the HTML again. {@link #fill} gives exactly the text of the HTML rendered with
 * the values, or nothing when it cannot show that, and the caller converts that HTML instead. It shows it so:
 *
 * <ul>
 *   <li>the HTML rendered with the values is the placeholder HTML with each placeholder replaced by its escaped
 *       value (so the template treated each value as an opaque string, and the value added no markup);</li>
 *   <li>a placeholder stands only in a text node (not inside {@code <script>}, {@code <xmp>} and the like, whose
 *       text is not decoded) or in an attribute that neither the parser nor the conversion reads ({@code title}),
 *       or that the conversion reads as text ({@code <img alt>}) or as a link ({@code <a href>}); never after an
 *       {@code &} or {@code <} that a value's characters could turn into a character reference or a tag;</li>
 *   <li>a value is one or more words of visible characters, single spaces between them, with no control, format
 *       (bidi) or private-use characters: escaped, the parser reads it back as it reads its placeholder, and the
 *       conversion writes it as written, as it writes the placeholder; a value with spaces only where no attribute
 *       holds it (an unquoted attribute value ends at a space);</li>
 *   <li>each link that holds a placeholder writes, with the values, the words it wrote with the placeholders,
 *       filled: checked for each mail, since whether a label names its target depends on the values.</li>
 * </ul>
 *
 * <p>A placeholder is {@link #placeholder made} of the value's URL scheme (so a link reads as the same kind of
 * link) and a private-use character that no value contains. Immutable.
 */
public final class FillableText {

    /** Text nodes of these elements are raw text: a value's escaped {@code &} would stay {@code &amp;}. */
    private static final Set<String> RAW_TEXT = Set.of("script", "style", "xmp", "iframe", "noembed", "noframes",
            "noscript", "plaintext");
    private static final char FIRST_PLACEHOLDER = '\uE000';
    /** How many values one text can be filled with; a caller with more converts its HTML instead. */
    public static final int MAX_PLACEHOLDERS = 0x1000;

    private final Pieces html;
    private final Pieces text;
    private final boolean rightToLeft;
    private final List<HtmlToText.Link> links;
    private final Set<String> inAttributes;

    private FillableText(Pieces html, Pieces text, boolean rightToLeft, List<HtmlToText.Link> links,
                         Set<String> inAttributes) {
        this.html = html;
        this.text = text;
        this.rightToLeft = rightToLeft;
        this.links = links;
        this.inAttributes = inAttributes;
    }

    /**
     * The placeholder number {@code index} for {@code value}: its {@code http://}, {@code https://} or
     * {@code mailto:} as written, then a private-use character.
     */
    public static String placeholder(int index, String value) {
        if (index < 0 || index >= MAX_PLACEHOLDERS) {
            throw new IllegalArgumentException("placeholder index out of range: " + index);
        }
        return scheme(value) + (char) (FIRST_PLACEHOLDER + index);
    }

    /** Whether {@code value} is one that {@link #fill} can put in place of a placeholder. */
    public static boolean canFill(String value) {
        if (value == null || value.isEmpty() || value.startsWith(" ") || value.endsWith(" ") || value.contains("  ")) {
            return false;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c != ' ' && !visible(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /**
     * The fillable text of {@code html}, our own HTML rendered with {@code placeholders} where the values go;
     * empty when a placeholder stands where a value could change how the HTML parses or converts.
     */
    public static Optional<FillableText> ofOurHtml(String html, Set<String> placeholders) {
        if (!placeholdersOnlyInData(html, placeholders)) {
            return Optional.empty();
        }
        Document document = Jsoup.parse(html);
        Map<String, Integer> counted = new HashMap<>();
        Set<String> inAttributes = new HashSet<>();
        for (Element element : document.getAllElements()) {
            if (holdsPlaceholderChar(element.tagName())) {
                return Optional.empty();
            }
            for (Attribute attribute : element.attributes()) {
                boolean holds = holdsPlaceholderChar(attribute.getValue());
                if (holdsPlaceholderChar(attribute.getKey()) || holds && !readableAttribute(element, attribute)) {
                    return Optional.empty();
                }
                count(attribute.getValue(), placeholders, counted, inAttributes);
            }
            for (Node child : element.childNodes()) {
                if (child instanceof TextNode textNode) {
                    if (RAW_TEXT.contains(element.normalName())
                            && holdsPlaceholderChar(textNode.getWholeText())) {
                        return Optional.empty();
                    }
                    count(textNode.getWholeText(), placeholders, counted, null);
                }
            }
        }
        for (String placeholder : placeholders) {
            // a placeholder elsewhere (a comment, a doctype, script data) is read by no one: refuse it anyway
            if (occurrences(html, placeholder) != counted.getOrDefault(placeholder, 0)) {
                return Optional.empty();
            }
        }
        List<HtmlToText.Link> links = new ArrayList<>();
        String text = HtmlToText.ofOurDocument(document, links);
        links.removeIf(link -> !holdsPlaceholderChar(link.label() + link.href() + link.words()));
        return Optional.of(new FillableText(Pieces.of(html, placeholders), Pieces.of(text, placeholders),
                HtmlToText.isRightToLeft(document), List.copyOf(links), Set.copyOf(inAttributes)));
    }

    /**
     * The text of {@code renderedHtml}, the HTML rendered with {@code values} (placeholder → value) in place of
     * the placeholders, or empty when it cannot be shown equal to converting {@code renderedHtml}.
     */
    public Optional<String> fill(String renderedHtml, Map<String, String> values) {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String value = entry.getValue();
            if (!canFill(value) || value.indexOf(' ') >= 0 && inAttributes.contains(entry.getKey())) {
                return Optional.empty();
            }
        }
        Map<String, String> escaped = new HashMap<>();
        values.forEach((placeholder, value) -> escaped.put(placeholder, escaped(value)));
        if (!html.matches(renderedHtml, escaped)) {
            return Optional.empty();
        }
        for (HtmlToText.Link link : links) {
            String written = HtmlToText.linkWords(replace(link.label(), values), replace(link.href(), values),
                    rightToLeft);
            if (!written.equals(replace(link.words(), values))) {
                return Optional.empty();
            }
        }
        return text.filled(values);
    }

    private static String replace(String template, Map<String, String> values) {
        String result = template;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            result = result.replace(entry.getKey(), entry.getValue());
        }
        return result;
    }

    /** A text cut at its placeholders, so it is compared and filled in one pass. */
    private record Pieces(String[] literals, String[] placeholders) {

        /** {@code literals} has one more element than {@code placeholders}: literal, placeholder, …, literal. */
        static Pieces of(String text, Set<String> placeholders) {
            TreeMap<Integer, String> found = new TreeMap<>();
            for (String placeholder : placeholders) {
                for (int at = text.indexOf(placeholder); at >= 0; at = text.indexOf(placeholder, at + 1)) {
                    found.put(at, placeholder);
                }
            }
            List<String> literals = new ArrayList<>();
            int from = 0;
            for (Map.Entry<Integer, String> at : found.entrySet()) {
                literals.add(text.substring(from, at.getKey()));
                from = at.getKey() + at.getValue().length();
            }
            literals.add(text.substring(from));
            return new Pieces(literals.toArray(String[]::new), found.values().toArray(String[]::new));
        }

        /** Whether {@code text} is these pieces with each placeholder replaced by its value. */
        boolean matches(String text, Map<String, String> values) {
            int at = 0;
            for (int i = 0; i < placeholders.length; i++) {
                if (!text.startsWith(literals[i], at)) {
                    return false;
                }
                at += literals[i].length();
                String value = values.get(placeholders[i]);
                if (value == null || !text.startsWith(value, at)) {
                    return false;
                }
                at += value.length();
            }
            String last = literals[placeholders.length];
            return text.length() == at + last.length() && text.startsWith(last, at);
        }

        /** These pieces with each placeholder replaced by its value; empty when a value is missing. */
        Optional<String> filled(Map<String, String> values) {
            StringBuilder out = new StringBuilder(literals[0].length() * 2);
            for (int i = 0; i < placeholders.length; i++) {
                String value = values.get(placeholders[i]);
                if (value == null) {
                    return Optional.empty();
                }
                out.append(literals[i]).append(value);
            }
            return Optional.of(out.append(literals[placeholders.length]).toString());
        }
    }

    /**
     * No placeholder follows a {@code <} (a value's letters would make a tag) or an {@code &} with only letters,
     * digits and {@code #} between (they would make a character reference).
     */
    private static boolean placeholdersOnlyInData(String html, Set<String> placeholders) {
        for (String placeholder : placeholders) {
            for (int at = html.indexOf(placeholder); at >= 0; at = html.indexOf(placeholder, at + 1)) {
                int before = at - 1;
                while (before >= 0 && referenceOrTagChar(html.charAt(before))) {
                    before--;
                }
                if (before >= 0 && (html.charAt(before) == '&' || html.charAt(before) == '<')) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean referenceOrTagChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#' || c == '/'
                || c == '!' || c == '?';
    }

    /** The attributes whose value the parser does not interpret and the conversion reads as text or a link. */
    private static boolean readableAttribute(Element element, Attribute attribute) {
        String key = attribute.getKey();
        return key.equals("title") || key.equals("href") && element.normalName().equals("a")
                || key.equals("alt") && element.normalName().equals("img");
    }

    private static void count(String text, Set<String> placeholders, Map<String, Integer> counted,
                              Set<String> inAttributes) {
        for (String placeholder : placeholders) {
            int found = occurrences(text, placeholder);
            if (found > 0) {
                counted.merge(placeholder, found, Integer::sum);
                if (inAttributes != null) {
                    inAttributes.add(placeholder);
                }
            }
        }
    }

    private static int occurrences(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            found++;
        }
        return found;
    }

    private static boolean holdsPlaceholderChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST_PLACEHOLDER && c < FIRST_PLACEHOLDER + MAX_PLACEHOLDERS) {
                return true;
            }
        }
        return false;
    }

    /** A character that the parser keeps and the conversion writes as it is (markup characters escaped). */
    private static boolean visible(int c) {
        if (c == '\u00A0' || Character.isWhitespace(c)) {
            return false;
        }
        if (c == '\u200C' || c == '\u200D') {
            return true; // (non-)joiners shape letters, in most Persian words; they neither reorder nor space text
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** A value as Pebble's escaper and {@code isolate} write it in HTML text and quoted attributes. */
    private static String escaped(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String scheme(String value) {
        for (String scheme : new String[] {"https://", "http://", "mailto:"}) {
            if (value.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return value.substring(0, scheme.length());
            }
        }
        return "";
    }
}
