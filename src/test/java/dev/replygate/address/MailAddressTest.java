package dev.replygate.address;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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

    @Test
    void aPlainAddressIsCheckedAsAnyOtherAndWrittenAsItIs() {
        for (String text : new String[]{"x@[127.0.0.1]", "x@-bad.example", "a".repeat(310) + "@example.net"}) {
            String reason = catchThrowable(() -> MailAddress.parse(text)).getMessage();
            assertThat(MailAddress.problemOfPlain(text)).as(text).hasValue(reason);
        }
        assertThat(MailAddress.problemOfPlain("<a@example.com>")).hasValue("`<a@example.com>` is not a plain addr-spec");
        assertThat(MailAddress.problemOfPlain(" a@example.com")).isPresent();
        assertThat(MailAddress.problemOfPlain("A <a@example.com>")).isPresent();
        assertThat(MailAddress.problemOfPlain("a@example.com\r\nBcc: b@example.com"))
                .hasValue("control characters in the address");
        assertThat(MailAddress.plain("Sara+t1@Example.com")).isEqualTo(new MailAddress("Sara+t1@Example.com", ""));
    }

    @Test
    void anAddressLongerThan320CharactersIsRefusedWithOrWithoutAName() {
        String tooLong = "a".repeat(64) + "@" + String.join(".", "b".repeat(63), "c".repeat(63), "d".repeat(63),
                "e".repeat(63)) + ".test";

        assertThatThrownBy(() -> MailAddress.parse("Name <" + tooLong + ">")).hasMessage(
                "an address longer than 320 characters");
        assertThat(MailAddress.problemOfPlain(tooLong)).hasValue("an address longer than 320 characters");
    }

    @Test
    void theTagRuleIsOneForRobotsAndRateLimits() {
        assertThat(MailAddress.withoutTag("postmaster+bounce")).isEqualTo("postmaster");
        assertThat(MailAddress.withoutTag("owner-list")).isEqualTo("owner-list");
        assertThat(MailAddress.withoutTag("+postmaster")).isEqualTo("+postmaster");
        assertThat(MailAddress.untaggedKey("<Victim+1@X.test>")).isEqualTo("victim@x.test");
        assertThat(MailAddress.untaggedKey("\"victim+2\"@x.test")).isEqualTo("victim@x.test");
        assertThat(MailAddress.untaggedKey("V.ictim+3@googlemail.com")).isEqualTo("victim@gmail.com");
        assertThat(MailAddress.untaggedKey("+1@x.test")).isEqualTo("+1@x.test");
        assertThat(MailAddress.untaggedKey("nobody")).isEmpty();
    }

    @Test
    void sameAddressComparesLocalPartsInAnyCaseAndDomainsAsWritten() {
        assertThat(MailAddress.sameAddress("<Sara@Example.COM>", "sara@example.com.")).isTrue();
        assertThat(MailAddress.sameAddress("sara@bücher.example", "SARA@xn--bcher-kva.example")).isTrue();
        assertThat(MailAddress.sameAddress("sara+x@example.com", "sara@example.com")).isFalse();
        assertThat(MailAddress.sameAddress("example.com", "example.com")).isFalse();
    }
}
