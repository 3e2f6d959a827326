package dev.replygate.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerIT {

    @Test
    void givesEachCallerAFreshDatabase() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        PostgresDatabase first = server.createDatabase("Fresh Test");
        PostgresDatabase second = server.createDatabase("Fresh Test");

        assertThat(first.name()).isNotEqualTo(second.name()).matches("[a-z0-9_]+");
        try (Connection connection = connect(first)) {
            connection.createStatement().execute("CREATE TABLE only_here (id INT)");
        }
        try (Connection connection = connect(second)) {
            assertThat(connection.getMetaData().getTables(null, null, "only_here", null).next()).isFalse();
        }
    }

    @Test
    void listensOnLoopbackOnlyAndTradesDurabilityForSpeed() throws SQLException {
        try (Connection connection = connect(PostgresServer.shared().createDatabase("settings"))) {
            assertThat(setting(connection, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(setting(connection, "fsync")).isEqualTo("off");
            assertThat(setting(connection, "port")).isEqualTo(Integer.toString(PostgresServer.shared().port()));
        }
    }

    @Test
    void closingStopsTheServerAndRemovesItsFiles() {
        int sharedPort = PostgresServer.shared().port(); // skips the test where PostgreSQL is absent
        PostgresServer server = PostgresServer.start(PostgresBinaries.find().orElseThrow());
        assertThat(server.port()).isNotEqualTo(sharedPort);
        assertThat(server.folder()).isDirectory();

        server.close();

        assertThat(server.folder()).doesNotExist();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            }
        }).isInstanceOf(IOException.class);
    }

    private static Connection connect(PostgresDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
