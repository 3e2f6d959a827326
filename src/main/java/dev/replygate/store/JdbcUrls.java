package dev.replygate.store;

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
     */
    private static final String[][] H2_FILE_SETTINGS = {
        {"auto_server", "AUTO_SERVER=TRUE"},
        {"auto_reconnect", "AUTO_RECONNECT=TRUE"},
        {"write_delay", "WRITE_DELAY=0"},
    };

    private JdbcUrls() {
    }

    static String effective(String url) {
        if (!isH2File(url)) {
            return url;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.contains(";auto_server=false")) {
            return url;
        }
        StringBuilder effective = new StringBuilder(url);
        for (String[] setting : H2_FILE_SETTINGS) {
            if (!lower.contains(";" + setting[0] + "=")) {
                effective.append(';').append(setting[1]);
            }
        }
        return effective.toString();
    }

    /** The database file's path without extension, for an H2 file URL; empty for any other URL. */
    static Optional<Path> h2FilePath(String url) {
        if (!isH2File(url)) {
            return Optional.empty();
        }
        String rest = url.substring(url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:")
                ? "jdbc:h2:file:".length() : "jdbc:h2:".length());
        int settings = rest.indexOf(';');
        String path = settings < 0 ? rest : rest.substring(0, settings);
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(Path.of(path).toAbsolutePath().normalize());
    }

    private static boolean isH2File(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:file:") || (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:")
                && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:")
                && !lower.startsWith("jdbc:h2:zip:"));
    }
}
