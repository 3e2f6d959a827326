package dev.replygate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Key paths such as {@code signing.keys[0].secret}: building, splitting and comparing them. */
final class KeyPaths {

    private static final Pattern SEGMENT = Pattern.compile("\\.?([^.\\[\\]]+)|\\[(\\d+)]");

    private KeyPaths() {
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** True when {@code path} is {@code ancestor} itself or a key below it; the file as a whole ("") contains no key. */
    static boolean isWithin(String path, String ancestor) {
        if (path.equals(ancestor)) {
            return true;
        }
        return !ancestor.isEmpty() && path.startsWith(ancestor)
                && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
    }

    /**
     * The segments of {@code path}: a {@code String} for a key, an {@code Integer} for a list index.
     * Stops at the first part that is not a key or an index.
     */
    static List<Object> segments(String path) {
        List<Object> segments = new ArrayList<>();
        Matcher matcher = SEGMENT.matcher(path);
        int at = 0;
        while (at < path.length() && matcher.find(at) && matcher.start() == at) {
            segments.add(matcher.group(1) != null ? matcher.group(1) : (Object) Integer.valueOf(matcher.group(2)));
            at = matcher.end();
        }
        return segments;
    }
}
