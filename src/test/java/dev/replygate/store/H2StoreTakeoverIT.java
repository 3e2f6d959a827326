package dev.replygate.store;

import dev.replygate.testsupport.AnotherUser;
import dev.replygate.testsupport.JavaProcess;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 6, finding 1: another local user could take over the H2 store. H2's AUTO_SERVER listened on
 * every address of the host, with user {@code sa} and an empty password, and the key to reach the
 * database lay in a lock file anyone could read: through it, {@code CREATE ALIAS} ran Java inside the
 * daemon. Here {@value AnotherUser#NAME} tries it with H2's own shell, which needs the tests to run as
 * root (to switch users): skipped otherwise.
 */
class H2StoreTakeoverIT {

    private static final Duration ATTEMPT_LIMIT = Duration.ofSeconds(60);
    private static final String TAKEOVER = "CREATE ALIAS IF NOT EXISTS GET_PROPERTY FOR 'java.lang.System.getProperty';"
            + " CALL GET_PROPERTY('user.name')";

    @TempDir
    Path folder;

    private AnotherUser attacker;
    private Path h2Jar;

    @BeforeEach
    void aHostWhereOtherUsersMayLook() throws IOException, URISyntaxException {
        Optional<AnotherUser> nobody = AnotherUser.whenRoot();
        assumeTrue(nobody.isPresent(), "skipped: acting as another local user (runuser -u " + AnotherUser.NAME
                + ") needs the tests to run as root");
        attacker = nobody.get();
        // as an install directory is: other users may enter it, and run H2's tools from it
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        h2Jar = Files.copy(Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                folder.resolve("h2.jar"));
        Files.setPosixFilePermissions(h2Jar, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void anotherLocalUserCannotLogInToTheStoreNorReadItsFiles() throws Exception {
        Path database = folder.resolve("data").resolve("replygate");
        try (Store daemon = Store.open(StoreConfigs.h2("jdbc:h2:file:" + database));
             Connection held = daemon.dataSource().getConnection()) {
            Properties lock = properties(database.resolveSibling("replygate.lock.db"));
            String server = lock.getProperty("server");
            String key = lock.getProperty("id");
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));

            assertThat(listeningAddresses(port)).as("addresses the store's server listens on")
                    .isNotEmpty().allMatch(InetAddress::isLoopbackAddress);

            try (Stream<Path> files = Files.list(database.getParent())) {
                for (Path file : files.toList()) {
                    JavaProcess.Result read = attacker.run(List.of("sh", "-c", "cat \"$1\" > /dev/null", "sh", file.toString()), folder,
                            ATTEMPT_LIMIT);
                    assertThat(read.exitCode()).as("%s reads %s: %s", AnotherUser.NAME, file, read.output()).isNotZero();
                }
            }

            // even given the key it can no longer read, it does not get in
            assertRefused(shell("jdbc:h2:tcp://" + server + "/" + key, "", TAKEOVER));
            Optional<InetAddress> outside = nonLoopbackAddress();
            if (outside.isPresent()) {
                assertRefused(shell("jdbc:h2:tcp://" + outside.get().getHostAddress() + ":" + port + "/" + key, "",
                        TAKEOVER));
            } else {
                System.out.println("this host has no non-loopback address: only the loopback attempt was made");
            }

            // what makes those refusals mean something: with the store's password, the same command gets in
            String password = Files.readString(GeneratedPassword.fileOf(database), StandardCharsets.US_ASCII).strip();
            JavaProcess.Result withPassword = shell("jdbc:h2:tcp://" + server + "/" + key, password, "CALL 40 + 2");
            assertThat(withPassword.exitCode()).as(withPassword.output()).isZero();
            assertThat(withPassword.output()).contains("42");
        }
    }

    private JavaProcess.Result shell(String url, String password, String sql) {
        return attacker.run(List.of(JavaProcess.launcher(),
                "-cp", h2Jar.toString(), "org.h2.tools.Shell",
                "-url", url, "-user", "sa", "-password", password, "-sql", sql), folder, ATTEMPT_LIMIT);
    }

    private static void assertRefused(JavaProcess.Result attempt) {
        assertThat(attempt.exitCode()).as(attempt.output()).isNotZero();
        assertThat(attempt.output()).doesNotContain("\nroot\n");
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        }
        return properties;
    }

    /** The local addresses of the sockets listening on {@code port}, as the kernel lists them. */
    private static List<InetAddress> listeningAddresses(int port) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if ("0A".equals(fields[3]) && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(kernelAddress(local[0]));
                }
            }
        }
        return addresses;
    }

    /** An address as /proc/net/tcp* writes it: 32-bit words of network order, each in host (little-endian) order. */
    private static InetAddress kernelAddress(String hex) throws IOException {
        byte[] bytes = HexFormat.of().parseHex(hex);
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte swapped = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = swapped;
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .findFirst();
    }
}
