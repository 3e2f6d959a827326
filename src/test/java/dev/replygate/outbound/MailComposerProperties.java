package dev.replygate.outbound;

import dev.replygate.signing.LoopHeader;
import dev.replygate.text.HeaderText;

import jakarta.mail.internet.MimeMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class MailComposerProperties {

    private final MailComposer composer = new MailComposer(new LoopHeader(LoopHeader.NAME, "replygate"),
            Clock.systemUTC());

    @Provide
    Arbitrary<String> anyText() {
        // any characters but lone surrogates, which no charset can carry; control characters included
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .ofMaxLength(300);
    }

    @Property(tries = 300)
    void anySubjectIsOneAsciiHeaderThatDecodesToItsCleanedText(@ForAll("anyText") String subject) throws Exception {
        byte[] raw = composer.compose(MailComposerTest.mail(subject));

        assertThat(ParsedMail.fieldsNamed(raw, "Subject")).hasSize(1);
        assertThat(ParsedMail.isSevenBit(raw)).isTrue();
        MimeMessage parsed = ParsedMail.parse(raw);
        String decoded = parsed.getSubject() == null ? "" : parsed.getSubject();
        assertThat(decoded).isEqualTo(HeaderText.forHeader(subject)).doesNotContain("\r", "\n");
    }
}
