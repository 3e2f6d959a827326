package dev.replygate.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the built-in templates ({@code templates/} on the class path) as a {@link Path}, so
 * they are read and listed the same way as the admins' folder, whether they lie in a folder
 * (tests, IDE) or inside the jar.
 */
final class BuiltInTemplates {

    static final String FOLDER = "templates";
    /** Every template set has the layout, so its location tells where the folder is. */
    private static final String MARKER = FOLDER + "/" + TemplateNames.LAYOUT;

    private BuiltInTemplates() {
    }

    static Path root(ClassLoader loader) {
        URL marker = loader.getResource(MARKER);
        if (marker == null) {
            throw new IllegalStateException("built-in templates missing: no " + MARKER + " on the class path");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                openZipFileSystem(uri);
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unusable location of built-in templates: " + marker, e);
        }
    }

    // The zip file system stays open for the life of the JVM, like the jar it reads.
    private static void openZipFileSystem(URI uri) {
        try {
            FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
            // another renderer (or thread) opened it first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the jar holding the built-in templates: " + uri, e);
        }
    }
}
