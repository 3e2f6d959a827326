package dev.replygate.store;

import org.h2.util.SortedProperties;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

/**
 * Whether a running process serves an H2 file, asked without opening it: H2's lock file
 * ({@code .lock.db}) names the server ({@code AUTO_SERVER}) of the process that has the file open, and
 * a process that was killed leaves the lock file behind with its server gone.
 */
final class H2FileInUse {

    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private H2FileInUse() {
    }

    /** {@code database} is the H2 file's path without extension. */
    static boolean servedByAnotherProcess(Path database) {
        Path lockFile = database.resolveSibling(database.getFileName() + ".lock.db");
        String server;
        try {
            server = SortedProperties.loadProperties(lockFile.toString()).getProperty("server");
        } catch (IOException e) {
            return false;
        }
        int colon = server == null ? -1 : server.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.substring(0, colon),
                    Integer.parseInt(server.substring(colon + 1))), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
