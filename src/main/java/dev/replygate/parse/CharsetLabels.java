package dev.replygate.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Charset labels as mail programs write them, mapped to Java charsets: Java's own names and
 * aliases, plus the misspelled and legacy labels seen in mail, and the supersets that senders
 * really use when they name a smaller charset (as browsers do, after the WHATWG Encoding
 * standard): latin1 text is windows-1252, GB2312 text is GB18030, EUC-KR text is windows-949.
 */
final class CharsetLabels {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Labels Java does not know, by their cleaned form. */
    private static final Map<String, Charset> ALIASES = new HashMap<>();

    /**
     * Every name and alias of every charset this Java has, lower case. Looked up instead of
     * {@link Charset#forName}, which searches the charset providers with a ServiceLoader on every
     * name it does not know (about a millisecond each): a stranger's mail can carry thousands of
     * labels that name nothing. Fixed when the class loads, so it is bounded and thread-safe, and a
     * miss costs no more than a hit.
     */
    private static final Map<String, Charset> JAVA_NAMES = javaNames();

    /** The charset senders mean when they name the key, for decoders that take such a map (mime4j's). */
    static final Map<Charset, Charset> SUPERSETS;

    static {
        ALIASES.put("utf-7", Utf7Charset.INSTANCE);
        ALIASES.put("utf7", Utf7Charset.INSTANCE);
        ALIASES.put("unicode-1-1-utf-7", Utf7Charset.INSTANCE);
        ALIASES.put("x-unicode-2-0-utf-7", Utf7Charset.INSTANCE);
        ALIASES.put("csunicode11utf7", Utf7Charset.INSTANCE);
        // Outlook's label for "whatever the sender's Windows used"; in practice a Windows code page
        ALIASES.put("x-user-defined", WINDOWS_1252);
        ALIASES.put("ansi", WINDOWS_1252);
        alias("iso-8859-6-i", "ISO-8859-6");
        alias("iso-8859-6-e", "ISO-8859-6");
        alias("iso-8859-8-i", "ISO-8859-8");
        alias("iso-8859-8-e", "ISO-8859-8");
        alias("logical", "ISO-8859-8");
        alias("visual", "ISO-8859-8");
        alias("win-1256", "windows-1256");
        alias("windows1256", "windows-1256");
        alias("cp-1256", "windows-1256");
        alias("gb_2312", "GB18030");
        alias("x-gbk", "GB18030");
        alias("x-euc-cn", "GB18030");
        alias("ks_c_5601", "x-windows-949");
        alias("ks_c_5601-1989", "x-windows-949");
        alias("x-sjis", "windows-31j");
        alias("shift-jis", "windows-31j");

        Map<Charset, Charset> supersets = new HashMap<>();
        superset(supersets, "US-ASCII", "windows-1252");
        superset(supersets, "ISO-8859-1", "windows-1252");
        superset(supersets, "ISO-8859-9", "windows-1254");
        superset(supersets, "ISO-8859-11", "x-windows-874");
        superset(supersets, "TIS-620", "x-windows-874");
        superset(supersets, "GB2312", "GB18030");
        superset(supersets, "GBK", "GB18030");
        superset(supersets, "EUC-KR", "x-windows-949");
        superset(supersets, "Shift_JIS", "windows-31j");
        superset(supersets, "Big5", "Big5-HKSCS");
        SUPERSETS = Map.copyOf(supersets);
    }

    private CharsetLabels() {
    }

    /**
     * The charset to read text labelled {@code label} with, or empty when the label names none
     * that Java or this table knows. Never throws.
     */
    static Optional<Charset> lookup(String label) {
        Optional<Charset> named = named(label);
        return named.map(charset -> SUPERSETS.getOrDefault(charset, charset));
    }

    /** True when the label names US-ASCII itself (text so labelled often is not). */
    static boolean namesAscii(String label) {
        return named(label).filter(StandardCharsets.US_ASCII::equals).isPresent();
    }

    private static Optional<Charset> named(String label) {
        String cleaned = clean(label);
        if (cleaned.isEmpty()) {
            return Optional.empty();
        }
        Charset alias = ALIASES.get(cleaned);
        if (alias != null) {
            return Optional.of(alias);
        }
        return Optional.ofNullable(JAVA_NAMES.get(cleaned));
    }

    private static Map<String, Charset> javaNames() {
        Map<String, Charset> names = new HashMap<>();
        for (Charset charset : Charset.availableCharsets().values()) {
            names.put(charset.name().toLowerCase(Locale.ROOT), charset);
            charset.aliases().forEach(alias -> names.putIfAbsent(alias.toLowerCase(Locale.ROOT), charset));
        }
        return Map.copyOf(names);
    }

    /** Lower case, without the quotes, spaces and stray punctuation that mail programs leave around it. */
    static String clean(String label) {
        if (label == null) {
            return "";
        }
        String cleaned = label.strip().toLowerCase(Locale.ROOT);
        int start = 0;
        int end = cleaned.length();
        while (start < end && isJunk(cleaned.charAt(start))) {
            start++;
        }
        while (end > start && isJunk(cleaned.charAt(end - 1))) {
            end--;
        }
        return cleaned.substring(start, end);
    }

    private static boolean isJunk(char c) {
        return c == '"' || c == '\'' || c == ';' || c == ',' || c == '\\' || Character.isWhitespace(c);
    }

    private static void alias(String label, String javaName) {
        if (Charset.isSupported(javaName)) {
            ALIASES.put(label, Charset.forName(javaName));
        }
    }

    /** A JDK without the extended charsets (a trimmed runtime) simply does without the mapping. */
    private static void superset(Map<Charset, Charset> map, String named, String meant) {
        if (Charset.isSupported(named) && Charset.isSupported(meant)) {
            map.put(Charset.forName(named), Charset.forName(meant));
        }
    }
}
