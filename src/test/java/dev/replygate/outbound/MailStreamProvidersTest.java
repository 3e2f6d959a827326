package dev.replygate.outbound;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MailStreamProvidersTest {

    private String before;

    @BeforeEach
    void saveProperty() {
        before = System.getProperty(MailStreamProviders.PROPERTY);
        System.clearProperty(MailStreamProviders.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (before == null) {
            System.clearProperty(MailStreamProviders.PROPERTY);
        } else {
            System.setProperty(MailStreamProviders.PROPERTY, before);
        }
    }

    /** A class named there that Jakarta Mail cannot load would fail every message it writes. */
    @Test
    void jakartaMailFindsAngusProviderByNameAndEncodesWithIt() throws Exception {
        MailStreamProviders.nameAngus();

        assertThat(System.getProperty(MailStreamProviders.PROPERTY)).isEqualTo(MailStreamProviders.ANGUS);
        StreamProvider provider = StreamProvider.provider();
        assertThat(provider.getClass().getName()).isEqualTo(MailStreamProviders.ANGUS);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (OutputStream base64 = provider.outputBase64(encoded)) {
            base64.write("سلام".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(encoded.toString(StandardCharsets.US_ASCII).strip()).isEqualTo("2LPZhNin2YU=");
    }

    @Test
    void anOperatorsOwnChoiceIsKept() {
        System.setProperty(MailStreamProviders.PROPERTY, "com.example.OtherProvider");

        MailStreamProviders.nameAngus();

        assertThat(System.getProperty(MailStreamProviders.PROPERTY)).isEqualTo("com.example.OtherProvider");
    }
}
