package dev.replygate.probe;

import dev.replygate.text.HeaderText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a self-test of one server found, step by step, and the failure that ended it, if any. Every
 * text is made one line: a server's words can hold anything.
 */
public final class ProbeReport {

    /**
     * One step's finding.
     *
     * @param step what was looked at ({@code connect}, {@code tls}, {@code login}, …)
     * @param ok   false for the step that failed
     * @param text what was found
     */
    public record Finding(String step, boolean ok, String text) {
    }

    /**
     * Why the test failed.
     *
     * @param kind      which failure, with its exit code and fix
     * @param diagnosis what went wrong, in one line
     */
    public record Failure(ProbeFailure kind, String diagnosis) {
    }

    private final String subject;
    private final List<Finding> findings = new ArrayList<>();
    private Failure failure;

    /** @param subject what is tested: {@code mailbox support (imap mail.example.com:993, tls)} */
    public ProbeReport(String subject) {
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }

    public void found(String step, String text) {
        findings.add(new Finding(step, true, HeaderText.forHeader(text)));
    }

    /** Records the failure that ends the test; returns this report for a caller that returns it. */
    public ProbeReport fail(String step, ProbeFailure kind, String diagnosis) {
        String line = HeaderText.forHeader(diagnosis);
        findings.add(new Finding(step, false, line));
        failure = new Failure(kind, line);
        return this;
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** 0 when every step passed, else the failure's own code. */
    public int exitCode() {
        return failure == null ? 0 : failure.kind().exitCode();
    }
}
