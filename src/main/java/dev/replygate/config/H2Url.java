package dev.replygate.config;

import org.h2.engine.ConnectionInfo;
import org.h2.message.DbException;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an H2 JDBC URL names; the one place that tells. Only {@code file:} and a bare path name a file, which
 * replygate opens through its own file layer (its recovery after a kill, one owner at a time: store/H2StoreFilePath);
 * {@code mem:}, {@code tcp:}, {@code ssl:} and {@code zip:} name no file replygate opens. The rest is refused: any
 * other of H2's file systems ({@code nio:}, {@code split:}, {@code async:}…) would bypass that layer, and a file
 * H2 encrypts ({@code CIPHER}) is one its recovery cannot read.
 */
public final class H2Url {

    private static final String PREFIX = "jdbc:h2:";
    private static final String FILE = "file";
    /** A file-system prefix: two or more letters and a colon (one letter is a Windows drive). */
    private static final Pattern FILE_SYSTEM = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):");
    private static final Set<String> NOT_FILES = Set.of("mem", "tcp", "ssl", "zip");
    /** H2 upper-cases a setting's name, and takes no space around it. */
    private static final String CIPHER = "CIPHER";
    /** H2's error for a setting it does not know ({@code ErrorCode.UNSUPPORTED_SETTING_1}). */
    private static final int UNSUPPORTED_SETTING = 90113;
    /** The name in H2's message, in quotes. */
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private H2Url() {
    }

    /** Whether {@code jdbcUrl} names an H2 file that replygate opens itself (one it refuses is none). */
    public static boolean isFile(String jdbcUrl) {
        return fileName(jdbcUrl).isPresent();
    }

    /**
     * The file an H2 file URL names, as it writes it (without {@code file:} and settings; relative or with {@code ~}
     * as written); empty for any other URL, and for one replygate refuses.
     */
    public static Optional<String> fileName(String jdbcUrl) {
        return parse(jdbcUrl).filter(url -> url.fileSystem().isEmpty()).map(Parsed::name);
    }

    /** Why replygate refuses the H2 URL {@code jdbcUrl}, to follow the URL in an error; empty when it takes it. */
    public static Optional<String> refusal(String jdbcUrl) {
        Optional<Parsed> parsed = parse(jdbcUrl);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        String fileSystem = parsed.get().fileSystem();
        if (!fileSystem.isEmpty() && !NOT_FILES.contains(fileSystem)) {
            return Optional.of("H2's `" + fileSystem + ":` file system is not supported (replygate opens its H2 store"
                    + " through its own file layer, for its recovery after a kill); use jdbc:h2:file:<path>");
        }
        if (fileSystem.isEmpty() && parsed.get().hasSetting(CIPHER)) {
            return Optional.of("H2's file encryption (CIPHER) is not supported: after a kill replygate brings the"
                    + " store's file back to its last commit before H2 opens it (H2's own recovery can drop commits"
                    + " already reported), and it cannot read a file H2 encrypts. Remove CIPHER and keep the store on"
                    + " an encrypted file system or volume instead; to decrypt an existing store see README,"
                    + " \"Choose the store\"");
        }
        return Optional.empty();
    }

    /**
     * What H2 itself refuses in the H2 URL {@code jdbcUrl}, to follow the URL in an error: a setting it does not know
     * (a typo such as {@code AUTO_SEVER}), one given twice with two values, a {@code TIME ZONE} it does not know. H2's
     * own {@link ConnectionInfo} reads the URL as a connection to it would, with H2's own list of settings, and
     * only reads it: it opens no file, starts no server and is given no password. The reason never holds a
     * password of the URL. Empty when H2 takes the URL, and for a URL that is not H2's.
     */
    static Optional<String> settingsRefusal(String jdbcUrl) {
        if (parse(jdbcUrl).isEmpty()) {
            return Optional.empty();
        }
        // replygate writes the prefix of an H2 file URL itself (store/JdbcUrls), in H2's spelling
        String asH2ReadsIt = PREFIX + jdbcUrl.substring(PREFIX.length());
        try {
            new ConnectionInfo(asH2ReadsIt, null, null, null);
            return Optional.empty();
        } catch (DbException e) {
            Matcher setting = QUOTED.matcher(e.getMessage());
            if (e.getErrorCode() == UNSUPPORTED_SETTING && setting.find()) {
                return Optional.of("H2 does not know the connection setting `" + setting.group(1) + "`");
            }
            return Optional.of("H2 refuses its settings: " + withoutQuotedValues(e.getMessage()));
        } catch (RuntimeException e) {
            return Optional.of("H2 refuses its settings: " + withoutQuotedValues(String.valueOf(e.getMessage())));
        }
    }

    // H2 quotes the URL or a setting's value in its words, and a misspelt secret's key (PASSWROD=…) or a value
    // written without its key is not one JdbcUrlMasking knows to hide: none of what H2 quotes is shown.
    private static String withoutQuotedValues(String h2Words) {
        return QUOTED.matcher(h2Words).replaceAll("\"…\"");
    }

    /** Empty for a URL that is not H2's. */
    private static Optional<Parsed> parse(String jdbcUrl) {
        if (!jdbcUrl.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(PREFIX.length());
        int semicolon = rest.indexOf(';');
        String name = semicolon < 0 ? rest : rest.substring(0, semicolon);
        String settings = semicolon < 0 ? "" : rest.substring(semicolon + 1);
        String fileSystem = fileSystemOf(name);
        if (fileSystem.equals(FILE)) {
            name = name.substring(FILE.length() + 1);
            fileSystem = fileSystemOf(name); // file:nio:… is still nio:
        }
        return Optional.of(new Parsed(fileSystem, name, settings));
    }

    /** The file-system prefix of {@code name}, lower case; empty for a bare path. */
    private static String fileSystemOf(String name) {
        Matcher prefix = FILE_SYSTEM.matcher(name);
        return prefix.lookingAt() ? prefix.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /**
     * @param fileSystem the file system it names, lower case, without colon; empty for a file ({@code file:} or a
     *                   bare path)
     * @param name       what follows the file system's prefix, up to the settings
     * @param settings   what follows the first {@code ;}
     */
    private record Parsed(String fileSystem, String name, String settings) {

        boolean hasSetting(String setting) {
            for (String each : settings.split(";")) {
                int equals = each.indexOf('=');
                String key = (equals < 0 ? each : each.substring(0, equals)).strip();
                if (key.equalsIgnoreCase(setting)) {
                    return true;
                }
            }
            return false;
        }
    }
}
