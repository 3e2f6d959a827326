package dev.replygate.parse;

/**
 * Parses a generated message of about 60 MB (10 MB of text, a 50 MB attachment) and prints what
 * it found; run by {@link BoundedMemoryTest} in a JVM with a small heap. Exits 1 on any failure,
 * an OutOfMemoryError included.
 */
public final class BoundedMemoryProcess {

    static final long TEXT_LINES = 200_000;
    static final long ATTACHMENT_LINES = 50L * 1024 * 1024 / GeneratedMail.BYTES_PER_BASE64_LINE;

    private BoundedMemoryProcess() {
    }

    public static void main(String[] args) {
        try {
            GeneratedMail message = new GeneratedMail(TEXT_LINES, ATTACHMENT_LINES);
            ParsedMail mail = new MailParser().parse(message);
            System.out.println("max heap " + Runtime.getRuntime().maxMemory());
            System.out.println("size " + mail.size() + " of " + message.length());
            System.out.println("text " + mail.text().length() + " truncated " + mail.textTruncated());
            mail.parts().forEach(part -> System.out.println("part " + part.mimeType() + " " + part.size()));
            System.out.println("problems " + mail.problems());
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }
}
