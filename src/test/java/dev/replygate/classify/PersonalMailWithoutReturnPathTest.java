package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal mail made by a real mail program (s-nail; see {@code src/test/resources/personal-mail/README.md})
 * has no Return-Path until a server writes one: it is a reply or a new request, with the missing
 * Return-Path noted as a weak signal only.
 */
class PersonalMailWithoutReturnPathTest {

    static final String PLACEHOLDER = "notification-message-id@replygate.placeholder";

    private final Classifier classifier = new Classifier(new FakeSignatures().signedMessageId(PLACEHOLDER, "482914"));
    private final ClassifyContext ctx = ClassifyContext.builder().ourDomain("hosting.test")
            .ourAddress("support@hosting.test").build();

    @ParameterizedTest
    @ValueSource(strings = {"reply-en-utf8.eml", "reply-fa-windows-1256.eml", "new-fa-utf8.eml", "new-en-utf8.eml"})
    void isAReplyOrANewRequest(String file) throws IOException {
        ParsedMail mail;
        try (InputStream raw = getClass().getResourceAsStream("/personal-mail/" + file)) {
            assertThat(raw).as(file).isNotNull();
            mail = new RealParser().apply(raw);
        }

        Verdict verdict = classifier.classify(mail, ctx);

        assertThat(mail.hasHeader("Return-Path")).isFalse();
        assertThat(verdict.mailClass()).as("%s: %s", file, verdict.reasons())
                .isEqualTo(file.startsWith("reply") ? MailClass.REPLY : MailClass.NEW);
        assertThat(verdict.weakSignals()).extracting(Reason::rule).contains("return-path-missing");
        if (file.startsWith("reply")) {
            assertThat(verdict.signed()).isTrue();
            assertThat(verdict.ticketId()).isEqualTo("482914");
        }
        if (file.contains("-fa-")) {
            assertThat(mail.text()).contains("سلام");
        }
    }
}
