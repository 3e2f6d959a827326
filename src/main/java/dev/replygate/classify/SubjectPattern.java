package dev.replygate.classify;

import dev.replygate.signing.TicketIds;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An admin's pattern that finds a ticket id in a subject, such as WHMCS's
 * {@code \[Ticket ID: (?<ticket>\d+)\]}. The expression must have a named group {@code ticket}; it
 * is searched in the subject, case-insensitively. A match is not signed: anyone can write a subject,
 * so what the group captures counts only when it is a valid ticket id ({@link TicketIds#isValid}):
 * a pattern as loose as {@code \d+} must not carry a 65-digit or {@code ../x} "ticket" any further.
 */
public final class SubjectPattern {

    static final String TICKET_GROUP = "ticket";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final String name;
    private final Pattern pattern;

    private SubjectPattern(String name, Pattern pattern) {
        this.name = name;
        this.pattern = pattern;
    }

    /**
     * @param name  a short name for reasons and reports ({@code whmcs}); letters, digits, {@code _.-}
     * @param regex the expression, with a named group {@code ticket}
     * @throws IllegalArgumentException naming the pattern when the name is unusable, the expression
     *                                  does not compile, or it has no group {@code ticket}
     */
    public static SubjectPattern of(String name, String regex) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("subject pattern name must be 1-64 letters, digits, '_', '.' or '-': "
                    + name);
        }
        Objects.requireNonNull(regex, "regex of subject pattern " + name);
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("subject pattern '" + name + "' is not a valid regular expression: "
                    + e.getDescription() + " in '" + regex + "' at index " + e.getIndex(), e);
        }
        if (!declaresTicketGroup(regex)) {
            throw new IllegalArgumentException("subject pattern '" + name + "' needs a named group (?<" + TICKET_GROUP
                    + ">…) around the ticket id: '" + regex + "'");
        }
        return new SubjectPattern(name, pattern);
    }

    // Java 17 cannot list a pattern's named groups; a back-reference to a missing group fails to compile.
    private static boolean declaresTicketGroup(String regex) {
        try {
            Pattern.compile("(?:" + regex + ")\\k<" + TICKET_GROUP + ">");
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    public String regex() {
        return pattern.pattern();
    }

    /** The first valid ticket id this pattern captures in {@code subject}; empty when there is none. */
    Optional<String> ticketIn(String subject) {
        Matcher matcher = pattern.matcher(subject);
        while (matcher.find()) {
            String ticket = matcher.group(TICKET_GROUP);
            if (ticket != null && TicketIds.isValid(ticket.strip())) {
                return Optional.of(ticket.strip());
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectPattern other && name.equals(other.name) && regex().equals(other.regex());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, regex());
    }

    @Override
    public String toString() {
        return name + " /" + regex() + "/";
    }
}
