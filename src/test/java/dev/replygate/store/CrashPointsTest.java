package dev.replygate.store;

import dev.replygate.testsupport.JavaProcess;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9: a crash point halts only a JVM the crash tests armed with their system property. */
class CrashPointsTest {

    private static int run(List<String> jvmOptions, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                JavaProcess.launcher()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashPointProcess.class.getName(),
                CrashPoints.OUTBOX_BEFORE_SEND));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the crash point process did not end");
        }
        return process.exitValue();
    }

    @Test
    void anEnvironmentVariableAloneNeverHaltsTheJvm() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("REPLYGATE_CRASH_AT", CrashPoints.OUTBOX_BEFORE_SEND);
        environment.put(CrashPoints.SETTING, CrashPoints.OUTBOX_BEFORE_SEND);

        assertThat(run(List.of(), environment)).isZero();
    }

    @Test
    void theTestsSystemPropertyHaltsItAtTheNamedPoint() throws Exception {
        assertThat(run(List.of("-D" + CrashPoints.SETTING + "=" + CrashPoints.OUTBOX_BEFORE_SEND), Map.of()))
                .isEqualTo(CrashPoints.EXIT_CODE);
        assertThat(run(List.of("-D" + CrashPoints.SETTING + "=" + CrashPoints.OUTBOX_AFTER_SEND), Map.of()))
                .isZero();
    }
}
