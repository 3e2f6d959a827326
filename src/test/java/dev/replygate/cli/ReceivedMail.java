package dev.replygate.cli;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.List;

/** What a test's GreenMail received, as the tests compare it. */
final class ReceivedMail {

    private ReceivedMail() {
    }

    /** The Message-ID of every message received, in order, with angle brackets; copies counted. */
    static List<String> messageIds(GreenMail greenMail) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            ids.add(message.getMessageID());
        }
        return ids;
    }
}
