package dev.replygate.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocaleTagsTest {

    @Test
    void canonicalFolderNames() {
        assertThat(LocaleTags.canonical("pt_br")).contains("pt-BR");
        assertThat(LocaleTags.canonical(" FA ")).contains("fa");
        assertThat(LocaleTags.canonical("zh-hant-tw")).contains("zh-Hant-TW");
    }

    @Test
    void malformedTagsAreNoPreference() {
        assertThat(LocaleTags.canonical(null)).isEmpty();
        assertThat(LocaleTags.canonical("")).isEmpty();
        assertThat(LocaleTags.canonical("../en")).isEmpty();
        assertThat(LocaleTags.canonical("en/../../etc")).isEmpty();
        assertThat(LocaleTags.canonical("x")).isEmpty();
    }

    @Test
    void chainGoesFromRegionToLanguageToDefault() {
        assertThat(LocaleTags.fallbackChain("pt-BR", "en")).containsExactly("pt-BR", "pt", "en");
        assertThat(LocaleTags.fallbackChain("fa", "en")).containsExactly("fa", "en");
        assertThat(LocaleTags.fallbackChain("en-GB", "en")).containsExactly("en-GB", "en");
        assertThat(LocaleTags.fallbackChain(null, "en")).containsExactly("en");
        assertThat(LocaleTags.fallbackChain("../x", "fa")).containsExactly("fa");
    }
}
