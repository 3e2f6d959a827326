package dev.replygate.parse;

import dev.replygate.text.HeaderText;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.FieldBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.ContentUtil;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.RecycledByteArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * mime4j's field builder, except that a header block with no field at all (a part that starts
 * with its empty line, as many bounces write) yields no field: mime4j's own builder tries to
 * build one from nothing and reports an invalid header for every such part. And every field's
 * encoded words name their charset as Java does ({@link EncodedWordLabels}), so that nothing
 * mime4j decodes (address names, parameters, file names) costs a slow charset search.
 */
final class NoEmptyFieldBuilder implements FieldBuilder {

    private final DefaultFieldBuilder delegate;
    private final Problems problems;

    NoEmptyFieldBuilder(int maxFieldBytes, Problems problems) {
        this.delegate = new DefaultFieldBuilder(maxFieldBytes);
        this.problems = problems;
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    @Override
    public void append(ByteArrayBuffer line) throws MimeException {
        delegate.append(line);
    }

    /** Most fields have no {@code =?}: they are returned as built, without being read as text. */
    private static boolean mayHoldEncodedWord(ByteSequence raw) {
        for (int i = 0; i + 1 < raw.length(); i++) {
            if (raw.byteAt(i) == '=' && raw.byteAt(i + 1) == '?') {
                return true;
            }
        }
        return false;
    }

    @Override
    public RawField build() throws MimeException {
        if (delegate.getRaw().length() == 0) {
            return null;
        }
        RawField field = delegate.build();
        ByteSequence raw = field.getRaw();
        if (!mayHoldEncodedWord(raw)) {
            return field;
        }
        String text = ContentUtil.decode(StandardCharsets.ISO_8859_1, raw);
        List<String> unknown = new ArrayList<>();
        String renamed = EncodedWordLabels.renamed(text, unknown::add);
        if (!unknown.isEmpty()) {
            // one problem a field: a flood of made-up names must not crowd out the others
            problems.add(HeaderText.received(field.getName()) + ": unknown charset \"" + unknown.get(0)
                    + "\" in an encoded word, read as UTF-8"
                    + (unknown.size() > 1 ? " (and " + (unknown.size() - 1) + " more)" : ""));
        }
        if (renamed.equals(text)) {
            return field;
        }
        byte[] bytes = renamed.getBytes(StandardCharsets.ISO_8859_1);
        return RawFieldParser.DEFAULT.parseField(new ByteArrayBuffer(bytes, bytes.length, false));
    }

    @Override
    public RecycledByteArrayBuffer getRaw() {
        return delegate.getRaw();
    }

    @Override
    public void release() {
        delegate.release();
    }
}
