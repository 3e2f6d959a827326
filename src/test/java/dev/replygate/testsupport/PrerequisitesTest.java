package dev.replygate.testsupport;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrerequisitesTest {

    @Test
    void aDevelopersRunSkipsWithTheReason() {
        assertThatThrownBy(() -> Prerequisites.missing("no widget", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no widget");
    }

    @Test
    void ciFailsWithTheReason() {
        assertThatThrownBy(() -> Prerequisites.missing("no widget", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no widget")
                .hasMessageContaining("CI=true");
    }
}
