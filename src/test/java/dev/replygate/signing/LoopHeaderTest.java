package dev.replygate.signing;

import dev.replygate.config.InstanceConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoopHeaderTest {

    @Test
    void namesTheInstance() {
        assertThat(LoopHeader.of(new InstanceConfig("replygate-eu", "support.example.com")))
                .isEqualTo(new LoopHeader("X-Replygate-Loop", "replygate-eu"));
    }

    @Test
    void refusesBrokenNamesAndValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LoopHeader("X-Loop: evil", "v"));
        assertThatIllegalArgumentException().isThrownBy(() -> new LoopHeader("X-Loop", "\r\n"));
        assertThat(new LoopHeader("X-Loop", "a\r\nBcc: x").value()).isEqualTo("a Bcc: x");
    }
}
