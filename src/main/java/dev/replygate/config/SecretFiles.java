package dev.replygate.config;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Reads the secret a {@code -file} key names. Messages name the file, never its content. */
final class SecretFiles {

    private static final int MAX_BYTES = 64 * 1024;

    private SecretFiles() {
    }

    /**
     * The content of the file {@code name} (resolved against {@code baseDir} when relative) as UTF-8,
     * without trailing line breaks.
     */
    static ValueParser<Secret> in(Path baseDir) {
        return name -> {
            Path file;
            try {
                file = baseDir.resolve(name);
            } catch (InvalidPathException e) {
                throw new InvalidValueException("`" + name + "` is not a path: " + e.getReason());
            }
            String secret;
            try {
                secret = withoutTrailingLineBreaks(Utf8Files.read(file, MAX_BYTES));
            } catch (IOException e) {
                throw new InvalidValueException("cannot read secret file `" + file + "`: " + Utf8Files.describe(e));
            }
            if (secret.isEmpty()) {
                throw new InvalidValueException("secret file `" + file + "` is empty");
            }
            return Secret.of(secret);
        };
    }

    private static String withoutTrailingLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
