package dev.replygate.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostnamesTest {

    @Test
    void acceptsLettersDigitsAndInnerHyphensInLabels() {
        for (String host : new String[]{"localhost", "support.example.com", "mx-1.example.com", "1.example", "a",
                "xn--mgbh0fb.example", "a".repeat(63) + ".example"}) {
            assertThat(Hostnames.isHostname(host)).as(host).isTrue();
        }
    }

    @Test
    void rejectsBadLabels() {
        for (String host : new String[]{"", ".", "example.", ".example", "a..b", "-a.example", "a-.example",
                "under_score.example", "sp ace.example", "a".repeat(64) + ".example", "ü.example",
                ("a".repeat(60) + ".").repeat(5)}) {
            assertThat(Hostnames.isHostname(host)).as(host).isFalse();
        }
    }

    @Test
    void knowsIpLiteralsAndLoopback() {
        assertThat(Hostnames.isIpLiteral("192.0.2.10")).isTrue();
        assertThat(Hostnames.isIpLiteral("2001:db8::1")).isTrue();
        assertThat(Hostnames.isIpLiteral("256.0.0.1")).isFalse();
        assertThat(Hostnames.isIpLiteral("2001:db8:::1")).isFalse();
        assertThat(Hostnames.isLoopback("localhost")).isTrue();
        assertThat(Hostnames.isLoopback("127.0.0.2")).isTrue();
        assertThat(Hostnames.isLoopback("::1")).isTrue();
        assertThat(Hostnames.isLoopback("192.0.2.10")).isFalse();
        assertThat(Hostnames.isLoopback("relay.example.org")).isFalse();
    }
}
