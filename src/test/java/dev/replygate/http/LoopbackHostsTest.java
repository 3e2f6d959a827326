package dev.replygate.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackHostsTest {

    private final LoopbackHosts onLoopback = new LoopbackHosts("127.0.0.1");

    @Test
    void loopbackNamesWithAnyPortOrNoneAreThisServer() {
        for (String host : new String[]{"localhost", "LOCALHOST:9425", "127.0.0.1", "127.0.0.1:9425",
                "127.0.0.1:8080", "127.1.2.3:9425", "[::1]", "[::1]:9425", "[0:0:0:0:0:0:0:1]:9425", "localhost:"}) {
            assertThat(onLoopback.accepts(host)).as(host).isTrue();
        }
    }

    @Test
    void anyOtherNameIsRefused() {
        for (String host : new String[]{"rebind.attacker.example:9425", "rebind.attacker.example", "127.0.0.1.nip.io",
                "localhost.attacker.example", "attacker.localhost:9425", "localhost.", "0.0.0.0:9425",
                "192.0.2.10:9425", "[2001:db8::1]:9425", "::1", "[::1", "[localhost]:9425", "localhost:port",
                "localhost:9425:9425", "localhost:123456", "", " localhost", "localhost\u0000"}) {
            assertThat(onLoopback.accepts(host)).as(host).isFalse();
        }
    }

    @Test
    void theBindAddressIsThisServer() {
        assertThat(new LoopbackHosts("::1").accepts("[::1]:9425")).isTrue();
        assertThat(new LoopbackHosts("status.internal").accepts("STATUS.internal:9425")).isTrue();
        assertThat(new LoopbackHosts("status.internal").accepts("other.internal:9425")).isFalse();
    }

    @Test
    void noHostIsNoBrowserAndSoNoReboundPage() {
        assertThat(onLoopback.accepts(null)).isTrue();
    }
}
