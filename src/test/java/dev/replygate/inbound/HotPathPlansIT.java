package dev.replygate.inbound;

import dev.replygate.app.Replygate;
import dev.replygate.mailbox.MailboxPoller;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.store.Store;
import dev.replygate.testsupport.CustomerMail;
import dev.replygate.testsupport.EarlierRecords;
import dev.replygate.testsupport.PostgresDatabase;
import dev.replygate.testsupport.PostgresServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12.3: the cost of a message must not grow with the store. On a store holding
 * {@value #EARLIER} earlier records, the hot path runs for real (a notification sent, a reply to it, new
 * mail, an out-of-office, a bounce over IMAP, new mail over POP3, the answers delivered); every statement
 * it ran (H2's query statistics) is then explained, on H2 and on PostgreSQL, and none may scan a table
 * that grows with the store. The plans are written to {@code target/hot-path-plans/} for bench/README.md.
 */
class HotPathPlansIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String HELPDESK = "helpdesk@hosting.test";
    private static final String JOHN = "john@customer.test";
    private static final String STRANGER = "new@customer.test";
    private static final String MX = "mx.hosting.test";
    private static final String TICKET = "482915";
    private static final int EARLIER = 20_000;
    /** The tables {@link EarlierRecords} fills. */
    private static final Set<String> FILLED = Set.of("inbound_message", "answer_log", "answer_recipient", "outbox",
            "notification");
    /**
     * The tables that grow with the store; the others hold a row per mailbox. PostgreSQL rightly scans a
     * table of a few rows, so it is judged on {@link #FILLED} only; H2's plans do not depend on the size.
     */
    private static final Set<String> GROWING = Set.of("inbound_message", "answer_log", "answer_recipient", "outbox",
            "notification", "pop3_seen", "inbound_failure", "answer_count");
    private static final Pattern OUR_TABLES = Pattern.compile("(?i)\\b(" + String.join("|", GROWING)
            + "|mailbox_cursor|mailbox_lease|mailbox_state)\\b");
    /**
     * A table scan, or an index used for the mailbox alone (every record of the mailbox read: H2 did that for
     * {@code mailbox = ? AND message_key IN (…)}).
     */
    private static final Pattern H2_SCAN = Pattern.compile("(?i)PUBLIC\\.(\\w+)\\.tableScan"
            + "|\"PUBLIC\"\\.\"(\\w+)\"\\s*/\\* PUBLIC\\.\\w+: MAILBOX = \\?\\d*\\s*\\*/");
    private static final Pattern POSTGRES_SCAN = Pattern.compile("Seq Scan on (\\w+)");
    private static final Path PLANS = Path.of("target", "hot-path-plans");

    @TempDir
    Path dir;

    private MailWorld mail;

    @BeforeEach
    void start() {
        mail = new MailWorld().addMailbox(SUPPORT).addMailbox(HELPDESK).addMailbox(JOHN).addMailbox(STRANGER);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void noHotPathStatementScansAGrowingTableOnH2() throws Exception {
        List<HotStatement> statements = hotPathOnH2();
        InstanceConfig instance = instance();
        try (Store store = Store.open(instance.load().store())) {
            assertNoScans(store, statements, H2_SCAN, GROWING, "h2", (query, sql) -> {
                for (int i = 1; i <= query.getParameterMetaData().getParameterCount(); i++) {
                    query.setObject(i, null);
                }
            });
        }
    }

    @Test
    void noHotPathStatementScansAGrowingTableOnPostgresql() throws Exception {
        List<HotStatement> statements = hotPathOnH2();
        PostgresDatabase database = PostgresServer.shared().createDatabase("plans");
        InstanceConfig instance = instance().store(database.jdbcUrl(), database.username());
        try (Replygate replygate = new Replygate(instance.load(), Clock.systemUTC())) {
            EarlierRecords.add(replygate.store(), "support", EARLIER, Instant.now());
            runHotPath(replygate);
            assertNoScans(replygate.store(), statements, POSTGRES_SCAN, FILLED, "postgresql", HotPathPlansIT::setSamples);
        }
    }

    private InstanceConfig instance() {
        return new InstanceConfig(dir, mail).trust(MX)
                .imapMailbox("support", SUPPORT, "")
                .pop3Mailbox("helpdesk", HELPDESK, "");
    }

    /** Runs the hot path on an H2 store of earlier records and returns the statements it ran. */
    private List<HotStatement> hotPathOnH2() throws Exception {
        try (Replygate replygate = new Replygate(instance().load(), Clock.systemUTC())) {
            EarlierRecords.add(replygate.store(), "support", EARLIER, Instant.now());
            replygate.store().inTransaction(c -> execute(c, "SET QUERY_STATISTICS_MAX_ENTRIES 1000",
                    "SET QUERY_STATISTICS TRUE"));
            runHotPath(replygate);
            return replygate.store().inTransaction(HotPathPlansIT::statementsRun);
        }
    }

    private void runHotPath(Replygate replygate) throws Exception {
        replygate.notificationService().queue(new NotificationRequest(TICKET, "answered", JOHN, "John Smith", "en",
                Map.of("subject", "Cannot renew my domain", "department", "Support", "status", "Answered",
                        "operator", "Mina"), "plans-" + TICKET + "-" + replygate.store().dialect()));
        assertThat(Replygate.deliverAllDue(replygate.deliverer()).sent()).isEqualTo(1);
        List<MailWorld.Received> johnsMail = mail.inbox(JOHN);
        MimeMessage notification = johnsMail.get(johnsMail.size() - 1).message();
        String notificationId = notification.getMessageID().replaceAll("^<|>$", "");
        mail.send(MailProgram.reply(notification, "John Smith", JOHN, SUPPORT, "Still broken.", "UTF-8"), JOHN,
                SUPPORT);
        mail.send(MailProgram.outOfOffice(notification, JOHN, SUPPORT), JOHN, SUPPORT);
        mail.send(CustomerMail.hardBounce(notificationId, JOHN, SUPPORT, TICKET), "postmaster@mx.example.net",
                SUPPORT);
        mail.deliverDirectly(SUPPORT, "INBOX", List.of(MailProgram.authenticated(MX, STRANGER, SUPPORT, "Hello")));
        mail.deliverDirectly(HELPDESK, "INBOX", List.of(MailProgram.authenticated(MX, STRANGER, HELPDESK, "Hi")));
        int redirected = 0;
        for (MailboxPoller poller : replygate.mailboxPollers()) {
            redirected += Replygate.pollUntilEmpty(poller).stream().mapToInt(r -> r.redirected()).sum();
        }
        assertThat(redirected).as("the reply and the new mail answered").isGreaterThanOrEqualTo(2);
        assertThat(Replygate.deliverAllDue(replygate.deliverer()).sent()).isEqualTo(redirected);
    }

    private static List<HotStatement> statementsRun(Connection connection) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
            while (rows.next()) {
                texts.add(rows.getString(1));
            }
        }
        List<HotStatement> statements = new ArrayList<>();
        for (String sql : new TreeSet<>(texts)) {
            if (!OUR_TABLES.matcher(sql).find() || sql.contains("INFORMATION_SCHEMA")
                    || sql.startsWith("SET ") || sql.startsWith("ANALYZE")) {
                continue;
            }
            statements.add(new HotStatement(sql));
        }
        assertThat(statements).as("the hot path's statements, from H2's query statistics").hasSizeGreaterThan(20);
        return statements;
    }

    private static void assertNoScans(Store store, List<HotStatement> statements, Pattern scan, Set<String> judged,
                                      String database, ParameterSetter parameters) throws Exception {
        StringBuilder plans = new StringBuilder();
        List<String> scans = new ArrayList<>();
        store.inTransaction(connection -> {
            for (HotStatement statement : statements) {
                String plan = explain(connection, statement, parameters);
                plans.append(statement.sql().strip().replaceAll("\\s+", " ")).append("\n  ")
                        .append(plan.strip().replace("\n", "\n  ")).append("\n\n");
                Matcher matcher = scan.matcher(plan);
                while (matcher.find()) {
                    String table = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                    if (judged.contains(table.toLowerCase(Locale.ROOT))) {
                        scans.add(statement.sql() + "\n" + plan);
                    }
                }
            }
            connection.rollback();
            return null;
        });
        Files.createDirectories(PLANS);
        Files.writeString(PLANS.resolve(database + ".txt"), plans, StandardCharsets.UTF_8);
        assertThat(scans).as("statements scanning a growing table on %s", database).isEmpty();
    }

    private static String explain(Connection connection, HotStatement statement, ParameterSetter parameters)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("EXPLAIN " + statement.sql())) {
            parameters.set(query, statement.sql());
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    /** A value of each parameter's type as PostgreSQL infers it: it plans for the values it is given. */
    private static void setSamples(PreparedStatement query, String sql) throws SQLException {
        ParameterMetaData types;
        try (PreparedStatement plain = query.getConnection().prepareStatement(sql)) {
            types = plain.getParameterMetaData();
            for (int i = 1; i <= types.getParameterCount(); i++) {
                switch (types.getParameterType(i)) {
                    case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> query.setLong(i, 1);
                    case Types.BOOLEAN, Types.BIT -> query.setBoolean(i, false);
                    case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP ->
                            query.setObject(i, OffsetDateTime.now(ZoneOffset.UTC));
                    case Types.VARBINARY, Types.BINARY, Types.BLOB, Types.LONGVARBINARY ->
                            query.setBytes(i, new byte[] {1});
                    // the mailbox of every earlier record: a mailbox-first index must beat the unique key's
                    // mailbox prefix, which for this value spans the whole table
                    default -> query.setString(i, "support");
                }
            }
        }
    }

    private static Void execute(Connection connection, String... commands) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String command : commands) {
                statement.execute(command);
            }
        }
        return null;
    }

    /** A statement the hot path ran, as its code wrote it. */
    private record HotStatement(String sql) {
    }

    @FunctionalInterface
    private interface ParameterSetter {
        void set(PreparedStatement query, String sql) throws SQLException;
    }
}
