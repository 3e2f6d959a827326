package dev.replygate.parse;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.FieldBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.RecycledByteArrayBuffer;

/**
 * mime4j's field builder, except that a header block with no field at all (a part that starts
 * with its empty line, as many bounces write) yields no field: mime4j's own builder tries to
 * build one from nothing and reports an invalid header for every such part.
 */
final class NoEmptyFieldBuilder implements FieldBuilder {

    private final DefaultFieldBuilder delegate;

    NoEmptyFieldBuilder(int maxFieldBytes) {
        this.delegate = new DefaultFieldBuilder(maxFieldBytes);
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    @Override
    public void append(ByteArrayBuffer line) throws MimeException {
        delegate.append(line);
    }

    @Override
    public RawField build() throws MimeException {
        return delegate.getRaw().length() == 0 ? null : delegate.build();
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
