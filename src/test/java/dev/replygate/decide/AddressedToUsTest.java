package dev.replygate.decide;

import dev.replygate.classify.Reason;

import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AddressedToUsTest {

    private static final Set<String> MAILBOX = Set.of("support@ours.example", "help@ours.example");

    @ParameterizedTest
    @ValueSource(strings = {"support@ours.example", "Support@OURS.example", "help+t-4711.abc@ours.example",
            "\"support\"@ours.example"})
    void mailNamingTheMailboxIsForUs(String recipient) {
        ParsedMail mail = TestMail.empty().to("someone@example.net").to(recipient).build();

        assertThat(AddressedToUs.notAddressedToUs(mail, MAILBOX)).isEmpty();
    }

    @Test
    void mailNamingOnlyOthersIsNotForUs() {
        ParsedMail mail = TestMail.empty().to("list@lists.example.net").to("supporter@ours.example")
                .to("support@ours.example.net").build();

        assertThat(AddressedToUs.notAddressedToUs(mail, MAILBOX)).contains(new Reason("not-addressed-to-us",
                "recipients list@lists.example.net, supporter@ours.example, support@ours.example.net"
                        + " name none of help@ours.example, support@ours.example"));
    }

    @Test
    void mailWithoutRecipientsIsNotForUs() {
        assertThat(AddressedToUs.notAddressedToUs(TestMail.empty().build(), MAILBOX)).map(Reason::value)
                .hasValueSatisfying(value -> assertThat(value).startsWith("recipients (none)"));
    }

    @Test
    void aLongRecipientListIsShortenedInTheReason() {
        TestMail mail = TestMail.empty();
        for (int i = 0; i < 25; i++) {
            mail.to("r" + i + "@example.net");
        }

        assertThat(AddressedToUs.notAddressedToUs(mail.build(), MAILBOX)).map(Reason::value)
                .hasValueSatisfying(value -> assertThat(value).contains("r9@example.net and 15 more")
                        .doesNotContain("r10@"));
    }

    @Test
    void aMailboxWithoutAddressesHasNoMailForIt() {
        ParsedMail mail = TestMail.empty().to("support@ours.example").build();

        assertThat(AddressedToUs.notAddressedToUs(mail, Set.of())).isPresent();
    }
}
