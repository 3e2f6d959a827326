package dev.replygate.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9: received mail and our own text parts are read from HTML by one converter, laid out alike. */
class HtmlToTextTest {

    @Test
    void receivedMailAndOurTextPartsAreLaidOutAlike() {
        String html = "<html dir=\"rtl\"><body><ol><li>one</li><li>two<ul><li>nested</li></ul></li></ol>"
                + "<pre>a  b\n  c</pre><p hidden>hidden</p><div style=\"display: none\">also</div>"
                + "<p><a href=\"https://example.com/t\">ticket</a> <a href=\"/relative\">here</a>"
                + " <a href=\"https://example.com/\">example.com</a></p></body></html>";
        String laidOut = "1. one\n2. two\n  - nested\n\na  b\n  c\n\nticket (https://example.com/t) here"
                + " https://example.com/";

        assertThat(HtmlToText.ofReceived(html, 10_000).text().strip()).isEqualTo(laidOut);
        assertThat(Bidi.stripIsolates(HtmlToText.ofOurHtml(html)).strip()).isEqualTo(laidOut);
        assertThat(HtmlToText.ofReceived(html, 10_000).text()).doesNotContain(String.valueOf(Bidi.FSI));
        assertThat(HtmlToText.ofOurHtml(html)).contains(Bidi.isolate("https://example.com/t"));
    }

    @Test
    void deepNestingIsWalkedWithoutRecursion() {
        String html = "<b>".repeat(20_000) + "deep" + "</b>".repeat(20_000);

        assertThat(HtmlToText.ofOurHtml(html).strip()).isEqualTo("deep");
        assertThat(HtmlToText.ofReceived(html, 100).text().strip()).isEqualTo("deep");
    }
}
