package dev.replygate.text;

/** Unicode bidirectional isolates for plain text; HTML uses {@code <bdi>} instead. */
public final class Bidi {

    /** U+2068 FIRST STRONG ISOLATE: the enclosed text takes the direction of its first letter. */
    public static final char FSI = '\u2068';
    /** U+2069 POP DIRECTIONAL ISOLATE: ends the isolate. */
    public static final char PDI = '\u2069';

    private Bidi() {
    }

    public static String isolate(String text) {
        return FSI + text + PDI;
    }

    /**
     * Removes embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), so a value
     * can neither leave the isolate it is put in nor reorder the text around it.
     */
    public static String stripControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '\u202A' && c <= '\u202E') && !(c >= '\u2066' && c <= '\u2069')) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Removes the isolate marks alone, e.g. to compare a link's label with its address. */
    public static String stripIsolates(String text) {
        return text.replace(String.valueOf(FSI), "").replace(String.valueOf(PDI), "");
    }
}
