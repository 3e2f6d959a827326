package dev.replygate.outbound;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseOwnerTest {

    private static final LeaseOwner SELF = LeaseOwner.ofThisProcess();

    @Test
    void theNameOfThisProcessReadsBackAndFitsTheColumn() {
        assertThat(SELF.name()).hasSizeLessThanOrEqualTo(200);
        assertThat(LeaseOwner.parse(SELF.name())).contains(SELF);
        assertThat(SELF.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(SELF.state()).isEqualTo(LeaseOwner.State.ALIVE);
        assertThat(LeaseOwner.ofThisProcess().nonce()).isNotEqualTo(SELF.nonce());
    }

    @Test
    void namesInAnotherFormAreNotParsed() {
        assertThat(LeaseOwner.parse(null)).isEmpty();
        for (String name : new String[] {"node-a", "1234@gw1/abcd1234", "gw1/0/-/n0nce", "gw1/-5/-/n0nce",
                "gw1/12x/-/n0nce", "gw1/12/soon/n0nce", "gw1/12/-/", "/12/-/n0nce", "gw1/12/-/n0nce/more",
                "gw1/99999999999999999999/-/n0nce"}) {
            assertThat(LeaseOwner.parse(name)).as(name).isEmpty();
            assertThat(LeaseOwner.stateOf(name)).as(name).isEqualTo(LeaseOwner.State.UNKNOWN);
        }
    }

    @Test
    void aStartTimeReadAlittleDifferentlyIsTheSameProcess() {
        Instant started = ProcessHandle.current().info().startInstant().orElse(null);
        assertThat(started).as("this platform tells process start times").isNotNull();

        assertThat(new LeaseOwner(SELF.machine(), SELF.pid(), started.plusMillis(1500), "n").state())
                .isEqualTo(LeaseOwner.State.ALIVE);
        assertThat(new LeaseOwner(SELF.machine(), SELF.pid(), started.minus(Duration.ofMinutes(1)), "n").state())
                .isEqualTo(LeaseOwner.State.GONE);
    }

    /**
     * The JVM tells a start in wall-clock time from a boot time it reads once: after the clock was set by
     * 9 s (seen on this machine), a daemon judged a live holder gone and sent its items behind its back.
     * The kernel's tick count since boot does not move with the clock.
     */
    @Test
    void onLinuxTheStartIsTheKernelsTickCountWhichNoClockChangeMoves() {
        Long ticks = LeaseOwner.startTicksOf(SELF.pid()).orElse(null);
        assertThat(ticks).as("/proc/self/stat readable").isNotNull();
        assertThat(SELF.startTicks()).isEqualTo(ticks);
        assertThat(SELF.name()).contains("/t" + ticks + "/");
        assertThat(SELF.state()).isEqualTo(LeaseOwner.State.ALIVE);

        assertThat(new LeaseOwner(SELF.machine(), SELF.pid(), null, ticks - 1, "n").state())
                .as("one tick apart is another process").isEqualTo(LeaseOwner.State.GONE);
        assertThat(LeaseOwner.parse(SELF.machine() + "/" + SELF.pid() + "/t" + ticks + "/n"))
                .contains(new LeaseOwner(SELF.machine(), SELF.pid(), null, ticks, "n"));
        assertThat(LeaseOwner.parse("gw1/12/t-5/n0nce")).isEmpty();
        assertThat(LeaseOwner.parse("gw1/12/tx/n0nce")).isEmpty();
    }
}
