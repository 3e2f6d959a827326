package dev.replygate.config;

import dev.replygate.address.MailAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** The value syntaxes of the config file. Messages quote the value but never a secret (no parser here reads one). */
final class ValueParsers {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern SIGNING_KEY_ID = Pattern.compile("[A-Za-z0-9]{1,8}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern MAILBOX_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern KEYWORD_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]{1,76}");
    private static final int MAX_PORT = 65_535;

    private ValueParsers() {
    }

    /** Any single line of text, empty included. */
    static ValueParser<String> text() {
        return text -> {
            if (text.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidValueException("must be one line of text without control characters");
            }
            return text;
        };
    }

    static ValueParser<String> nonEmptyText() {
        return text -> {
            if (text.isBlank()) {
                throw new InvalidValueException("must not be empty");
            }
            return text().parse(text);
        };
    }

    /** A short name fit for a mail header value: letters, digits, dot, hyphen, underscore. */
    static ValueParser<String> token() {
        return matching(TOKEN, "up to 64 letters, digits, dots, hyphens and underscores, starting with a letter or digit");
    }

    /** An event or template name such as {@code ticket-opened}. */
    static ValueParser<String> name() {
        return matching(NAME, "lower-case letters, digits and hyphens, starting with a letter");
    }

    /** The name of a mailbox in logs, metrics and the store. */
    static ValueParser<String> mailboxName() {
        return matching(MAILBOX_NAME, "1 to 32 lower-case letters, digits and hyphens, starting with a letter or digit");
    }

    /** An IMAP folder path, levels separated by {@code /}. */
    static ValueParser<String> folderName() {
        return text -> {
            nonEmptyText().parse(text);
            if (text.startsWith("/") || text.endsWith("/") || text.contains("//")) {
                throw new InvalidValueException("`" + text + "` is not a folder path: separate levels with one /,"
                        + " with none at the start or end");
            }
            if (text.contains("*") || text.contains("%")) {
                throw new InvalidValueException("`" + text + "` is not a folder path: * and % are IMAP wildcards");
            }
            return text;
        };
    }

    /** The start of an IMAP keyword (an atom): letters, digits, dots, hyphens, underscores. */
    static ValueParser<String> keywordPrefix() {
        return matching(KEYWORD_PREFIX, "1 to 32 letters, digits, dots, hyphens and underscores, starting with a"
                + " letter or digit");
    }

    /** A header field name such as {@code X-Spam-Flag} (printable ASCII without colon). */
    static ValueParser<String> headerName() {
        return matching(HEADER_NAME, "a header field name such as X-Spam-Flag: printable ASCII without spaces or colon");
    }

    /** A Java regular expression, compiled with {@code flags}. */
    static ValueParser<Pattern> regex(int flags) {
        return text -> {
            if (text.isEmpty()) {
                throw new InvalidValueException("must not be empty");
            }
            try {
                return Pattern.compile(text, flags);
            } catch (PatternSyntaxException e) {
                throw new InvalidValueException("`" + text + "` is not a valid regular expression: "
                        + e.getDescription() + " at index " + e.getIndex());
            }
        };
    }

    /** A {@link #regex} with a named group {@code name}, where the match gives that value. */
    static ValueParser<Pattern> regexWithGroup(String name) {
        return text -> {
            Pattern pattern = regex(0).parse(text);
            // Java 17 cannot list a pattern's named groups; the empty alternative makes "" match so that
            // group(name) can be asked, and the line break ends a trailing (?x) comment.
            Matcher probe = Pattern.compile("(?:" + text + "\n)|").matcher("");
            try {
                probe.matches();
                probe.group(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("`" + text + "` has no named group (?<" + name + ">…)");
            }
            return pattern;
        };
    }

    static ValueParser<String> signingKeyId() {
        return matching(SIGNING_KEY_ID, "1 to 8 letters or digits");
    }

    static ValueParser<String> hostname() {
        return text -> {
            if (!Hostnames.isHostname(text)) {
                throw new InvalidValueException("`" + text + "` is not a host name: use letters, digits and hyphens"
                        + " in dot-separated labels, with no hyphen at the start or end of a label");
            }
            return text;
        };
    }

    static ValueParser<String> hostnameOrEmpty() {
        return text -> text.isEmpty() ? text : hostname().parse(text);
    }

    /** A host name or an IP address literal. */
    static ValueParser<String> host() {
        return text -> Hostnames.isIpLiteral(text) ? text : hostname().parse(text);
    }

    static ValueParser<Integer> port() {
        return text -> {
            int port = integer(text);
            if (port < 1 || port > MAX_PORT) {
                throw new InvalidValueException("`" + text + "` is not a port; use 1 to " + MAX_PORT);
            }
            return port;
        };
    }

    static ValueParser<Integer> positiveInt() {
        return text -> {
            int value = integer(text);
            if (value < 1) {
                throw new InvalidValueException("`" + text + "` is too small; use 1 or more");
            }
            return value;
        };
    }

    /** A whole number from {@code min} to {@code max}. */
    static ValueParser<Integer> intBetween(int min, int max) {
        return text -> {
            int value = integer(text);
            if (value < min || value > max) {
                throw new InvalidValueException("`" + text + "` is out of range; use " + min + " to " + max);
            }
            return value;
        };
    }

    static ValueParser<Boolean> bool() {
        return text -> {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.valueOf(text);
            }
            throw new InvalidValueException("`" + text + "` is neither true nor false");
        };
    }

    static <E extends Enum<E>> ValueParser<E> oneOf(Class<E> type) {
        return text -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            throw new InvalidValueException("`" + text + "` is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        };
    }

    /** A duration longer than zero and at most {@code max}. */
    static ValueParser<Duration> positiveDuration(Duration max) {
        return text -> {
            Duration duration;
            try {
                duration = Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException(e.getMessage());
            }
            if (duration.isZero()) {
                throw new InvalidValueException("must be longer than 0");
            }
            if (duration.compareTo(max) > 0) {
                throw new InvalidValueException("`" + text + "` is too long; at most " + Durations.format(max));
            }
            return duration;
        };
    }

    /** An absolute http or https URL with a host. */
    static ValueParser<String> httpUrl() {
        return text -> {
            checkHttpUrl(text, text);
            return text;
        };
    }

    /** An {@link #httpUrl()} with {@code {ticket}} where the ticket id goes, and maybe {@code {ticketKey}}. */
    static ValueParser<String> ticketUrl() {
        return text -> {
            if (!text.contains(PortalConfig.TICKET_PLACEHOLDER)) {
                throw new InvalidValueException("must contain " + PortalConfig.TICKET_PLACEHOLDER
                        + " where the ticket id goes");
            }
            checkHttpUrl(text.replace(PortalConfig.TICKET_PLACEHOLDER, "1")
                    .replace(PortalConfig.TICKET_KEY_PLACEHOLDER, "k"), text);
            return text;
        };
    }

    /**
     * A {@link #ticketUrl()} for the staff ({@code portal.admin-ticket-url}): without {@code {ticketKey}}, the
     * customer's access key to the ticket, which never goes into a link for anyone but its customer.
     */
    static ValueParser<String> adminTicketUrl() {
        return text -> {
            if (text.contains(PortalConfig.TICKET_KEY_PLACEHOLDER)) {
                throw new InvalidValueException("must not contain " + PortalConfig.TICKET_KEY_PLACEHOLDER
                        + ": it is the customer's access key to the ticket, never put in a link for the staff;"
                        + " the admin area finds a ticket by " + PortalConfig.TICKET_PLACEHOLDER + " alone");
            }
            return ticketUrl().parse(text);
        };
    }

    static ValueParser<String> jdbcUrl() {
        return text -> {
            text().parse(text);
            if (!StoreConfig.isH2(text) && !StoreConfig.isPostgresql(text)) {
                throw new InvalidValueException("`" + JdbcUrlMasking.mask(text)
                        + "` is not supported; use jdbc:h2:… or jdbc:postgresql:…");
            }
            Optional<String> refusal = H2Url.refusal(text);
            if (refusal.isPresent()) {
                throw new InvalidValueException("`" + JdbcUrlMasking.mask(text) + "`: " + refusal.get());
            }
            // not the URL: a setting H2 does not know may be a secret's misspelt key, which no masking knows
            Optional<String> settings = H2Url.settingsRefusal(text);
            if (settings.isPresent()) {
                throw new InvalidValueException(settings.get());
            }
            return text;
        };
    }

    /** One address, with or without a display name. */
    static ValueParser<MailAddress> mailAddress() {
        return text -> {
            try {
                return MailAddress.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException(e.getMessage());
            }
        };
    }

    /** One address without a display name, as an envelope address is. */
    static ValueParser<MailAddress> bareMailAddress() {
        return text -> {
            MailAddress address = mailAddress().parse(text);
            if (!address.displayName().isEmpty()) {
                throw new InvalidValueException("`" + text + "` must be a bare address such as bounces@example.com");
            }
            return address;
        };
    }

    /** Empty text is "not given"; anything else goes to {@code parser}. */
    static <T> ValueParser<Optional<T>> emptyOr(ValueParser<T> parser) {
        return text -> text.isEmpty() ? Optional.empty() : Optional.of(parser.parse(text));
    }

    /** A BCP 47 language tag such as {@code en}, {@code fa} or {@code pt-BR}, in its canonical spelling. */
    static ValueParser<String> languageTag() {
        return text -> {
            Locale locale = Locale.forLanguageTag(text);
            String tag = locale.toLanguageTag();
            if (tag.equals("und") || locale.getLanguage().length() > 3 || !tag.equalsIgnoreCase(text)) {
                throw new InvalidValueException("`" + text + "` is not a language tag such as en, fa or pt-BR");
            }
            return tag;
        };
    }

    static ValueParser<ZoneId> timeZone() {
        return text -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new InvalidValueException("`" + text + "` is not a time zone; use an IANA name such as"
                        + " Europe/Berlin, Asia/Tehran or UTC");
            }
        };
    }

    /** A path; a relative one is resolved against {@code baseDir}. */
    static ValueParser<Path> path(Path baseDir) {
        return text -> {
            if (text.isEmpty()) {
                throw new InvalidValueException("must not be empty");
            }
            try {
                return baseDir.resolve(text).normalize();
            } catch (InvalidPathException e) {
                throw new InvalidValueException("`" + text + "` is not a path: " + e.getReason());
            }
        };
    }

    private static ValueParser<String> matching(Pattern pattern, String rule) {
        return text -> {
            if (!pattern.matcher(text).matches()) {
                throw new InvalidValueException("`" + text + "` is not valid: use " + rule);
            }
            return text;
        };
    }

    private static int integer(String text) throws InvalidValueException {
        if (!DIGITS.matcher(text).matches()) {
            throw new InvalidValueException("`" + text + "` is not a whole number");
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("`" + text + "` is too large");
        }
    }

    private static void checkHttpUrl(String url, String asWritten) throws InvalidValueException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidValueException("`" + asWritten + "` is not a URL: " + e.getReason().toLowerCase(Locale.ROOT));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidValueException("`" + asWritten + "` must be an absolute http:// or https:// URL");
        }
        if (uri.getHost() == null) {
            throw new InvalidValueException("`" + asWritten + "` has no valid host");
        }
    }
}
