package dev.replygate.cli;

import dev.replygate.testsupport.JavaProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The class-data archive that the tests start the jar with, as {@code bin/replygate} starts the service with
 * the installed one: made by {@code bin/replygate-class-archive} beside the jar ({@code target/replygate.jsa}),
 * once for each build of it. A CI run starts the jar some 200 times, each start 0.3 to 0.5 CPU s cheaper with
 * it. The failsafe forks share it through a lock file: the first that finds it missing or older than the
 * jar makes it while the others wait. Where it cannot be made, the commands start without it (said on stderr)
 * and {@code ClassArchiveIT} fails with the reason.
 */
final class TestClassArchive {

    private static final Path MAKER = Path.of("bin/replygate-class-archive");
    /** The maker runs {@code replygate demo} once (some 10 s) and checks the archive with one more start. */
    private static final Duration MAKING_LIMIT = Duration.ofMinutes(3);
    /** The launcher's own options for it: its CDS warnings on stderr, none on stdout. */
    private static final List<String> LOGGING = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off",
            "-Xlog:cds=warning,cds+dynamic=warning:stderr");

    private static List<String> options;

    private TestClassArchive() {
    }

    /** The JVM options that start {@code jar} with its archive, made first where it is not yet; none where it cannot be. */
    static synchronized List<String> jvmOptions(Path jar) {
        if (options == null) {
            options = madeFor(jar.toAbsolutePath());
        }
        return options;
    }

    private static List<String> madeFor(Path jar) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path archive = jar.resolveSibling(name + ".jsa");
        try (FileChannel lockFile = FileChannel.open(jar.resolveSibling(name + ".jsa.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (!isNewerThan(archive, jar)) {
                ReplygateJar.Result made = ReplygateJar.runProgram(jar.getParent(),
                        List.of(MAKER.toAbsolutePath().toString()), Map.of(
                                "REPLYGATE_JAVA", JavaProcess.launcher(),
                                "REPLYGATE_JAR", jar.toString(),
                                "REPLYGATE_JVM_OPTIONS", ReplygateJar.JVM_OPTIONS.toAbsolutePath().toString(),
                                "REPLYGATE_CLASS_ARCHIVE", archive.toString()),
                        MAKING_LIMIT);
                if (made.exitCode() != 0 || !isNewerThan(archive, jar)) {
                    System.err.println("the tests start " + jar + " without a class-data archive: "
                            + MAKER + " did not make " + archive + ":\n" + made.describe());
                    return List.of();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the class-data archive " + archive + " of the tests", e);
        }
        List<String> withArchive = new ArrayList<>();
        withArchive.add("-XX:SharedArchiveFile=" + archive);
        withArchive.addAll(LOGGING);
        return List.copyOf(withArchive);
    }

    private static boolean isNewerThan(Path archive, Path jar) throws IOException {
        return Files.isRegularFile(archive) && Files.size(archive) > 0
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
    }
}
