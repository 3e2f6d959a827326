package dev.replygate.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The {@code http} section: off by default, loopback unless credentials are named, credentials long enough. */
class HttpServerConfigTest {

    private static final String TOKEN = "metrics-token-0123456789abcdefghij";
    private static final String PASSWORD = "status-password-0123456789abcdefgh";

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void offOnLoopbackByDefault() {
        HttpServerConfig http = fixture.load(ConfigFixture.MINIMAL).config().http();

        assertThat(http.enabled()).isFalse();
        assertThat(http.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(http.port()).isEqualTo(9425);
        assertThat(http.requiresCredentials()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10", "status.example.org"})
    void beyondLoopbackWithoutCredentialsIsRefusedAtTheAddress(String address) {
        Path file = fixture.write(ConfigFixture.MINIMAL + """
                http:
                  enabled: true
                  bind-address: "%s"
                """.formatted(address));

        ConfigException failure = fixture.loadFailing(file);

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo("http.bind-address");
            assertThat(problem.line()).isEqualTo(ConfigFixture.MINIMAL.lines().count() + 3);
            assertThat(problem.message()).contains(address, "http.tokens", "http.basic-auth");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "localhost"})
    void loopbackNeedsNoCredentials(String address) {
        HttpServerConfig http = fixture.load(ConfigFixture.MINIMAL + """
                http:
                  enabled: true
                  bind-address: "%s"
                """.formatted(address)).config().http();

        assertThat(http.bindAddress()).isEqualTo(address);
    }

    @Test
    void beyondLoopbackWithATokenFromItsFile() {
        fixture.writeFile("metrics-token", TOKEN + "\n");

        HttpServerConfig http = fixture.load(ConfigFixture.MINIMAL + """
                http:
                  enabled: true
                  bind-address: 0.0.0.0
                  tokens:
                    - name: prometheus
                      token-file: metrics-token
                """).config().http();

        assertThat(http.tokens()).singleElement().satisfies(token -> {
            assertThat(token.name()).isEqualTo("prometheus");
            assertThat(token.token().reveal()).isEqualTo(TOKEN);
        });
        assertThat(EffectiveConfig.describe(fixture.load(fixture.dir().resolve("replygate.yaml")).config()))
                .contains("http.tokens[0].token = " + Secret.MASK).noneMatch(line -> line.contains(TOKEN));
    }

    @Test
    void beyondLoopbackWithBasicAuth() {
        HttpServerConfig http = fixture.load(ConfigFixture.MINIMAL + """
                http:
                  enabled: true
                  bind-address: 0.0.0.0
                  basic-auth:
                    username: operator
                    password: %s
                """.formatted(PASSWORD)).config().http();

        assertThat(http.basicAuth()).hasValueSatisfying(auth -> {
            assertThat(auth.username()).isEqualTo("operator");
            assertThat(auth.password().reveal()).isEqualTo(PASSWORD);
        });
    }

    @Test
    void shortGuessableOrRepeatedCredentialsAreRefusedWithoutShowingThem() {
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL + """
                http:
                  enabled: true
                  bind-address: 0.0.0.0
                  tokens:
                    - name: prometheus
                      token: short-secret
                    - name: prometheus
                      token: %s
                  basic-auth:
                    username: operator
                """.formatted(TOKEN));

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath).containsExactly(
                "http.tokens[0].token", "http.tokens[1].name", "http.basic-auth.password");
        assertThat(failure.getMessage()).contains("12 characters long; at least 32")
                .doesNotContain("short-secret", TOKEN);
    }

    @Test
    void aDisabledServerIsNotChecked() {
        HttpServerConfig http = fixture.load(ConfigFixture.MINIMAL + """
                http:
                  bind-address: 0.0.0.0
                """).config().http();

        assertThat(http.enabled()).isFalse();
    }

    @Test
    void unknownKeysAreNamed() {
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL + """
                http:
                  enabled: true
                  prot: 8080
                """);

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message)
                .containsExactly(tuple("http.prot", "unknown key `http.prot`; did you mean `port`?"));
    }

    @Test
    void eachTokenHasItsOwnApiRateLimitChecked() {
        HttpServerConfig http = fixture.load(ConfigFixture.MINIMAL + """
                http:
                  enabled: true
                  tokens:
                    - name: prometheus
                      token: %s
                    - name: whmcs
                      token: %s-2
                      requests-per-minute: 30
                """.formatted(TOKEN, TOKEN)).config().http();

        assertThat(http.tokens()).extracting(HttpServerConfig.BearerToken::name,
                        HttpServerConfig.BearerToken::requestsPerMinute)
                .containsExactly(tuple("prometheus", HttpServerConfig.BearerToken.DEFAULT_REQUESTS_PER_MINUTE),
                        tuple("whmcs", 30));

        Path file = fixture.write(ConfigFixture.MINIMAL + """
                http:
                  tokens:
                    - name: whmcs
                      token: %s
                      requests-per-minute: 0
                """.formatted(TOKEN));
        assertThat(fixture.loadFailing(file).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo("http.tokens[0].requests-per-minute");
            assertThat(problem.line()).isEqualTo(ConfigFixture.MINIMAL.lines().count() + 5);
        });
    }
}
