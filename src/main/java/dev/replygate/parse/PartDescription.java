package dev.replygate.parse;

import dev.replygate.text.HeaderText;

import dev.replygate.parse.ParsedMail.PartInfo;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.util.MimeParameterMapping;

import java.util.Locale;
import java.util.Map;

/** What a part's header says of it: type, declared charset, disposition and decoded file name. */
record PartDescription(String mimeType, String charset, String disposition, String filename) {

    static PartDescription of(BodyDescriptor descriptor) {
        String mimeType = descriptor.getMimeType().toLowerCase(Locale.ROOT);
        if (!(descriptor instanceof MaximalBodyDescriptor full)) {
            return new PartDescription(mimeType, null, null, null);
        }
        Map<String, String> parameters = full.getContentTypeParameters();
        return new PartDescription(mimeType, blankToNull(parameters.get("charset")),
                disposition(full.getContentDispositionType()), filename(full, parameters));
    }

    boolean isAttachment() {
        return "attachment".equals(disposition);
    }

    PartInfo info(long size) {
        return new PartInfo(mimeType, charset, disposition, filename, size);
    }

    /** RFC 2183 2.8: an unrecognised disposition is treated as attachment. */
    private static String disposition(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        return type.strip().equalsIgnoreCase("inline") ? "inline" : "attachment";
    }

    /** The Content-Disposition file name, else the Content-Type name, both RFC 2231 and 2047 decoded by mime4j. */
    private static String filename(MaximalBodyDescriptor descriptor, Map<String, String> contentTypeParameters) {
        String filename = blankToNull(descriptor.getContentDispositionFilename());
        if (filename == null) {
            MimeParameterMapping mapping = new MimeParameterMapping();
            contentTypeParameters.forEach(mapping::addParameter);
            filename = blankToNull(mapping.get("name"));
        }
        return filename;
    }

    private static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String cleaned = HeaderText.received(value).strip();
        return cleaned.isEmpty() ? null : cleaned;
    }
}
