package dev.replygate.mailbox;

import dev.replygate.store.Store;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A test implementation of the sink's contract that keeps its records in the store, so that they
 * survive a JVM that is stopped: one row per key, one per content (SHA-256), and one row per effect
 * (what would be an answer), written in one transaction. It can stop the JVM right after that
 * commit, as a crash between the sink and the disposition.
 */
final class StoreRecordingSink implements MessageSink {

    static final int HALT_STATUS = 3;

    private final Store store;
    private final String haltAfterRecording;

    /** @param haltAfterRecording a Message-ID after whose commit the JVM halts; empty for none */
    StoreRecordingSink(Store store, String haltAfterRecording) {
        this.store = store;
        this.haltAfterRecording = haltAfterRecording;
        store.inTransaction(connection -> {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS test_record"
                    + " (message_key VARCHAR(200) PRIMARY KEY, sha256 VARCHAR(64) NOT NULL, disposition VARCHAR(16))");
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS test_effect"
                    + " (sha256 VARCHAR(64) PRIMARY KEY, message_id VARCHAR(200))");
            return null;
        });
    }

    @Override
    public Disposition accept(IncomingMessage message) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        StringBuilder header = new StringBuilder();
        try (InputStream in = message.openRaw()) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                if (header.length() < 4096) {
                    header.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
            }
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        String messageId = header.toString().replaceAll("(?s).*?Message-ID: (<[^>]*>).*", "$1");
        Disposition disposition = store.inTransaction(connection -> {
            Optional<String> recorded = first(connection.prepareStatement(
                    "SELECT disposition FROM test_record WHERE message_key = ? OR sha256 = ?"), message.key(), sha256);
            if (recorded.isPresent()) {
                return Disposition.valueOf(recorded.get());
            }
            try (PreparedStatement record = connection.prepareStatement("INSERT INTO test_record VALUES (?, ?, ?)");
                 PreparedStatement effect = connection.prepareStatement("INSERT INTO test_effect VALUES (?, ?)")) {
                record.setString(1, message.key());
                record.setString(2, sha256);
                record.setString(3, Disposition.REDIRECTED.name());
                record.executeUpdate();
                effect.setString(1, sha256);
                effect.setString(2, messageId);
                effect.executeUpdate();
            }
            return null;
        });
        if (disposition != null) {
            return disposition;
        }
        if (messageId.equals(haltAfterRecording)) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
        return Disposition.REDIRECTED;
    }

    private static Optional<String> first(PreparedStatement select, String key, String sha256) throws SQLException {
        try (select) {
            select.setString(1, key);
            select.setString(2, sha256);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }
}
