package dev.replygate.store;

import dev.replygate.config.Secret;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The first connection to an H2 file store with its generated password. A store made before replygate
 * generated passwords has a user with an empty password, which any local user could log in with through
 * H2's server: it is opened with the empty password once and given the generated one.
 */
final class H2Login {

    private static final Logger log = LoggerFactory.getLogger(H2Login.class);

    private H2Login() {
    }

    /** A connection as {@code username} with {@code password}, the one kept in {@code passwordFile}. */
    static Connection connect(String url, Path database, String username, Secret password, Path passwordFile) {
        try {
            return DriverManager.getConnection(url, username, password.reveal());
        } catch (SQLException refused) {
            if (refused.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new StoreException(refused);
            }
            Connection connection = withEmptyPassword(url, username);
            if (connection == null) {
                throw new StoreException("the H2 store " + database + " refused user " + username
                        + " with the password kept in " + passwordFile
                        + "; restore that file from a backup, or set store.password", refused);
            }
            setPassword(connection, password, database);
            log.info("the H2 store {} had no password; it now has the one generated in {}", database, passwordFile);
            return connection;
        }
    }

    private static Connection withEmptyPassword(String url, String username) {
        try {
            return DriverManager.getConnection(url, username, "");
        } catch (SQLException e) {
            return null;
        }
    }

    private static void setPassword(Connection connection, Secret password, Path database) {
        try (Statement query = connection.createStatement();
             ResultSet user = query.executeQuery("SELECT CURRENT_USER")) {
            user.next();
            String quoted = '"' + user.getString(1).replace("\"", "\"\"") + '"';
            try (PreparedStatement alter = connection.prepareStatement("ALTER USER " + quoted + " SET PASSWORD ?")) {
                alter.setString(1, password.reveal());
                alter.execute();
            }
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw new StoreException("cannot set the generated password on the H2 store " + database + ": "
                    + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
