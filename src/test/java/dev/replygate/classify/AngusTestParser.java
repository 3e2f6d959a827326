package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST-ONLY SCAFFOLDING, to be replaced by {@code dev.replygate.parse.MailParser} when the parse
 * branch is merged: fills a {@link ParsedMail} from raw bytes with Angus Mail, well enough for the
 * classifier's corpus tests (headers, addresses, Message-IDs, top content type, report type, first
 * text part, delivery-status texts, attached original headers). It holds messages whole and is no
 * model for the real, bounded parser.
 */
final class AngusTestParser implements Function<InputStream, ParsedMail> {

    private static final int MAX_TEXT = 200_000;
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Session SESSION = Session.getInstance(lenientProperties());

    @Override
    public ParsedMail apply(InputStream in) {
        try {
            byte[] raw = withoutEnvelopeLine(normaliseLineEnds(in.readAllBytes()));
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            List<String> problems = new ArrayList<>();
            List<ParsedMail.Header> headers = headers(message.getAllHeaders());
            ContentType type = contentType(message, problems);
            Walk walk = new Walk(problems);
            walk.visit(message, 0);
            return new ParsedMail(headers,
                    firstId(first(headers, "Message-ID")),
                    ids(first(headers, "In-Reply-To")),
                    ids(first(headers, "References")),
                    returnPath(first(headers, "Return-Path")),
                    mailboxes(all(headers, "From")),
                    mailboxes(all(headers, "Sender")).stream().findFirst().orElse(null),
                    mailboxes(all(headers, "Reply-To")),
                    mailboxes(recipients(headers)),
                    first(headers, "Subject") == null ? "" : first(headers, "Subject"),
                    type.getBaseType().toLowerCase(Locale.ROOT),
                    type.getBaseType().equalsIgnoreCase("multipart/report") && type.getParameter("report-type") != null
                            ? type.getParameter("report-type").toLowerCase(Locale.ROOT) : null,
                    walk.text == null ? "" : walk.text,
                    walk.textTruncated,
                    walk.parts, walk.deliveryStatus, walk.attachedHeaders, raw.length, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("unparseable: " + e, e);
        }
    }

    private static Properties lenientProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        properties.setProperty("mail.mime.parameters.strict", "false");
        properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        properties.setProperty("mail.mime.multipart.allowempty", "true");
        properties.setProperty("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
        return properties;
    }

    // The sisimai corpus has files with CR-only line ends (maildir/mac); Angus does not split those.
    static byte[] normaliseLineEnds(byte[] raw) {
        byte[] out = new byte[raw.length];
        int n = 0;
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r') {
                out[n++] = '\n';
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[n++] = b;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    // A maildir file copied from an mbox may still start with the "From sender date" envelope line.
    private static byte[] withoutEnvelopeLine(byte[] raw) {
        if (raw.length > 5 && new String(raw, 0, 5, StandardCharsets.ISO_8859_1).equals("From ")) {
            int newline = 0;
            while (newline < raw.length && raw[newline] != '\n') {
                newline++;
            }
            return java.util.Arrays.copyOfRange(raw, Math.min(newline + 1, raw.length), raw.length);
        }
        return raw;
    }

    private static List<ParsedMail.Header> headers(Enumeration<Header> all) {
        List<ParsedMail.Header> out = new ArrayList<>();
        while (all.hasMoreElements() && out.size() < ParsedMail.MAX_HEADERS) {
            Header header = all.nextElement();
            out.add(new ParsedMail.Header(header.getName(), decode(header.getValue())));
        }
        return out;
    }

    private static String decode(String value) {
        if (value == null) {
            return "";
        }
        String unfolded = MimeUtility.unfold(value).replaceAll("[\\r\\n]+", " ");
        try {
            return MimeUtility.decodeText(unfolded).replaceAll("[\\r\\n]", " ").strip();
        } catch (Exception e) {
            return unfolded.strip();
        }
    }

    private static String first(List<ParsedMail.Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(ParsedMail.Header::value)
                .findFirst().orElse(null);
    }

    private static List<String> all(List<ParsedMail.Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(ParsedMail.Header::value).toList();
    }

    private static List<String> recipients(List<ParsedMail.Header> headers) {
        List<String> out = new ArrayList<>();
        for (String name : List.of("To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc")) {
            out.addAll(all(headers, name));
        }
        return out;
    }

    private static String firstId(String value) {
        List<String> ids = ids(value);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> ids(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            Matcher matcher = ANGLE_ID.matcher(value);
            while (matcher.find()) {
                out.add(matcher.group(1));
            }
        }
        return out;
    }

    private static String returnPath(String value) {
        if (value == null) {
            return null;
        }
        String bare = value.strip();
        if (bare.replaceAll("[\\s<>]", "").isEmpty()) {
            return "";
        }
        Matcher matcher = Pattern.compile("<([^<>]*)>").matcher(bare);
        String address = matcher.find() ? matcher.group(1).strip() : bare;
        return address.isEmpty() ? "" : lowerDomain(address);
    }

    private static List<ParsedMail.Mailbox> mailboxes(List<String> values) {
        List<ParsedMail.Mailbox> out = new ArrayList<>();
        for (String value : values) {
            try {
                for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                    if (address.getAddress() != null && !address.getAddress().isBlank()) {
                        out.add(new ParsedMail.Mailbox(lowerDomain(address.getAddress()),
                                address.getPersonal() == null ? "" : address.getPersonal()));
                    }
                }
            } catch (AddressException e) {
                // unreadable address list: the real parser records a problem; rules see no mailbox
            }
        }
        return out;
    }

    private static String lowerDomain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at) + "@" + address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static ContentType contentType(Part part, List<String> problems) {
        try {
            String value = part.getContentType();
            return new ContentType(value == null ? "text/plain" : value);
        } catch (MessagingException e) {
            problems.add("bad content type: " + e.getMessage());
            try {
                return new ContentType("text/plain");
            } catch (MessagingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** Walks the MIME tree once, collecting leaf parts, the first text, DSN texts and attached headers. */
    private static final class Walk {
        final List<String> problems;
        final List<ParsedMail.PartInfo> parts = new ArrayList<>();
        final List<String> deliveryStatus = new ArrayList<>();
        final List<String> attachedHeaders = new ArrayList<>();
        String text;
        String htmlText;
        boolean textTruncated;

        Walk(List<String> problems) {
            this.problems = problems;
        }

        void visit(Part part, int depth) throws MessagingException, IOException {
            ContentType type = contentType(part, problems);
            String base = type.getBaseType().toLowerCase(Locale.ROOT);
            if (base.startsWith("multipart/") && depth < 20) {
                Object content;
                try {
                    content = part.getContent();
                } catch (MessagingException | IOException e) {
                    problems.add("unreadable multipart: " + e.getMessage());
                    leaf(part, type, base);
                    return;
                }
                if (content instanceof Multipart multipart) {
                    int count;
                    try {
                        count = multipart.getCount();
                    } catch (MessagingException e) {
                        problems.add("unreadable multipart: " + e.getMessage());
                        return;
                    }
                    for (int i = 0; i < count; i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        visit(child, depth + 1);
                    }
                    return;
                }
            }
            leaf(part, type, base);
        }

        private void leaf(Part part, ContentType type, String base) throws MessagingException {
            byte[] bytes = bytes(part);
            parts.add(new ParsedMail.PartInfo(base, type.getParameter("charset"), part.getDisposition(),
                    part.getFileName(), bytes.length));
            String charsetName = type.getParameter("charset");
            switch (base) {
                case "message/delivery-status", "message/global-delivery-status", "message/xdelivery-status" ->
                        deliveryStatus.add(new String(bytes, StandardCharsets.UTF_8));
                case "message/rfc822", "message/global", "text/rfc822-headers", "message/rfc822-headers" ->
                        attachedHeaders.add(headerBlock(new String(bytes, StandardCharsets.ISO_8859_1)));
                case "text/plain" -> {
                    if (text == null) {
                        text = cut(new String(bytes, charset(charsetName)));
                    }
                }
                case "text/html" -> {
                    if (htmlText == null && text == null) {
                        htmlText = new String(bytes, charset(charsetName)).replaceAll("(?s)<[^>]*>", " ");
                    }
                }
                default -> {
                }
            }
            if (text == null && htmlText != null) {
                text = cut(htmlText);
            }
        }

        private String cut(String value) {
            if (value.length() > MAX_TEXT) {
                textTruncated = true;
                return value.substring(0, MAX_TEXT);
            }
            return value;
        }

        private byte[] bytes(Part part) {
            try (InputStream in = part.getInputStream()) {
                return in.readAllBytes();
            } catch (MessagingException | IOException | RuntimeException e) {
                problems.add("undecodable part: " + e.getMessage());
                try (InputStream raw = rawStream(part)) {
                    return raw == null ? new byte[0] : raw.readAllBytes();
                } catch (MessagingException | IOException | RuntimeException again) {
                    return new byte[0];
                }
            }
        }

        private static InputStream rawStream(Part part) throws MessagingException {
            if (part instanceof jakarta.mail.internet.MimeBodyPart body) {
                return body.getRawInputStream();
            }
            if (part instanceof MimeMessage message) {
                return message.getRawInputStream();
            }
            return null;
        }

        private static Charset charset(String name) {
            if (name != null) {
                try {
                    return Charset.forName(MimeUtility.javaCharset(name.strip()));
                } catch (RuntimeException e) {
                    // unknown or illegal charset: fall through
                }
            }
            return StandardCharsets.ISO_8859_1;
        }

        private static String headerBlock(String message) {
            int end = message.indexOf("\n\n");
            return end < 0 ? message : message.substring(0, end);
        }
    }
}
