package dev.replygate.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class EnvSubstitutionTest {

    private final EnvSubstitution env = new EnvSubstitution(Map.of(
            "HOST", "portal.example.org",
            "EMPTY", "",
            "TRICKY", "${HOST}")::get);

    @Test
    void replacesSetVariablesAnywhereInTheValue() throws Exception {
        assertThat(env.substitute("https://${HOST}/t/{ticket}")).isEqualTo("https://portal.example.org/t/{ticket}");
        assertThat(env.substitute("${HOST}${HOST}")).isEqualTo("portal.example.orgportal.example.org");
    }

    @Test
    void takesTheDefaultWhenTheVariableIsUnsetOrEmpty() throws Exception {
        assertThat(env.substitute("${UNSET:-fallback.example}")).isEqualTo("fallback.example");
        assertThat(env.substitute("${EMPTY:-fallback.example}")).isEqualTo("fallback.example");
        assertThat(env.substitute("${UNSET:-}")).isEmpty();
        assertThat(env.substitute("${HOST:-fallback.example}")).isEqualTo("portal.example.org");
    }

    @Test
    void anEmptyVariableWithoutDefaultIsEmpty() throws Exception {
        assertThat(env.substitute("a${EMPTY}b")).isEqualTo("ab");
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAnErrorNamingIt() {
        assertThatThrownBy(() -> env.substitute("x-${NOT_SET}"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("environment variable `NOT_SET` is not set");
    }

    @Test
    void doubledDollarEscapesALiteral() throws Exception {
        assertThat(env.substitute("cost: $${HOST} and $5")).isEqualTo("cost: ${HOST} and $5");
    }

    @Test
    void substitutedTextIsNotSubstitutedAgain() throws Exception {
        assertThat(env.substitute("${TRICKY}")).isEqualTo("${HOST}");
    }

    @Test
    void malformedReferencesAreErrors() {
        assertThatThrownBy(() -> env.substitute("${HOST")).hasMessageContaining("without a closing `}`");
        assertThatThrownBy(() -> env.substitute("pa${ss word}")).as("a secret's value is not quoted")
                .hasMessageContaining("does not name an environment variable").hasMessageNotContaining("ss word");
        assertThatThrownBy(() -> env.substitute("${}")).hasMessageContaining("does not name an environment variable");
    }

    @Test
    void isAppliedToValuesOfTheFileAfterParsingSoPositionsStayTrue(@TempDir Path dir) {
        ConfigFixture fixture = new ConfigFixture(dir).withEnvironment(Map.of("DOMAIN", "env.example.org"));
        Path file = fixture.write(ConfigFixture.MINIMAL
                .replace("domain: support.example.org", "domain: ${DOMAIN}")
                .replace("https://portal.example.org/new", "https://${PORTAL:-portal.example.net}/new")
                .replace("portal:\n", "portal:\n  name: \"Price $${X}\"\n"));

        ReplygateConfig config = fixture.load(file).config();

        assertThat(config.instance().domain()).isEqualTo("env.example.org");
        assertThat(config.portal().newTicketUrl()).isEqualTo("https://portal.example.net/new");
        assertThat(config.portal().name()).isEqualTo("Price ${X}");
    }

    @Test
    void anUnsetVariableInTheFileIsAProblemAtItsKey(@TempDir Path dir) {
        ConfigFixture fixture = new ConfigFixture(dir);

        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL
                .replace("secret: " + ConfigFixture.SIGNING_SECRET, "secret: ${SIGNING_KEY}"));

        assertThat(failure.problems()).extracting(ConfigProblem::line, ConfigProblem::keyPath)
                .containsExactly(tuple(14, "signing.keys[0].secret"));
        assertThat(failure.problems().get(0).message()).contains("`SIGNING_KEY` is not set");
    }
}
