package dev.replygate.signing;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static dev.replygate.signing.TestKeys.K1;
import static dev.replygate.signing.TestKeys.K2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SignedMessageIdsTest {

    private final SignedMessageIds ids = new SignedMessageIds(TestKeys.k1Only(), "Support.Example.com");

    @Test
    void createsAnIdOnOurDomainThatNamesTicketAndKey() {
        String id = ids.create("ABC-123");

        assertThat(id).matches("rg\\._a_b_c-123\\.[0-9a-f]{24}\\.k1\\.[0-9a-f]{32}@support\\.example\\.com");
        assertThat(ids.verify(id)).contains(new VerifiedTicket("ABC-123", "k1"));
    }

    @Test
    void everyIdIsNew() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(ids.create("7"))).isTrue();
        }
    }

    @Test
    void verifiesWithAngleBracketsWhitespaceAndFoldedCase() {
        String id = ids.create("Ab_9");

        assertThat(ids.verify(" <" + id + ">\r\n")).map(VerifiedTicket::ticketId).contains("Ab_9");
        assertThat(ids.verify(id.toUpperCase(Locale.ROOT))).map(VerifiedTicket::ticketId).contains("Ab_9");
    }

    @Test
    void rejectsAnotherDomainEvenWithTheSameKeys() {
        SignedMessageIds elsewhere = new SignedMessageIds(TestKeys.k1Only(), "other.example.com");
        String id = elsewhere.create("123");

        assertThat(ids.verify(id)).isEmpty();
        assertThat(ids.verify(id.replace("@other.example.com", "@support.example.com"))).isEmpty();
    }

    @Test
    void rejectsAnotherTicketUnderTheSameSignature() {
        String id = ids.create("1234");

        assertThat(ids.verify(id.replace("rg.1234.", "rg.1235."))).isEmpty();
    }

    @Test
    void rejectsUnknownKeysAndForeignIds() {
        SignedMessageIds otherKey = new SignedMessageIds(TestKeys.signingWith(K2, K2), "support.example.com");

        assertThat(ids.verify(otherKey.create("1"))).isEmpty();
        assertThat(ids.verify("CAF=xyz@mail.gmail.com")).isEmpty();
        assertThat(ids.verify("rg.1.x.k1.y@support.example.com")).isEmpty();
        assertThat(ids.verify("")).isEmpty();
        assertThat(ids.verify(null)).isEmpty();
    }

    @Test
    void rotationSignsWithTheNewKeyAndStillVerifiesTheOld() {
        SignedMessageIds before = new SignedMessageIds(TestKeys.signingWith(K1, K1), "support.example.com");
        SignedMessageIds after = new SignedMessageIds(TestKeys.signingWith(K2, K1, K2), "support.example.com");
        String old = before.create("42");
        String fresh = after.create("42");

        assertThat(fresh).contains(".k2.");
        assertThat(after.verify(old)).contains(new VerifiedTicket("42", "k1"));
        assertThat(after.verify(fresh)).contains(new VerifiedTicket("42", "k2"));
        assertThat(before.verify(fresh)).isEmpty();
    }

    @Test
    void knowsItsOwnDomain() {
        assertThat(ids.isOnOurDomain("<anything@SUPPORT.example.com>")).isTrue();
        assertThat(ids.isOnOurDomain("anything@example.com")).isFalse();
        assertThat(ids.isOnOurDomain(null)).isFalse();
    }

    @Test
    void refusesAnInvalidDomainOrTicket() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SignedMessageIds(TestKeys.k1Only(), "a b"));
        assertThatIllegalArgumentException().isThrownBy(() -> ids.create("a.b"));
    }
}
