package dev.replygate.config;

import java.util.regex.Pattern;

/** Hides the passwords a JDBC URL may carry: {@code password=…} parameters and {@code user:password@} user info. */
final class JdbcUrlMasking {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?;&]*:)[^/@?;&]*@");

    private JdbcUrlMasking() {
    }

    static String mask(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1" + Secret.MASK);
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1" + Secret.MASK + "@");
    }
}
