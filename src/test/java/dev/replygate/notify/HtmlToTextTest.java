package dev.replygate.notify;

import org.junit.jupiter.api.Test;

import static dev.replygate.text.Bidi.FSI;
import static dev.replygate.text.Bidi.PDI;
import static org.assertj.core.api.Assertions.assertThat;

class HtmlToTextTest {

    private static String ltr(String body) {
        return PlainText.ofHtml("<html lang=\"en\" dir=\"ltr\"><head><title>T</title><style>p{}</style></head>"
                + "<body>" + body + "</body></html>");
    }

    private static String rtl(String body) {
        return PlainText.ofHtml("<html lang=\"fa\" dir=\"rtl\"><body>" + body + "</body></html>");
    }

    @Test
    void paragraphsAreSeparatedByOneBlankLine() {
        assertThat(ltr("<p>One</p>\n\n<p>Two</p><div></div><p></p><p>Three</p>"))
                .isEqualTo("One\n\nTwo\n\nThree\n");
    }

    @Test
    void lineBreaksAndWhiteSpaceAsInABrowser() {
        assertThat(ltr("<p>  Kind   regards,<br>\n   The team  </p>")).isEqualTo("Kind regards,\nThe team\n");
    }

    @Test
    void twoLineBreaksLeaveOneBlankLineButNoMore() {
        assertThat(ltr("<p>a<br><br><br><br>b</p>")).isEqualTo("a\n\nb\n");
    }

    @Test
    void linkWithLabelShowsLabelAndAddress() {
        assertThat(ltr("<p>See <a href=\"https://example.com/t?id=1&amp;x=2\">your ticket</a>.</p>"))
                .isEqualTo("See your ticket (https://example.com/t?id=1&x=2).\n");
    }

    @Test
    void linkWhoseLabelIsTheAddressShowsItOnce() {
        assertThat(ltr("<a href=\"https://example.com/\">https://example.com/</a>")).isEqualTo("https://example.com/\n");
        assertThat(ltr("<a href=\"https://example.com/\">example.com</a>")).isEqualTo("https://example.com/\n");
        assertThat(ltr("<a href=\"mailto:help@example.com\">help@example.com</a>")).isEqualTo("help@example.com\n");
    }

    @Test
    void linkWithoutTargetKeepsOnlyItsLabel() {
        assertThat(ltr("<a href=\"#top\">Top</a> <a>Plain</a>")).isEqualTo("Top Plain\n");
    }

    @Test
    void listsBecomeDashedOrNumberedLines() {
        assertThat(ltr("<p>Hints:</p><ul><li>short</li><li>clear<ul><li>really</li></ul></li></ul>"
                + "<ol><li>first</li><li>second</li></ol><p>End</p>"))
                .isEqualTo("Hints:\n\n- short\n- clear\n  - really\n\n1. first\n2. second\n\nEnd\n");
    }

    @Test
    void tableCellsOfARowShareALine() {
        assertThat(ltr("<table><tr><td>Ticket:</td><td>#1</td></tr><tr><td>Subject:</td><td>Down</td></tr></table>"))
                .isEqualTo("Ticket: #1\nSubject: Down\n");
    }

    @Test
    void headScriptsAndStylesAreLeftOut() {
        assertThat(ltr("<script>alert(1)</script><p>Body</p>")).isEqualTo("Body\n");
    }

    @Test
    void bdiBecomesFirstStrongIsolate() {
        assertThat(rtl("<p>تیکت <bdi>#123</bdi> ثبت شد</p>")).isEqualTo("تیکت " + FSI + "#123" + PDI + " ثبت شد\n");
    }

    @Test
    void addressesAddedToRightToLeftTextAreIsolated() {
        assertThat(rtl("<p><a href=\"https://example.com/t\">مشاهده تیکت</a></p>"))
                .isEqualTo("مشاهده تیکت (" + FSI + "https://example.com/t" + PDI + ")\n");
        assertThat(rtl("<p><a href=\"https://example.com/t\"><bdi>https://example.com/t</bdi></a></p>"))
                .isEqualTo(FSI + "https://example.com/t" + PDI + "\n");
    }

    @Test
    void escapedMarkupStaysText() {
        assertThat(ltr("<p>&lt;script&gt; &amp; more</p>")).isEqualTo("<script> & more\n");
    }

    @Test
    void emptyDocumentGivesEmptyText() {
        assertThat(ltr("")).isEmpty();
    }
}
