package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static dev.replygate.classify.ParsedMailBuilder.human;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 9: a robot's address with a {@code +tag} (RFC 5233 subaddress) is still the
 * robot: {@code postmaster+x@} must not be answered like a person.
 */
class PlusTaggedRobotSenderTest {

    private static final ClassifyContext CTX = ClassifyContext.builder().ourDomain("replygate.example")
            .ourAddress("support@host.example").loopToken("rg-prod").build();

    @ParameterizedTest
    @CsvSource({
            "postmaster+x@mx.example, mail-system-sender",
            "MAILER-DAEMON+bounce@mx.example, mail-system-sender",
            "mailer_daemon+a+b@mx.example, mail-system-sender",
            "noreply+123@shop.example, no-reply-sender",
            "LISTSERV+x@lists.example, list-manager-sender",
            "owner-users+bounces@lists.example, list-manager-sender",
            "users-request+x@lists.example, list-manager-sender",
            "root+cron@server.example, robot-sender"})
    void aTaggedRobotIsARobot(String address, String rule) {
        ParsedMail mail = human().from(address).build();

        assertThat(firedRule(mail)).as(address).contains(rule);
        assertThat(new Classifier(TicketSignatures.NONE).classify(mail, CTX).mailClass().human()).as(address).isFalse();
    }

    @Test
    void aTaggedRobotBehindSrsIsARobot() {
        ParsedMail mail = human().returnPath("SRS0=HhJ9=T4=mx.example=postmaster+x@forwarder.example").build();

        assertThat(firedRule(mail)).contains("mail-system-sender");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmasters+x@shop.example", "sara+postmaster@shop.example", "+postmaster@shop.example",
            "rooter+x@shop.example", "mailer-daemon-fan+x@shop.example"})
    void aPersonWithATagIsNot(String address) {
        ParsedMail mail = human().from(address).returnPath(address).build();

        assertThat(firedRule(mail)).as(address).isEmpty();
    }

    private static Optional<String> firedRule(ParsedMail mail) {
        return RobotSenderRule.ALL.stream().filter(rule -> rule.test(mail, CTX).isPresent())
                .map(RobotSenderRule::name).findFirst();
    }
}
