package dev.replygate.parse;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.BodyDescriptorBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Describes bodies as mime4j's builder does, except that a multipart nested {@code maxDepth}
 * levels deep is described as one opaque part: mime4j then reads past it instead of opening
 * one more level (each level costs a buffer and a pass over every byte beneath it).
 */
final class NestingLimit implements BodyDescriptorBuilder {

    private final BodyDescriptorBuilder delegate;
    private final int depth;
    private final int maxDepth;

    NestingLimit(BodyDescriptorBuilder delegate, int maxDepth) {
        this(delegate, 0, maxDepth);
    }

    private NestingLimit(BodyDescriptorBuilder delegate, int depth, int maxDepth) {
        this.delegate = delegate;
        this.depth = depth;
        this.maxDepth = maxDepth;
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    @Override
    public Field addField(RawField field) throws MimeException {
        return delegate.addField(field);
    }

    @Override
    public BodyDescriptor build() {
        BodyDescriptor descriptor = delegate.build();
        if (depth >= maxDepth && MimeUtil.isMultipart(descriptor.getMimeType())) {
            return new TooDeep(descriptor);
        }
        return descriptor;
    }

    @Override
    public BodyDescriptorBuilder newChild() {
        return new NestingLimit(delegate.newChild(), depth + 1, maxDepth);
    }

    /** A multipart read as one opaque part. */
    record TooDeep(BodyDescriptor multipart) implements BodyDescriptor {

        @Override
        public String getBoundary() {
            return null;
        }

        @Override
        public String getMimeType() {
            return "application/octet-stream";
        }

        @Override
        public String getMediaType() {
            return "application";
        }

        @Override
        public String getSubType() {
            return "octet-stream";
        }

        @Override
        public String getCharset() {
            return null;
        }

        @Override
        public String getTransferEncoding() {
            return multipart.getTransferEncoding();
        }

        @Override
        public long getContentLength() {
            return -1;
        }
    }
}
