package dev.replygate.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    private static final List<String> SMTP_KEYS = List.of("host", "port", "security", "username", "password",
            "password-file", "connect-timeout", "timeout", "helo-name");

    @Test
    void suggestsTheClosestKeyForTyposSwapsAndSpellings() {
        assertThat(Suggestions.closest("prot", SMTP_KEYS)).contains("port");
        assertThat(Suggestions.closest("hots", SMTP_KEYS)).contains("host");
        assertThat(Suggestions.closest("Port", SMTP_KEYS)).contains("port");
        assertThat(Suggestions.closest("connect_timeout", SMTP_KEYS)).contains("connect-timeout");
        assertThat(Suggestions.closest("passwordfile", SMTP_KEYS)).contains("password-file");
        assertThat(Suggestions.closest("usernme", SMTP_KEYS)).contains("username");
    }

    @Test
    void suggestsNothingWhenNoKeyIsClose() {
        assertThat(Suggestions.closest("tls", SMTP_KEYS)).isEmpty();
        assertThat(Suggestions.closest("relay", SMTP_KEYS)).isEmpty();
        assertThat(Suggestions.closest("x", List.of())).isEmpty();
    }

    @Test
    void countsAnAdjacentSwapAsOneEdit() {
        assertThat(Suggestions.distance("smpt", "smtp")).isEqualTo(1);
        assertThat(Suggestions.distance("port", "port")).isZero();
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
