package dev.replygate;

import dev.replygate.testsupport.JavaProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config/replygate.jvm-options} holds the JVM options of every replygate command, the JVM accepts it,
 * and what starts the jar as it is deployed (the launcher {@code bin/replygate}, which the unit, the container
 * and the benchmark run) reads it rather than options of its own.
 */
class JvmOptionsIT {

    private static final Path OPTIONS = Path.of("config/replygate.jvm-options");
    private static final String INSTALLED = "@/etc/replygate/replygate.jvm-options";

    @Test
    void theJvmTakesTheOptionsWithoutAWordAndSetsWhatTheReadmePromises() throws IOException, InterruptedException {
        assertThat(java("@" + OPTIONS.toAbsolutePath(), "-version")).as("all the JVM says")
                .contains(" version ").doesNotContainIgnoringCase("warning");

        String flags = java("@" + OPTIONS.toAbsolutePath(), "-XX:+PrintFlagsFinal", "-version");
        assertThat(flags).containsPattern("size_t MaxHeapSize += 268435456 .*\\{command line}")
                .containsPattern("intx TieredStopAtLevel += 1 .*\\{command line}")
                .containsPattern("bool ExitOnOutOfMemoryError += true .*\\{command line}")
                .containsPattern("bool UseParallelGC += true .*\\{command line}")
                .containsPattern("bool UseG1GC += false ");
    }

    @Test
    void optionsGivenAfterTheFileWin() throws IOException, InterruptedException {
        String flags = java("@" + OPTIONS.toAbsolutePath(), "-Xmx64m", "-XX:TieredStopAtLevel=4",
                "-XX:+PrintFlagsFinal", "-version");

        assertThat(flags).containsPattern("size_t MaxHeapSize += 67108864 ")
                .containsPattern("intx TieredStopAtLevel += 4 ");
    }

    @Test
    void theUnitTheContainerAndTheBenchmarkStartTheJarThroughTheLauncherWithTheFile() throws IOException {
        assertThat(lines("config/replygate.service")).filteredOn(line -> line.startsWith("ExecStart="))
                .containsExactly("ExecStart=/usr/local/bin/replygate run --config /etc/replygate/replygate.yaml");
        String containerfile = Files.readString(Path.of("Containerfile"), StandardCharsets.UTF_8);
        assertThat(containerfile)
                .contains("COPY config/replygate.jvm-options /etc/replygate/replygate.jvm-options")
                .contains("COPY bin/replygate bin/replygate-class-archive /usr/local/bin/")
                .contains("RUN replygate-class-archive")
                .contains("ENTRYPOINT [\"/usr/local/bin/replygate\"]");
        assertThat(Files.readString(Path.of("bench/once.sh"), StandardCharsets.UTF_8))
                .contains("REPLYGATE_JVM_OPTIONS=\"$here/../config/replygate.jvm-options\"")
                .contains("exec \"$here/../bin/replygate\" run --once");
        for (String launcher : List.of("bin/replygate", "bin/replygate-class-archive")) {
            assertThat(Files.readString(Path.of(launcher), StandardCharsets.UTF_8)).as(launcher)
                    .contains("${REPLYGATE_JVM_OPTIONS:-" + INSTALLED.substring(1) + "}")
                    .contains("\"$java\" @\"$options\"");
        }

        for (String file : List.of("config/replygate.service", "Containerfile", "bench/once.sh", "bench/two-nodes.sh",
                "bin/replygate", "bin/replygate-class-archive")) {
            assertThat(lines(file)).as("%s: JVM options belong in %s", file, OPTIONS)
                    .noneMatch(line -> !line.startsWith("#") && line.matches(".*\\s-X(X:(?!SharedArchiveFile|ArchiveClassesAtExit)|m[sx]\\d).*"));
        }
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    }

    private static String java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(JavaProcess.launcher());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("jvm-options-", ".txt");
        try {
            Process java = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(java.waitFor(1, TimeUnit.MINUTES)).as("java ended").isTrue();
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(java.exitValue()).as(text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
