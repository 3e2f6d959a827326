package dev.replygate.probe;

/**
 * The kinds of failure a self-test tells apart, each with its own exit code (listed in the
 * commands' {@code --help}) and the fix an admin tries first.
 */
public enum ProbeFailure {
    DNS(10, "check the host name; `getent hosts HOST` shows what this machine resolves"),
    REFUSED(11, "check host and port (IMAP 143/993, POP3 110/995, SMTP 587/465): nothing listens there,"
            + " or a firewall rejects the connection"),
    TIMEOUT(12, "a firewall drops the packets or the host is wrong; try `nc -vz HOST PORT` from this machine"),
    TLS_HANDSHAKE(13, "use `security: starttls` on a plain port, `tls` (`smtps` for SMTP) only on the server's"
            + " TLS port (IMAPS 993, POP3S 995, SMTPS 465)"),
    CERTIFICATE_UNTRUSTED(14, "give the server a certificate from a public CA (e.g. Let's Encrypt), or add its CA"
            + " to the JVM's trust store (`keytool -importcert -cacerts`)"),
    CERTIFICATE_HOST(15, "set `host` to a name the certificate lists, or give the server a certificate for this"
            + " name"),
    LOGIN_REFUSED(16, "check `username` and `password-file`; Microsoft 365 and Google refuse passwords"
            + " (they need OAuth2)"),
    TOKEN_REJECTED(17, "the OAuth2 token was refused: check the client's grant of mail access, the scopes and"
            + " the user's mailbox permission"),
    FOLDER_MISSING(18, "create the folder in a mail program, or set `folder` to one the server lists"),
    FOLDER_UNUSABLE(19, "choose disposition folders under a folder that may hold folders, or"
            + " `disposition.mode: keyword` where the server keeps keywords"),
    RECIPIENT_REFUSED(20, "the relay refused the test mail: check `sender.envelope-from` and the relay's"
            + " rules for it, and the address given to --send-to"),
    KEYWORDS_REFUSED(21, "use `disposition.mode: move`, or ask the server's admin to let this login set"
            + " keywords of its own on the folder (write access, keywords enabled and not all used up)"),
    OTHER(1, "see the server's words above");

    private final int exitCode;
    private final String fix;

    ProbeFailure(int exitCode, String fix) {
        this.exitCode = exitCode;
        this.fix = fix;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What to try first, in one line. */
    public String fix() {
        return fix;
    }
}
