package dev.replygate.parse;

/**
 * How much of a message {@link MailParser} reads and keeps, so that memory stays bounded whatever
 * arrives. What happens at each limit:
 * <ul>
 * <li>{@code maxHeaderFields}, {@code maxHeaderFieldBytes}: more fields in one header block, or a
 *     longer field or line, make the message unparseable (it is quarantined). Dropping header
 *     fields could hide the very field that marks a message as automatic, and no real mail comes
 *     near these limits.</li>
 * <li>{@code maxHeaderBytes}: a top-level header block larger than this is unparseable too; its
 *     fields are all kept, so this bounds what one message holds.</li>
 * <li>{@code maxParts}: further MIME parts are read past and counted in the size, not described.</li>
 * <li>{@code maxDepth}: a multipart nested deeper is read past as one opaque part.</li>
 * <li>{@code maxTextChars}: the text is cut there ({@link ParsedMail#textTruncated()}).</li>
 * <li>{@code maxHtmlBytes}: HTML beyond this many bytes is not read (the text is then marked cut).</li>
 * <li>{@code maxReportParts}, {@code maxReportPartBytes}: further delivery-status and attached
 *     header parts are skipped; a longer one is cut.</li>
 * <li>{@code maxProblems}: further distinct problems are only counted.</li>
 * <li>{@code maxEncodedWordsPerField}, {@code maxEncodedWordsPerMessage}: a top-level header field
 *     with more RFC 2047 encoded words, or any field once the message's header has had that many
 *     decoded, is kept as written (undecoded). Real mail has a few dozen; each word costs a charset
 *     look-up and a decoder.</li>
 * </ul>
 * Start from a preset and change a knob with its {@code with…} method. With {@code strict}, reaching
 * the parts, depth and report limits, or any MIME error after the top-level header, makes the message
 * unparseable instead of being recorded as a problem.
 */
public record ParseLimits(int maxHeaderFields, int maxHeaderFieldBytes, int maxHeaderBytes, int maxParts,
                          int maxDepth, int maxTextChars, int maxHtmlBytes, int maxReportParts,
                          int maxReportPartBytes, int maxProblems, boolean strict, int maxEncodedWordsPerField,
                          int maxEncodedWordsPerMessage) {

    /** The daemon's limits: generous for real mail, lenient about what is merely odd. */
    public static final ParseLimits DEFAULT = new ParseLimits(ParsedMail.MAX_HEADERS, 64 * 1024, 1024 * 1024, 500,
            20, 100_000, 512 * 1024, 16, 64 * 1024, 100, false, 1_000, 5_000);

    /** The same sizes, but every limit reached quarantines the message. */
    public static final ParseLimits STRICT = DEFAULT.withStrict(true);

    /** The longest header field mime4j may be told to read: lines are broken at twice this, before mime4j sees them. */
    private static final int MAX_HEADER_FIELD_BYTES = LongLineBreaker.MAX_LINE / 2;

    public ParseLimits {
        atLeast("maxHeaderFields", maxHeaderFields, 1);
        atMost("maxHeaderFields", maxHeaderFields, ParsedMail.MAX_HEADERS);
        atLeast("maxHeaderFieldBytes", maxHeaderFieldBytes, 256);
        atMost("maxHeaderFieldBytes", maxHeaderFieldBytes, MAX_HEADER_FIELD_BYTES);
        atLeast("maxHeaderBytes", maxHeaderBytes, maxHeaderFieldBytes);
        atLeast("maxParts", maxParts, 1);
        atLeast("maxDepth", maxDepth, 1);
        atLeast("maxTextChars", maxTextChars, 1);
        atMost("maxTextChars", maxTextChars, Integer.MAX_VALUE / 8);
        atLeast("maxHtmlBytes", maxHtmlBytes, 1);
        atLeast("maxReportParts", maxReportParts, 1);
        atLeast("maxReportPartBytes", maxReportPartBytes, 1);
        atLeast("maxProblems", maxProblems, 1);
        atLeast("maxEncodedWordsPerField", maxEncodedWordsPerField, 1);
        atLeast("maxEncodedWordsPerMessage", maxEncodedWordsPerMessage, maxEncodedWordsPerField);
    }

    public ParseLimits withMaxHeaderFields(int maxHeaderFields) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withMaxHeaderFieldBytes(int maxHeaderFieldBytes) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withMaxHeaderBytes(int maxHeaderBytes) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withMaxParts(int maxParts) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withMaxDepth(int maxDepth) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withMaxTextChars(int maxTextChars) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withMaxHtmlBytes(int maxHtmlBytes) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withMaxReportParts(int maxReportParts) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withMaxReportPartBytes(int maxReportPartBytes) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withMaxProblems(int maxProblems) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withStrict(boolean strict) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withMaxEncodedWordsPerField(int maxEncodedWordsPerField) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    public ParseLimits withMaxEncodedWordsPerMessage(int maxEncodedWordsPerMessage) {
        return new ParseLimits(maxHeaderFields, maxHeaderFieldBytes, maxHeaderBytes, maxParts, maxDepth,
                maxTextChars, maxHtmlBytes, maxReportParts, maxReportPartBytes, maxProblems, strict,
                maxEncodedWordsPerField, maxEncodedWordsPerMessage);
    }

    private static void atLeast(String knob, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("ParseLimits." + knob + " must be at least " + min + ", was " + value);
        }
    }

    private static void atMost(String knob, int value, int max) {
        if (value > max) {
            throw new IllegalArgumentException("ParseLimits." + knob + " must be at most " + max + ", was " + value);
        }
    }
}
