package dev.replygate.mailbox;

/** Small RFC 5322 messages for the mailbox tests, each with a Message-ID of its own. */
final class TestMessages {

    private TestMessages() {
    }

    /** Message {@code n}: Message-ID {@code <n.test@customer.test>}, subject as given. */
    static String message(int n, String subject) {
        return """
                From: Customer %1$d <customer%1$d@customer.test>
                To: support@replygate.test
                Subject: %2$s
                Message-ID: %3$s
                Date: Mon, 2 Jun 2025 10:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8

                Message number %1$d.
                """.formatted(n, subject, messageId(n)).replace("\n", "\r\n");
    }

    static String messageId(int n) {
        return "<" + n + ".test@customer.test>";
    }
}
