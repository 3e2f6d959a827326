package dev.replygate.parse;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.io.MaxHeaderLimitException;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Turns a raw message into a {@link ParsedMail}, streaming it through mime4j: bodies are read
 * part by part and only bounded text is kept, so memory stays bounded whatever the size of the
 * message (see {@link ParseLimits}). Bad input is data: what is wrong is recorded in
 * {@link ParsedMail#problems()}; only input that yields nothing sensible is refused with an
 * {@link UnparseableMailException}. Immutable and safe to share between threads.
 */
public final class MailParser {

    private final ParseLimits limits;
    private final MimeConfig config;

    public MailParser() {
        this(ParseLimits.DEFAULT);
    }

    public MailParser(ParseLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.config = MimeConfig.custom()
                .setMaxHeaderCount(limits.maxHeaderFields())
                .setMaxHeaderLen(limits.maxHeaderFieldBytes())
                .setMaxLineLen(limits.maxHeaderFieldBytes())
                .setMaxContentLen(-1)
                .setStrictParsing(false)
                .setMalformedHeaderStartsBody(false)
                .build();
    }

    /**
     * Reads {@code raw} to its end (it is not closed).
     *
     * @throws UnparseableMailException when the input is no mail or breaks a fatal limit; quarantine it
     * @throws IOException              when reading {@code raw} itself fails; the message is not at fault
     */
    public ParsedMail parse(InputStream raw) throws IOException, UnparseableMailException {
        RawInput input = new RawInput(Objects.requireNonNull(raw, "raw"));
        Problems problems = new Problems(limits.maxProblems(), limits.strict());
        ProblemMonitor monitor = new ProblemMonitor(problems);
        MessageHandler handler = new MessageHandler(limits, problems, monitor);
        try {
            parser(handler, monitor, problems).parse(new LongLineBreaker(LineEnds.normalised(input, problems)));
        } catch (InputRejected e) {
            if (input.failure() != null) {
                throw input.failure();
            }
            throw new UnparseableMailException(input.count() == 0 ? "empty input: no bytes" : e.getMessage(), e);
        } catch (MimeException | IOException | RuntimeException e) {
            if (input.failure() != null) {
                throw input.failure();
            }
            if (!handler.headerRead() || limits.strict()) {
                throw new UnparseableMailException(describe(e), e);
            }
            problems.add("body not read to the end: " + describe(e));
        }
        input.drain();
        return handler.result(input.count());
    }

    private MimeStreamParser parser(MessageHandler handler, ProblemMonitor monitor, Problems problems) {
        DefaultBodyDescriptorBuilder descriptors =
                new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), monitor);
        MimeStreamParser parser = new MimeStreamParser(new MimeTokenStream(config, monitor,
                new NoEmptyFieldBuilder(limits.maxHeaderFieldBytes(), problems), new NestingLimit(descriptors, limits.maxDepth())));
        // bodies come raw: BodyParts decodes only what it reads (TransferDecoding)
        parser.setContentDecoding(false);
        parser.setNoRecurse();
        parser.setContentHandler(handler);
        return parser;
    }

    private String describe(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MaxHeaderLimitException) {
                return "more than " + limits.maxHeaderFields()
                        + " header fields in one header (ParseLimits.maxHeaderFields)";
            }
            if (cause instanceof MaxLineLimitException || cause instanceof MaxHeaderLengthLimitException) {
                return "a header field longer than " + limits.maxHeaderFieldBytes()
                        + " bytes (ParseLimits.maxHeaderFieldBytes)";
            }
        }
        if (e instanceof RuntimeException) {
            // mime4j failing on odd input must not stop the pipeline; the cause tells what to fix
            return "parser failure on this input: " + e;
        }
        return "unreadable MIME structure: " + e.getMessage();
    }
}
