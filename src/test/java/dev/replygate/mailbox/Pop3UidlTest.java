package dev.replygate.mailbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Pop3UidlTest {

    @Test
    void aUidlTheStoreHoldsIsItsOwnKeyUpTo70Characters() {
        assertThat(Pop3Uidl.key("uidl-1")).isEqualTo("uidl-1");
        assertThat(Pop3Uidl.key("x".repeat(70))).isEqualTo("x".repeat(70));
        assertThat(Pop3Uidl.key("a b\u00e9")).as("held as it is before").isEqualTo("a b\u00e9");
    }

    @Test
    void a71CharacterUidlOrOneWithNulIsKeyedByItsDigestAlwaysTheSame() {
        String key = Pop3Uidl.key("x".repeat(71));

        assertThat(key).startsWith(Pop3Uidl.DIGEST_MARKER).hasSize(51).isEqualTo(Pop3Uidl.key("x".repeat(71)))
                .isNotEqualTo(Pop3Uidl.key("x".repeat(70) + "y"));
        assertThat(Pop3Uidl.key("a\0b")).startsWith(Pop3Uidl.DIGEST_MARKER).isNotEqualTo(Pop3Uidl.key("a\0c"));
        assertThat(Pop3Uidl.key("y".repeat(100_000))).hasSize(51);
    }

    @Test
    void noListedUidlCanBeADigestKey() {
        // Angus Mail reads a listing one byte per character: at most U+00FF
        assertThat(Pop3Uidl.DIGEST_MARKER.charAt(0)).isGreaterThan('\u00ff');
        assertThat(Pop3Uidl.storable(Pop3Uidl.key("x".repeat(71)))).as("it fits pop3_seen").isTrue();
    }

    @Test
    void conformingIsRfc1939sForm() {
        assertThat(Pop3Uidl.conforming("!~09azAZ")).isTrue();
        assertThat(Pop3Uidl.conforming("x".repeat(70))).isTrue();
        assertThat(Pop3Uidl.conforming("x".repeat(71))).isFalse();
        assertThat(Pop3Uidl.conforming("a b")).isFalse();
        assertThat(Pop3Uidl.conforming("\u00e9")).isFalse();
        assertThat(Pop3Uidl.conforming("")).isFalse();
        assertThat(Pop3Uidl.oddity("a b\u00e9\t")).isEqualTo("5 characters, spaces, control characters, 8-bit bytes");
    }
}
