package dev.replygate.demo;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An embedded mail server for the demo: SMTP and IMAP on free loopback ports, one mailbox per
 * address, each address's password equal to the address.
 */
final class DemoMailServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private final GreenMail greenMail;

    DemoMailServer() {
        GreenMailNullSender.install();
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTP).dynamicPort(),
            new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_IMAP).dynamicPort()})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
    }

    String host() {
        return LOOPBACK;
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** Creates the mailbox of {@code address}; its IMAP login and password are the address. */
    void addMailbox(String address) {
        greenMail.setUser(address, address, address);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
