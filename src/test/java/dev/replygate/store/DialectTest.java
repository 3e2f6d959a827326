package dev.replygate.store;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialectTest {

    @Test
    void theStoresDialectIsWhatItsConfigurationSays() {
        assertThat(Dialect.of(config("jdbc:postgresql://db.example.com/replygate"))).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.of(config("jdbc:h2:file:./data/replygate"))).isEqualTo(Dialect.H2);
        assertThat(Dialect.of(config("jdbc:h2:mem:x"))).isEqualTo(Dialect.H2);
    }

    @Test
    void anUnsupportedUrlIsRefusedWithoutTheSecretsItCarries() {
        assertThatThrownBy(() -> Dialect.of(config("jdbc:mysql://admin:hunter2-user-info@db/x?password=hunter3-param")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://admin:")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("hunter3");
    }

    private static StoreConfig config(String url) {
        return new StoreConfig(url, "sa", Secret.empty(), 4);
    }
}
