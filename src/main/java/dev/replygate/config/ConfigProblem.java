package dev.replygate.config;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * One thing wrong with a config file.
 *
 * @param file    the config file, as it was named to the loader
 * @param line    1-based line, 0 when the problem has no place in the file
 * @param column  1-based column, 0 when the problem has no place in the file
 * @param keyPath the key the problem is about, such as {@code smtp.port} or
 *                {@code signing.keys[0].secret}; empty for the file as a whole
 * @param message what is wrong, never containing a secret
 */
public record ConfigProblem(Path file, int line, int column, String keyPath, String message) {

    static final Comparator<ConfigProblem> IN_FILE_ORDER =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    /** {@code file:line:col: key.path: message}, leaving out the parts the problem does not have. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file.toString());
        if (line > 0) {
            text.append(':').append(line).append(':').append(column);
        }
        text.append(": ");
        if (!keyPath.isEmpty()) {
            text.append(keyPath).append(": ");
        }
        return text.append(message).toString();
    }
}
