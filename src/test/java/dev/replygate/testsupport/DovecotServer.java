package dev.replygate.testsupport;

import com.sun.security.auth.module.UnixSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway Dovecot IMAP server for tests, from the distribution's package: its own configuration,
 * one user, Maildir and runtime files in a temp folder, IMAP without TLS on 127.0.0.1 at a free port.
 * As root the mail belongs to {@value ClusterAccount#UNPRIVILEGED} (Dovecot refuses root's mail);
 * otherwise Dovecot runs entirely as the current user. When Dovecot is not installed,
 * {@link #start()} skips the calling test, or fails it under CI.
 */
public final class DovecotServer implements AutoCloseable {

    public static final String USER = "support";
    public static final String PASSWORD = "support-test-password";
    private static final Path BINARY = Path.of("/usr/sbin/dovecot");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 5;

    private final Process process;
    private final Path folder;
    private final int port;

    private DovecotServer(Process process, Path folder, int port) {
        this.process = process;
        this.folder = folder;
        this.port = port;
    }

    /** Starts a new server; the caller closes it. */
    public static DovecotServer start() {
        if (!Files.isExecutable(BINARY)) {
            return Prerequisites.missing(BINARY + " not found; install it with scripts/install-test-deps.sh"
                    + " (Debian package dovecot-imapd)");
        }
        Path folder = createFolder();
        try {
            return startOnFreePort(folder);
        } catch (RuntimeException e) {
            LocalServers.deleteRecursively(folder, "the Dovecot test server");
            throw e;
        }
    }

    public int imapPort() {
        return port;
    }

    /** Dovecot's log so far, for assertion messages. */
    public String log() {
        return read(folder.resolve("dovecot.log"));
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LocalServers.deleteRecursively(folder, "the Dovecot test server");
        }
    }

    @Override
    public String toString() {
        return "Dovecot test server on 127.0.0.1:" + port + " in " + folder;
    }

    private static DovecotServer startOnFreePort(Path folder) {
        for (int attempt = 1; ; attempt++) {
            int port = LocalServers.freeLoopbackPort();
            Path config = writeConfig(folder, port);
            Process process;
            try {
                process = new ProcessBuilder(BINARY.toString(), "-F", "-c", config.toString())
                        .directory(folder.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(folder.resolve("dovecot.out").toFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + BINARY, e);
            }
            if (awaitListening(process, port)) {
                DovecotServer server = new DovecotServer(process, folder, port);
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "dovecot-test-server-stop"));
                return server;
            }
            process.destroyForcibly();
            String output = read(folder.resolve("dovecot.out")) + read(folder.resolve("dovecot.log"));
            if (!output.contains("in use") || attempt == START_ATTEMPTS) {
                throw new IllegalStateException("Dovecot did not start on 127.0.0.1:" + port + ":\n" + output);
            }
        }
    }

    private static boolean awaitListening(Process process, int port) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return true;
            } catch (IOException notYet) {
                sleep();
            }
        }
        return false;
    }

    /** The configuration, and the one user's entry: mail under {@code folder/home}. */
    private static Path writeConfig(Path folder, int port) {
        boolean root = new UnixSystem().getUid() == 0;
        Path home = folder.resolve("home");
        try {
            Files.createDirectories(home);
            Files.createDirectories(folder.resolve("run"));
            Files.createDirectories(folder.resolve("state"));
            long[] owner = root ? giveToUnprivileged(home) : new long[] {new UnixSystem().getUid(),
                    new UnixSystem().getGid()};
            Path users = folder.resolve("users");
            Files.writeString(users, USER + ":{PLAIN}" + PASSWORD + ":" + owner[0] + ":" + owner[1] + "::" + home
                    + "::\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
            String me = System.getProperty("user.name");
            String nonRoot = root ? "" : String.join("\n",
                    "default_internal_user = " + me,
                    "default_internal_group = " + groupName(),
                    "default_login_user = " + me,
                    "service imap-login {",
                    "  chroot =",
                    "}",
                    "");
            String config = String.join("\n",
                    "# replygate test server",
                    "protocols = imap",
                    "listen = 127.0.0.1",
                    "base_dir = " + folder.resolve("run"),
                    "state_dir = " + folder.resolve("state"),
                    "log_path = " + folder.resolve("dovecot.log"),
                    "ssl = no",
                    "disable_plaintext_auth = no",
                    "auth_mechanisms = plain login",
                    "passdb {",
                    "  driver = passwd-file",
                    "  args = scheme=PLAIN username_format=%u " + users,
                    "}",
                    "userdb {",
                    "  driver = passwd-file",
                    "  args = username_format=%u " + users,
                    "}",
                    "first_valid_uid = 1",
                    "first_valid_gid = 1",
                    "mail_location = maildir:~/Maildir",
                    "namespace inbox {",
                    "  inbox = yes",
                    "  separator = /",
                    "}",
                    "service imap-login {",
                    "  inet_listener imap {",
                    "    address = 127.0.0.1",
                    "    port = " + port,
                    "  }",
                    "  inet_listener imaps {",
                    "    port = 0",
                    "  }",
                    "}",
                    "protocol imap {",
                    "  mail_max_userip_connections = 50",
                    "}",
                    nonRoot);
            Path file = folder.resolve("dovecot.conf");
            Files.writeString(file, config, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure Dovecot in " + folder, e);
        }
    }

    /** Gives {@code home} to the unprivileged account (its uid and primary gid, from /etc/passwd); those ids. */
    private static long[] giveToUnprivileged(Path home) throws IOException {
        String entry = Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith(ClusterAccount.UNPRIVILEGED + ":"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no account " + ClusterAccount.UNPRIVILEGED
                        + " in /etc/passwd"));
        String[] fields = entry.split(":");
        long uid = Long.parseLong(fields[2]);
        long gid = Long.parseLong(fields[3]);
        Files.setAttribute(home, "unix:uid", (int) uid);
        Files.setAttribute(home, "unix:gid", (int) gid);
        return new long[] {uid, gid};
    }

    private static String groupName() throws IOException {
        Path probe = Files.createTempFile("replygate-group", ".probe");
        try {
            return Files.readAttributes(probe, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static Path createFolder() {
        try {
            Path folder = Files.createTempDirectory("replygate-dovecot-");
            // Dovecot's unprivileged processes must reach the home and the sockets
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the Dovecot test server", e);
        }
    }


    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Dovecot", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }


}
