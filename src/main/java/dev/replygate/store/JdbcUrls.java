package dev.replygate.store;

import java.util.Locale;

/** Adjusts configured JDBC URLs to what replygate needs of them. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    /**
     * For an H2 file database: lets a second process (the CLI while the daemon runs) share it, the
     * first opener serving it to the others over loopback ({@code AUTO_SERVER}); and writes each
     * commit to the file before the commit returns ({@code WRITE_DELAY=0}). H2 otherwise writes
     * commits up to half a second later, so a crashed process loses what it had committed: a
     * message's record after the message was moved, a delivery after it was sent. Settings the URL
     * gives itself are kept.
     */
    static String effective(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!isH2File(lower)) {
            return url;
        }
        String effective = url;
        if (!lower.contains(";auto_server=")) {
            effective += ";AUTO_SERVER=TRUE";
        }
        if (!lower.contains(";write_delay=")) {
            effective += ";WRITE_DELAY=0";
        }
        return effective;
    }

    private static boolean isH2File(String lowerCaseUrl) {
        return lowerCaseUrl.startsWith("jdbc:h2:file:") || (lowerCaseUrl.startsWith("jdbc:h2:")
                && !lowerCaseUrl.startsWith("jdbc:h2:mem:") && !lowerCaseUrl.startsWith("jdbc:h2:tcp:")
                && !lowerCaseUrl.startsWith("jdbc:h2:ssl:"));
    }
}
