package dev.replygate.store;

import java.util.Locale;

/** Adjusts configured JDBC URLs to what replygate needs of them. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    /**
     * For an H2 file database, lets a second process (the CLI while the daemon runs) share it:
     * the first opener serves it to the others over loopback ({@code AUTO_SERVER}).
     */
    static String effective(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:file:") || (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:")
                && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:"))) {
            if (!lower.contains(";auto_server=")) {
                return url + ";AUTO_SERVER=TRUE";
            }
        }
        return url;
    }
}
