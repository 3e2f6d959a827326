package dev.replygate.store;

import dev.replygate.config.H2Url;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Adjusts configured JDBC URLs to what replygate needs of them. */
final class JdbcUrls {

    /**
     * What an H2 file database needs, unless the URL chooses otherwise: a second process (the CLI
     * while the daemon runs) shares the file through the first opener ({@code AUTO_SERVER}), and
     * finds the next server when that one exits ({@code AUTO_RECONNECT}); every commit is on disk
     * when it returns ({@code WRITE_DELAY=0}: H2's default delay would lose the last half second of
     * commits, a notification already reported as queued among them, when the process is killed).
     * A URL that keeps the file to one process ({@code AUTO_SERVER=FALSE}) gets only the last one. The file
     * itself is named through {@link H2StoreFilePath}: however it comes to be opened, it is opened by the
     * process that holds its owner lock, and first recovered from a kill.
     */
    private static final String[][] H2_SHARING_SETTINGS = {
        {"auto_server", "AUTO_SERVER=TRUE"},
        {"auto_reconnect", "AUTO_RECONNECT=TRUE"},
    };
    private static final String[][] H2_DURABILITY_SETTINGS = {
        {"write_delay", "WRITE_DELAY=0"},
    };

    /**
     * H2 keeps each connection's parsed statements in a cache of 8 by default; one received message runs
     * more distinct statements than that, in a cycle, so a cache of 8 never hits and every statement is
     * parsed again.
     */
    private static final String[][] H2_STATEMENT_CACHE_SETTINGS = {
        {"query_cache_size", "QUERY_CACHE_SIZE=64"},
    };

    private JdbcUrls() {
    }

    static String effective(String url) {
        if (h2FilePath(url).isEmpty()) {
            return url;
        }
        H2StoreFilePath.register();
        String lower = url.toLowerCase(Locale.ROOT);
        StringBuilder effective = new StringBuilder(withScheme(url, H2StoreFilePath.SCHEME));
        if (!lower.contains(";auto_server=false")) {
            appendMissing(effective, lower, H2_SHARING_SETTINGS);
        }
        appendMissing(effective, lower, H2_DURABILITY_SETTINGS);
        appendMissing(effective, lower, H2_STATEMENT_CACHE_SETTINGS);
        return effective.toString();
    }

    /**
     * The H2 file URL that opens the file itself, to read only: no server for others, no crash recovery
     * (it rewrites the file), nothing written.
     */
    static String readingTheFile(String url) {
        return url + ";ACCESS_MODE_DATA=r;AUTO_SERVER=FALSE";
    }

    /**
     * The H2 file URL that reads through the server of the process that has the file open, and never opens the
     * file itself ({@link H2StoreFilePath.ServedOnly}), not even when that process ends meanwhile.
     */
    static String readingThroughItsServer(String url) {
        H2StoreFilePath.register();
        String served = withScheme(url, H2StoreFilePath.ServedOnly.SCHEME);
        return url.toLowerCase(Locale.ROOT).contains(";auto_server=") ? served : served + ";AUTO_SERVER=TRUE";
    }

    /** {@code url}, an H2 file URL, with its file named by its absolute path in the file system {@code scheme}. */
    private static String withScheme(String url, String scheme) {
        return named(scheme, h2FilePath(url).orElseThrow(), url);
    }

    private static void appendMissing(StringBuilder url, String lowerCaseUrl, String[][] settings) {
        for (String[] setting : settings) {
            if (!lowerCaseUrl.contains(";" + setting[0] + "=")) {
                url.append(';').append(setting[1]);
            }
        }
    }

    /**
     * The H2 file URL {@code url}, with its settings, for the file {@code database} (a path without extension)
     * instead of its own.
     */
    static String withFile(String url, Path database) {
        return named("file", database, url);
    }

    /** The H2 URL of {@code database} in the file system {@code scheme}, with the settings of {@code url}. */
    private static String named(String scheme, Path database, String url) {
        int settings = url.indexOf(';');
        return "jdbc:h2:" + scheme + ":" + database + (settings < 0 ? "" : url.substring(settings));
    }

    /**
     * The database file's path without extension, for an H2 file URL ({@link H2Url} tells); empty for any other URL.
     *
     * @throws IllegalArgumentException for an H2 URL replygate refuses (its configuration refuses it first)
     */
    static Optional<Path> h2FilePath(String url) {
        Optional<String> refusal = H2Url.refusal(url);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException("store.url: " + refusal.get());
        }
        return H2Url.fileName(url).map(path -> {
            String expanded = path.startsWith("~") ? System.getProperty("user.home") + path.substring(1) : path;
            return Path.of(expanded).toAbsolutePath().normalize();
        });
    }
}
