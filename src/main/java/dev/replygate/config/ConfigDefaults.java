package dev.replygate.config;

import dev.replygate.address.MailAddress;

/**
 * The example values config/replygate.yaml gives its required keys. They stand in for a required key
 * that is missing, and make up {@link ConfigLoader#loadDefaults()}. The signing key has no example
 * value: a well-known one would let anyone sign, so this process makes its own.
 */
final class ConfigDefaults {

    static final String DOMAIN = "support.example.com";
    static final String TICKET_URL = "https://portal.example.com/viewticket.php?tid={ticket}";
    static final String NEW_TICKET_URL = "https://portal.example.com/submitticket.php";
    static final String SIGNUP_URL = "https://portal.example.com/register.php";
    static final String CLIENT_AREA_URL = "https://portal.example.com/clientarea.php";
    static final MailAddress FROM = new MailAddress("support@example.com", "Example Hosting Support");
    static final SigningConfig.SigningKey SIGNING_KEY =
            new SigningConfig.SigningKey("k1", Secret.generate());

    private ConfigDefaults() {
    }
}
