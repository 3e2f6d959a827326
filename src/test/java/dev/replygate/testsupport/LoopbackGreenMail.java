package dev.replygate.testsupport;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** GreenMail as the daemon's tests use it: SMTP and IMAP on free loopback ports, any login accepted. */
public final class LoopbackGreenMail {

    private LoopbackGreenMail() {
    }

    /** Started; the caller stops it. */
    public static GreenMail smtpAndImap() {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return greenMail;
    }
}
