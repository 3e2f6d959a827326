package dev.replygate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the tests' own servers (PostgreSQL, Dovecot) need of the machine: a free port, a folder removed after. */
public final class LocalServers {

    private LocalServers() {
    }

    /** A port free on 127.0.0.1 now; another build may take it before the server binds it. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** Removes {@code folder} and everything in it; {@code what} names it in the error. */
    public static void deleteRecursively(Path folder, String what) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + what + " in " + folder, e);
        }
    }
}
