package dev.replygate.demo;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.MailCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Teaches the embedded GreenMail server the null reverse-path. GreenMail 2.1 accepts {@code MAIL FROM:<>}
 * but then refuses every RCPT ("503 MAIL must come before RCPT"; GreenMail issue 28, closed with this
 * left over: https://github.com/greenmail-mail-test/greenmail/issues/28), while RFC 5321 §4.5.5 and RFC 3834
 * §4 require exactly that envelope for replygate's answers. Real MTAs accept it; this makes the demo
 * and the tests' server do the same, and record {@code Return-Path: <>} on delivery as an MTA would.
 * replygate's own SMTP client is not changed: it still sends {@code MAIL FROM:<>}.
 */
public final class GreenMailNullSender {

    private static final Pattern NULL_PATH = Pattern.compile("MAIL FROM:\\s?<>.*", Pattern.CASE_INSENSITIVE);
    private static volatile boolean installed;

    private GreenMailNullSender() {
    }

    /** Replaces GreenMail's MAIL command once per JVM (GreenMail keeps its commands in a static table). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Field commands = SmtpCommandRegistry.class.getDeclaredField("commands");
            commands.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, Object> table = (Map<String, Object>) commands.get(null);
            table.put("MAIL", new NullPathMailCommand());
            installed = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot teach GreenMail the null reverse-path: " + e, e);
        }
    }

    private static final class NullPathMailCommand extends MailCommand {
        @Override
        public void execute(SmtpConnection connection, SmtpState state, SmtpManager manager, String commandLine) {
            if (!NULL_PATH.matcher(commandLine).matches()) {
                super.execute(connection, state, manager, commandLine);
                return;
            }
            state.clearMessagePreservingAuthenticationState();
            state.getMessage().setReturnPath(new NullReversePath());
            connection.send("250 OK");
        }
    }

    /** The null reverse-path: written {@code <>} in the Return-Path header GreenMail adds on delivery. */
    private static final class NullReversePath extends MailAddress {
        NullReversePath() {
            super("mailer-daemon@null-reverse-path.invalid");
        }

        @Override
        public String getEmail() {
            return "";
        }

        @Override
        public String toString() {
            return "";
        }
    }
}
