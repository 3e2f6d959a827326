package dev.replygate.config;

import dev.replygate.config.SigningConfig.SigningKey;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EffectiveConfigTest {

    @Test
    void describesEveryKeyOfTheShippedConfigInItsOrder(@TempDir Path dir) throws Exception {
        Path shipped = ConfigLoaderTest.SHIPPED;
        List<String> documented = new ArrayList<>();
        leafKeys(YamlTreeReader.read(Files.readString(shipped), new ProblemList(shipped)), "", documented);

        List<String> described = EffectiveConfig.describe(new ConfigFixture(dir).withEnvironment(ConfigFixture.SHIPPED_ENVIRONMENT).load(shipped).config()).stream()
                .map(line -> line.substring(0, line.indexOf(" = ")))
                .toList();

        assertThat(described).isEqualTo(documented);
    }

    @Test
    void showsValuesAsTheConfigFileWritesThem() {
        List<String> lines = EffectiveConfig.describe(ConfigLoader.loadDefaults());

        assertThat(lines).contains(
                "instance.domain = support.example.com",
                "store.url = jdbc:h2:file:./data/replygate",
                "store.password = \"\"",
                "smtp.security = none",
                "smtp.connect-timeout = 10s",
                "sender.from = Example Hosting Support <support@example.com>",
                "sender.envelope-from = support@example.com",
                "sender.own-addresses = []",
                "signing.keys[0].id = k1",
                "signing.keys[0].secret = ******",
                "delivery.max-age = 3d",
                "notifications.locales = [en, fa]",
                "notifications.time-zone = UTC",
                "notifications.events.opened = ticket-opened");
    }

    @Test
    void masksPasswordsInJdbcUrls() {
        assertThat(JdbcUrlMasking.mask("jdbc:postgresql://db/replygate?user=rg&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/replygate?user=rg&password=******&ssl=true");
        assertThat(JdbcUrlMasking.mask("jdbc:h2:tcp://db/replygate;USER=sa;PASSWORD=hunter2;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:tcp://db/replygate;USER=sa;PASSWORD=******;MODE=PostgreSQL");
        assertThat(JdbcUrlMasking.mask("jdbc:postgresql://rg:hunter2@db:5432/replygate?sslpassword=key-pass"))
                .isEqualTo("jdbc:postgresql://rg:******@db:5432/replygate?sslpassword=******");
        assertThat(JdbcUrlMasking.mask("jdbc:h2:file:./data/replygate")).isEqualTo("jdbc:h2:file:./data/replygate");
    }

    @Property
    void neverShowsASecret(@ForAll @AlphaChars @NumericChars @Chars({'-', '_', '.', '!', '~', '+', '='})
                           @StringLength(min = 12, max = 64) String secret) {
        ReplygateConfig config = withSecrets(ConfigLoader.loadDefaults(), secret);

        List<String> lines = EffectiveConfig.describe(config);

        assertThat(lines).noneMatch(line -> line.contains(secret));
        assertThat(lines).contains(
                "store.password = ******",
                "smtp.password = ******",
                "signing.keys[0].secret = ******",
                "signing.keys[1].secret = ******",
                "store.url = jdbc:postgresql://rg:******@db/replygate?ssl=true&password=******");
    }

    private static ReplygateConfig withSecrets(ReplygateConfig config, String secret) {
        Secret hidden = Secret.of(secret);
        StoreConfig store = new StoreConfig("jdbc:postgresql://rg:" + secret + "@db/replygate?ssl=true&password=" + secret,
                "rg", hidden, 4);
        SmtpConfig defaults = config.smtp();
        SmtpConfig smtp = new SmtpConfig(defaults.host(), defaults.port(), defaults.security(), "rg", hidden,
                defaults.connectTimeout(), defaults.timeout(), defaults.heloName());
        SigningConfig signing = new SigningConfig("k2", List.of(new SigningKey("k1", hidden),
                new SigningKey("k2", Secret.of(secret + "-new"))));
        return new ReplygateConfig(config.instance(), config.portal(), store, smtp, config.sender(), signing,
                config.delivery(), config.notifications(), config.templates(), config.mailboxes(), config.inbound(),
                config.http(), config.retention(), config.digests());
    }

    /** Key paths of single values and of lists of single values, as written. */
    private static void leafKeys(YamlNode node, String path, List<String> into) {
        if (node instanceof YamlNode.Mapping mapping) {
            mapping.entries().values().forEach(entry -> leafKeys(entry.value(), KeyPaths.child(path, entry.key()), into));
        } else if (node instanceof YamlNode.Sequence sequence
                && sequence.items().stream().anyMatch(item -> item instanceof YamlNode.Mapping)) {
            for (int i = 0; i < sequence.items().size(); i++) {
                leafKeys(sequence.items().get(i), KeyPaths.item(path, i), into);
            }
        } else {
            into.add(path);
        }
    }
}
