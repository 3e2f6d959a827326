package dev.replygate.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailAddressTest {

    @Test
    void parsesBareAddressesAndDisplayNames() {
        assertThat(MailAddress.parse("support@example.com")).isEqualTo(new MailAddress("support@example.com", ""));
        assertThat(MailAddress.parse("<support@example.com>")).isEqualTo(new MailAddress("support@example.com", ""));
        assertThat(MailAddress.parse("Example Support <support@example.com>"))
                .isEqualTo(new MailAddress("support@example.com", "Example Support"));
        assertThat(MailAddress.parse("\"Support, Example\" <support@example.com>").displayName())
                .isEqualTo("Support, Example");
        assertThat(MailAddress.parse("پشتیبانی <support@example.com>").displayName()).isEqualTo("پشتیبانی");
    }

    @Test
    void rejectsAnythingButExactlyOneAddress() {
        for (String text : new String[]{"", "support", "support@", "@example.com", "a@example.com, b@example.com",
                "a b@example.com", "a@example..com", "a@-example.com", "a@[192.0.2.1]", "team: a@example.com;"}) {
            assertThatThrownBy(() -> MailAddress.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsLineBreaksAlsoWhenEncodedInTheDisplayName() {
        assertThatThrownBy(() -> MailAddress.parse("a@example.com\r\nBcc: x@example.com"))
                .hasMessage("a mail address must be on one line");
        assertThatThrownBy(() -> MailAddress.parse("=?UTF-8?Q?Support=0D=0AInjected?= <a@example.com>"))
                .hasMessageContaining("control characters");
    }
}
