package dev.replygate.parse;

import dev.replygate.text.HeaderText;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.ContentHandler;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Receives mime4j's events for one message: the top-level header goes to {@link TopHeaders},
 * leaf bodies to {@link BodyParts}; counts parts against the limit and names the part being
 * read for the problems found in it. Attached messages are leaves: mime4j does not descend.
 */
final class MessageHandler implements ContentHandler {

    private final ParseLimits limits;
    private final Problems problems;
    private final ProblemMonitor monitor;
    private final TopHeaders top;
    private final BodyParts bodies;
    private boolean topHeaderRead;
    private int openParts;
    private int partsSeen;
    private String mimeType = "text/plain";
    private String reportType;

    MessageHandler(ParseLimits limits, Problems problems, ProblemMonitor monitor) {
        this.limits = limits;
        this.problems = problems;
        this.monitor = monitor;
        this.top = new TopHeaders(limits, problems);
        this.bodies = new BodyParts(limits, problems, new TransferDecoding(monitor));
    }

    @Override
    public void field(Field field) throws MimeException {
        if (beyondPartLimit()) {
            return;
        }
        if (field instanceof ContentTypeField contentType && contentType.isMultipart()
                && contentType.getBoundary() == null) {
            problems.add(where() + ": multipart without boundary, read as text/plain");
        }
        if (!topHeaderRead) {
            top.add(field);
        }
    }

    @Override
    public void endHeader() throws MimeException {
        if (!topHeaderRead) {
            topHeaderRead = true;
            if (top.isEmpty()) {
                throw new InputRejected("no header field: not a mail");
            }
            monitor.readingNow("body");
        }
    }

    @Override
    public void startMultipart(BodyDescriptor descriptor) {
        String type = descriptor.getMimeType().toLowerCase(Locale.ROOT);
        if (openParts == 0) {
            mimeType = type;
        }
        if (type.equals("multipart/report") && reportType == null && !beyondPartLimit()
                && descriptor instanceof MaximalBodyDescriptor full) {
            String parameter = full.getContentTypeParameters().get("report-type");
            reportType = parameter == null ? null : HeaderText.received(parameter).strip().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public void body(BodyDescriptor descriptor, InputStream content) throws MimeException, IOException {
        if (openParts == 0) {
            mimeType = descriptor.getMimeType().toLowerCase(Locale.ROOT);
        }
        if (!beyondPartLimit()) {
            bodies.read(descriptor, content, where());
        }
    }

    @Override
    public void startBodyPart() throws MimeException {
        openParts++;
        partsSeen++;
        if (partsSeen == limits.maxParts() + 1) {
            problems.limitReached("more than " + limits.maxParts()
                    + " MIME parts, the rest read past (ParseLimits.maxParts)");
        }
        monitor.readingNow(where());
    }

    @Override
    public void endBodyPart() {
        openParts--;
    }

    @Override
    public void startMessage() {
        // one message: attached ones are read as leaves
    }

    @Override
    public void endMessage() {
        // nothing left to collect
    }

    @Override
    public void startHeader() {
        // fields arrive one by one
    }

    @Override
    public void preamble(InputStream content) {
        // not part of any body: mime4j reads past it
    }

    @Override
    public void epilogue(InputStream content) {
        // not part of any body: mime4j reads past it
    }

    @Override
    public void endMultipart() {
        // parts are counted as they start
    }

    @Override
    public void raw(InputStream content) {
        // the parser runs in no-recurse mode, never raw
    }

    private boolean beyondPartLimit() {
        return partsSeen > limits.maxParts();
    }

    private String where() {
        if (!topHeaderRead) {
            return "header";
        }
        return openParts == 0 ? "body" : "part " + partsSeen;
    }

    /** True once the top-level header was read whole: from then on the message is worth keeping. */
    boolean headerRead() {
        return topHeaderRead && !top.isEmpty();
    }

    ParsedMail result(long size) {
        BoundedText text = bodies.readableText();
        return new ParsedMail(top.headers(), top.messageId(), top.inReplyTo(), top.references(), top.returnPath(),
                top.from(), top.sender(), top.replyTo(), top.recipients(), top.subject(), mimeType, reportType,
                text.text(), text.truncated(), bodies.parts(), bodies.deliveryStatus(), bodies.attachedHeaders(),
                size, problems.list());
    }
}
