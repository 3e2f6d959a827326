package dev.replygate.classify;

import dev.replygate.parse.MailParser;
import dev.replygate.parse.ParsedMail;
import dev.replygate.parse.UnparseableMailException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** The production parser as the corpus tests call it: an unparseable message throws unchecked. */
final class RealParser implements Function<InputStream, ParsedMail> {

    private final MailParser parser = new MailParser();

    @Override
    public ParsedMail apply(InputStream raw) {
        try {
            return parser.parse(raw);
        } catch (UnparseableMailException e) {
            throw new IllegalArgumentException("unparseable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
