package dev.replygate.testsupport;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.replygate.demo.GreenMailNullSender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * GreenMail as the daemon's tests use it, one server per test: on free loopback ports, taking answers'
 * {@code MAIL FROM:<>} as a real MTA does ({@link GreenMailNullSender}). Register it on a field,
 * {@code @RegisterExtension final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImap();}: it starts
 * before the test's own {@code @BeforeEach} methods (which may use its ports) and stops after its
 * {@code @AfterEach} methods (which stop what used it).
 */
public final class LoopbackGreenMail extends GreenMail implements BeforeEachCallback, AfterEachCallback {

    private LoopbackGreenMail(ServerSetup... setups) {
        super(setups);
    }

    /** SMTP and IMAP, any login accepted. */
    public static LoopbackGreenMail smtpAndImap() {
        LoopbackGreenMail greenMail = smtpAndImapCheckingLogins();
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        return greenMail;
    }

    /** SMTP and IMAP, logging in only the users the test sets, with their passwords. */
    public static LoopbackGreenMail smtpAndImapCheckingLogins() {
        return new LoopbackGreenMail(loopback(ServerSetup.PROTOCOL_SMTP), loopback(ServerSetup.PROTOCOL_IMAP));
    }

    /** SMTP alone: the relay notifications and answers go to. */
    public static LoopbackGreenMail smtp() {
        return new LoopbackGreenMail(loopback(ServerSetup.PROTOCOL_SMTP));
    }

    private static ServerSetup loopback(String protocol) {
        return new ServerSetup(0, "127.0.0.1", protocol).dynamicPort();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        GreenMailNullSender.install();
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }
}
