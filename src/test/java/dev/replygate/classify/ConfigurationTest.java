package dev.replygate.classify;

import dev.replygate.signing.BodyMarker;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Admin-supplied patterns and the context are validated when made, with messages that name the culprit. */
class ConfigurationTest {

    @Test
    void aSubjectPatternFindsItsTicket() {
        SubjectPattern whmcs = SubjectPattern.of("whmcs", "\\[Ticket ID: (?<ticket>\\d+)\\]");
        assertThat(whmcs.ticketIn("Re: [ticket id: 4711] disk full")).contains("4711");
        assertThat(whmcs.ticketIn("Re: disk full")).isEmpty();
    }

    @Test
    void aSubjectPatternThatDoesNotCompileIsRefusedByName() {
        assertThatThrownBy(() -> SubjectPattern.of("whmcs", "\\[Ticket ID: (?<ticket>\\d+\\]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject pattern 'whmcs' is not a valid regular expression");
    }

    @Test
    void aSubjectPatternWithoutTheTicketGroupIsRefused() {
        assertThatThrownBy(() -> SubjectPattern.of("osticket", "\\[#(\\d+)\\]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject pattern 'osticket' needs a named group (?<ticket>");
        assertThatThrownBy(() -> SubjectPattern.of("escaped", "\\(\\?<ticket>\\d+"))
                .hasMessageContaining("needs a named group");
        assertThatThrownBy(() -> SubjectPattern.of("bad name!", "(?<ticket>\\d+)")).hasMessageContaining("name");
    }

    @Test
    void aSpamVerdictPatternIsValidated() {
        assertThatThrownBy(() -> HeaderPattern.of("X-Spam-Flag", "yes("))
                .hasMessageContaining("invalid regular expression for header X-Spam-Flag");
        assertThatThrownBy(() -> HeaderPattern.of("X Spam", "yes")).hasMessageContaining("not a header field name");
    }

    @Test
    void theContextKeepsAddressesAndDomainsInLowerCase() {
        ClassifyContext ctx = ClassifyContext.builder().ourDomain("RepLygate.Example").ourAddress(" Support@Host.Example ")
                .loopToken("  ").build();
        assertThat(ctx.ourDomains()).isEqualTo(Set.of("replygate.example"));
        assertThat(ctx.isOurAddress("SUPPORT@host.example")).isTrue();
        assertThat(ctx.loopToken()).isNull();
        assertThatThrownBy(() -> ClassifyContext.builder().ourAddress(" ").build()).hasMessageContaining("ourAddresses");
    }

    @Test
    void srsAddressesAreUndone() {
        assertThat(SrsAddresses.decode("SRS0=HHH=TT=example.com=alice@forwarder.example")).isEqualTo("alice@example.com");
        assertThat(SrsAddresses.decode("srs0+HHH=TT=Example.COM=a=b@forwarder.example")).isEqualTo("a=b@example.com");
        assertThat(SrsAddresses.decode("SRS1=HHH=first.example==HHH=TT=example.com=alice@second.example"))
                .isEqualTo("alice@example.com");
        assertThat(SrsAddresses.decode("alice@example.com")).isEqualTo("alice@example.com");
        assertThat(SrsAddresses.decode("SRS0=broken@forwarder.example")).isEqualTo("SRS0=broken@forwarder.example");
    }

    @Test
    void theBodyMarkerRoundTrips() {
        String marker = BodyMarker.of("rg.t1.x@replygate.example");
        assertThat(marker).isEqualTo("[rg-ref:rg.t1.x@replygate.example]");
        assertThat(BodyMarker.messageIdsIn("> " + marker + "\n> [rg-ref: <rg.t2.y@replygate.example>]"))
                .containsExactly("rg.t1.x@replygate.example", "rg.t2.y@replygate.example");
        assertThatThrownBy(() -> BodyMarker.of("no id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classLabelsAndPrecedence() {
        assertThat(MailClass.AUTO_REPLY.label()).isEqualTo("auto-reply");
        assertThat(MailClass.PRECEDENCE).extracting(MailClass::label)
                .containsExactly("loop", "bounce", "report", "spam", "auto-reply", "list", "bulk");
        assertThat(MailClass.values()).filteredOn(MailClass::human).containsExactly(MailClass.REPLY, MailClass.NEW);
    }
}
