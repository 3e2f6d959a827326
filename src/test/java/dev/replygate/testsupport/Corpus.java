package dev.replygate.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared mail corpus, {@code ../shared/corpus} beside the project. The build passes its
 * location as the system property {@code replygate.corpus}; a run without it (an IDE) looks
 * beside the working directory.
 */
public final class Corpus {

    static final String PROPERTY = "replygate.corpus";
    private static final String DEFAULT = "../shared/corpus";

    private Corpus() {
    }

    /** The corpus folder; skips the calling test when it is absent (fails it under CI). */
    public static Path root() {
        return existing(location(), Prerequisites.underCi());
    }

    static Path location() {
        return Path.of(System.getProperty(PROPERTY, DEFAULT)).toAbsolutePath().normalize();
    }

    static Path existing(Path folder, boolean ci) {
        if (!Files.isDirectory(folder)) {
            return Prerequisites.missing("mail corpus not found at " + folder
                    + " (the shared folder ../shared/corpus beside the project; system property " + PROPERTY + ")", ci);
        }
        return folder;
    }
}
