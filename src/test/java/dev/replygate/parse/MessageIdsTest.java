package dev.replygate.parse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTest {

    @Test
    void takesEachBracketedTokenWithoutItsBrackets() {
        assertThat(MessageIds.all("<a@b> <c.d@e.f>\t<g@h>")).containsExactly("a@b", "c.d@e.f", "g@h");
    }

    @Test
    void skipsPhrasesCommentsAndEmptyTokens() {
        assertThat(MessageIds.all("Your message of Mon, 1 Jan <a@b> (sent by \"x\") <> junk<c@d>"))
                .containsExactly("a@b", "c@d");
    }

    @Test
    void dropsWhitespaceFoldedIntoAnId() {
        assertThat(MessageIds.all("<long.id@\r\n exam ple.com>")).containsExactly("long.id@example.com");
    }

    @Test
    void aNestedOpeningBracketStartsAgain() {
        assertThat(MessageIds.all("<<a@b>")).containsExactly("a@b");
        assertThat(MessageIds.all("<unclosed@x <b@c>")).containsExactly("b@c");
    }

    @Test
    void takesABareIdWhenThereIsNoBracket() {
        assertThat(MessageIds.all("  a.b@c.example ")).containsExactly("a.b@c.example");
        assertThat(MessageIds.all("no id here")).isEmpty();
        assertThat(MessageIds.all("two words@x")).isEmpty();
        assertThat(MessageIds.first("")).isNull();
    }
}
