package dev.replygate.mailbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What a server's UID SEARCH answer may name: RFC 3501's nz-number, from 1 to 4294967295. */
class UidCommandsTest {

    @Test
    void aUidIsANumberFromOneToTheLargestUnsigned32BitOne() {
        assertThat(UidCommands.parsedUid("1")).hasValue(1);
        assertThat(UidCommands.parsedUid("20000")).hasValue(20_000);
        assertThat(UidCommands.parsedUid("4294967295")).hasValue(UidCommands.MAX_UID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "00", "07", "-1", "+1", "4294967296", "12345678901", "99999999999999999999", "1.5",
        "1e3", "x", "(ALL)", "１"})
    void anythingElseIsNotAUid(String token) {
        assertThat(UidCommands.parsedUid(token)).isEmpty();
    }
}
