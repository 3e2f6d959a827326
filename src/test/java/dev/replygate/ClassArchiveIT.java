package dev.replygate;

import dev.replygate.cli.ReplygateJar;
import dev.replygate.testsupport.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/replygate-class-archive} makes the class-data archive of an installed jar, and the launcher
 * {@code bin/replygate} starts commands with it while it is newer than the jar. A stale, empty or refused archive
 * is passed over with a line on stderr: the command runs and prints on stdout exactly what it prints without one.
 */
class ClassArchiveIT {

    private static final Path LAUNCHER = Path.of("bin/replygate");
    private static final Path ARCHIVER = Path.of("bin/replygate-class-archive");
    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(3);
    private static final String SHARED_MAIN = "dev.replygate.cli.Main source: shared objects file (top)";

    @TempDir
    Path installed;

    @Test
    void theArchiveServesTheClassesOfACommandAndAStaleOrRefusedOneChangesNothingItPrints() throws Exception {
        Path jar = installed.resolve("replygate.jar");
        Files.copy(ReplygateJar.jar(), jar);
        Path archive = installed.resolve("replygate.jsa");
        String withoutArchive = ReplygateJar.run(installed, "--version").stdout();

        ReplygateJar.Result made = ReplygateJar.runProgram(installed, List.of(ARCHIVER.toAbsolutePath().toString()), environment(jar, ""),
                TRAINING_LIMIT);
        assertThat(made.exitCode()).as(made.describe()).isZero();
        assertThat(made.stdout()).contains("made " + archive + " for ");
        assertThat(archive).isNotEmptyFile();
        try (var files = Files.list(installed)) {
            assertThat(files).as("the archive, and no part of one").containsExactlyInAnyOrder(jar, archive);
        }
        assertThat(Files.getPosixFilePermissions(archive)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "GROUP_READ", "OTHERS_READ");
        assertThat(classesOfVersion(jar, "made", "")).contains(SHARED_MAIN);

        // an upgrade: a jar newer than the archive; the launcher passes it over and says so
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 60_000));
        assertThat(classesOfVersion(jar, "stale", "replygate: started without the class-data archive " + archive + ": it is older than " + jar))
                .doesNotContain(SHARED_MAIN).contains("dev.replygate.cli.Main source: ");

        // newer than the jar, but made for the jar as it was: the JVM itself refuses it, and says so on stderr
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        assertThat(classesOfVersion(jar, "refused", "[warning][cds,dynamic] Unable to use shared archive"))
                .doesNotContain(SHARED_MAIN).contains("java.lang.Object source: shared objects file");

        // an empty file would turn off the JDK's own class sharing: passed over
        Files.delete(archive);
        Files.createFile(archive);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        assertThat(classesOfVersion(jar, "empty", "replygate: started without the class-data archive " + archive
                + ": it is empty"))
                .doesNotContain(SHARED_MAIN).contains("java.lang.Object source: shared objects file");

        assertThat(withoutArchive).startsWith("replygate ");
        for (String state : List.of("made", "stale", "refused", "empty")) {
            assertThat(Files.readString(installed.resolve(state + ".stdout"), StandardCharsets.UTF_8))
                    .as("what --version printed with the archive %s", state).isEqualTo(withoutArchive);
        }
    }

    @Test
    void aFailedTrainingRunMakesNoArchiveAndSaysWhy() throws Exception {
        Path jar = installed.resolve("replygate.jar");
        Files.copy(ReplygateJar.jar(), jar);
        Map<String, String> environment = new java.util.HashMap<>(environment(jar, ""));
        environment.put("REPLYGATE_JVM_OPTIONS", installed.resolve("no-such-options").toString());

        ReplygateJar.Result failed = ReplygateJar.runProgram(installed, List.of(ARCHIVER.toAbsolutePath().toString()), environment,
                TRAINING_LIMIT);

        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
        assertThat(failed.stderr()).contains("replygate demo with " + jar + ") failed; no archive made")
                .contains("no-such-options");
        try (var files = Files.list(installed)) {
            assertThat(files).as("no archive, no part of one").containsExactly(jar);
        }
    }

    @Test
    void aJarDatedLaterThanNowGetsItsArchiveAndTheAdminIsToldWhyItIsNotUsedYet() throws Exception {
        Path jar = installed.resolve("replygate.jar");
        Files.copy(ReplygateJar.jar(), jar);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 3_600_000));

        ReplygateJar.Result made = ReplygateJar.runProgram(installed, List.of(ARCHIVER.toAbsolutePath().toString()), environment(jar, ""),
                TRAINING_LIMIT);

        assertThat(made.exitCode()).as(made.describe()).isZero();
        assertThat(made.stderr()).contains("is dated later than now; replygate passes over the archive");
        assertThat(installed.resolve("replygate.jsa")).isNotEmptyFile();
    }

    /**
     * Runs {@code replygate --version} through the launcher and returns which classes it loaded from where;
     * {@code said} is what it must print on stderr (nothing when empty).
     */
    private String classesOfVersion(Path jar, String state, String said) throws IOException {
        Path loaded = installed.resolve(state + ".classes");
        ReplygateJar.Result version = ReplygateJar.runProgram(installed,
                List.of(LAUNCHER.toAbsolutePath().toString(), "--version"),
                environment(jar, "-Xlog:class+load:file=" + loaded), ReplygateJar.COMMAND_LIMIT);
        assertThat(version.exitCode()).as(version.describe()).isZero();
        if (said.isEmpty()) {
            assertThat(version.stderr()).as("with the archive %s", state).isEmpty();
        } else {
            assertThat(version.stderr()).as("with the archive %s", state).contains(said);
        }
        Files.writeString(installed.resolve(state + ".stdout"), version.stdout(), StandardCharsets.UTF_8);
        String classes = Files.readString(loaded, StandardCharsets.UTF_8);
        Files.delete(loaded);
        return classes;
    }

    private static Map<String, String> environment(Path jar, String javaOptions) {
        return Map.of("REPLYGATE_JAVA", JavaProcess.launcher(),
                "REPLYGATE_JAR", jar.toString(),
                "REPLYGATE_JVM_OPTIONS", ReplygateJar.JVM_OPTIONS.toAbsolutePath().toString(),
                "REPLYGATE_JAVA_OPTS", javaOptions);
    }
}
