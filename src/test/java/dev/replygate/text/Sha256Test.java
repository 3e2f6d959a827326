package dev.replygate.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {

    @Test
    void theDigestOfATextsUtf8BytesIsTheStandardOne() {
        // FIPS 180-2's example "abc", and a Persian word whose UTF-8 bytes differ from any single-byte charset's
        assertThat(HexFormat.of().formatHex(Sha256.of("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.of("پشتیبانی"))
                .isEqualTo(Sha256.digest().digest("پشتیبانی".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachDigestIsNew() {
        assertThat(Sha256.digest()).isNotSameAs(Sha256.digest());
    }
}
