package dev.replygate.parse;

import dev.replygate.parse.ParsedMail.PartInfo;
import org.apache.james.mime4j.stream.BodyDescriptor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the leaf parts of a message as mime4j streams them: the first text/plain and text/html
 * bodies and the delivery-status and attached header parts are kept, bounded, and only they are
 * transfer-decoded; every other part is only read past and counted.
 */
final class BodyParts {

    private static final Set<String> DELIVERY_STATUS = Set.of("message/delivery-status",
            "message/global-delivery-status", "message/xdelivery-status", "message/x-delivery-status");
    private static final Set<String> ATTACHED_MESSAGES = Set.of("message/rfc822", "message/global",
            "message/rfc822-headers", "message/global-headers", "text/rfc822-headers");

    private final ParseLimits limits;
    private final Problems problems;
    private final TransferDecoding decoding;
    private final List<PartInfo> parts = new ArrayList<>();
    private final List<String> deliveryStatus = new ArrayList<>();
    private final List<String> attachedHeaders = new ArrayList<>();
    private BoundedText plain;
    private BoundedText html;

    BodyParts(ParseLimits limits, Problems problems, TransferDecoding decoding) {
        this.limits = limits;
        this.problems = problems;
        this.decoding = decoding;
    }

    /** Reads one leaf as mime4j hands it over: raw, still in its transfer encoding. */
    void read(BodyDescriptor descriptor, InputStream raw, String where) throws IOException, InputRejected {
        String transferEncoding = descriptor.getTransferEncoding();
        if (descriptor instanceof NestingLimit.TooDeep tooDeep) {
            problems.limitReached(where + ": multipart nested deeper than " + limits.maxDepth()
                    + " levels read as one part (ParseLimits.maxDepth)");
            String type = tooDeep.multipart().getMimeType().toLowerCase(Locale.ROOT);
            parts.add(new PartInfo(type, null, null, null, decoding.skipCounting(transferEncoding, raw)));
            return;
        }
        PartDescription part = PartDescription.of(descriptor);
        String type = part.mimeType();
        long size;
        if (DELIVERY_STATUS.contains(type)) {
            size = readReportPart(decoding.decoded(transferEncoding, raw), where, deliveryStatus, false);
        } else if (ATTACHED_MESSAGES.contains(type)) {
            size = readReportPart(decoding.decoded(transferEncoding, raw), where, attachedHeaders, true);
        } else if (type.equals("text/plain") && plain == null && !part.isAttachment()) {
            size = readPlain(decoding.decoded(transferEncoding, raw), part.charset(), where);
        } else if (type.equals("text/html") && html == null && !part.isAttachment()) {
            size = readHtml(decoding.decoded(transferEncoding, raw), part.charset(), where);
        } else {
            size = decoding.skipCounting(transferEncoding, raw);
        }
        parts.add(part.info(size));
    }

    private long readPlain(InputStream content, String charset, String where) throws IOException {
        BoundedRead.Result bytes = BoundedRead.read(content, 4 * limits.maxTextChars());
        BoundedText decoded = TextDecoding.decode(bytes, charset, limits.maxTextChars(), problems, where);
        plain = new BoundedText(ReadableText.tidy(decoded.text()), decoded.truncated());
        return bytes.total();
    }

    private long readHtml(InputStream content, String charset, String where) throws IOException {
        BoundedRead.Result bytes = BoundedRead.read(content, limits.maxHtmlBytes());
        html = TextDecoding.decode(bytes, charset, limits.maxHtmlBytes(), problems, where);
        return bytes.total();
    }

    /** Keeps the text of a delivery-status part, or the header block of an attached message. */
    private long readReportPart(InputStream content, String where, List<String> kept, boolean headerBlock)
            throws IOException, InputRejected {
        if (kept.size() >= limits.maxReportParts()) {
            problems.limitReached(where + ": more than " + limits.maxReportParts()
                    + " delivery-status or attached header parts, skipped (ParseLimits.maxReportParts)");
            return BoundedRead.skipAll(content);
        }
        BoundedRead.Result bytes = headerBlock
                ? BoundedRead.readHeaderBlock(content, limits.maxReportPartBytes())
                : BoundedRead.read(content, limits.maxReportPartBytes());
        if (!bytes.complete()) {
            problems.limitReached(where + ": cut at " + limits.maxReportPartBytes()
                    + " bytes (ParseLimits.maxReportPartBytes)");
        }
        Charset charset = TextDecoding.guess(bytes);
        kept.add(ReadableText.tidy(TextDecoding.decode(bytes, charset, bytes.length(), problems, where).text()));
        return bytes.total();
    }

    List<PartInfo> parts() {
        return List.copyOf(parts);
    }

    List<String> deliveryStatus() {
        return List.copyOf(deliveryStatus);
    }

    List<String> attachedHeaders() {
        return List.copyOf(attachedHeaders);
    }

    /** The first text/plain body, or the first text/html body as text when there is no plain text. */
    BoundedText readableText() {
        if (plain != null && (html == null || !plain.text().isBlank())) {
            return plain;
        }
        if (html != null) {
            BoundedText text = HtmlText.toText(html.text(), limits.maxTextChars());
            return new BoundedText(text.text(), text.truncated() || html.truncated());
        }
        return new BoundedText("", false);
    }
}
