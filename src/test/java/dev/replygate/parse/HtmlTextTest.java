package dev.replygate.parse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTest {

    private static String text(String html) {
        return HtmlText.toText(html, 10_000).text();
    }

    @Test
    void blockElementsEndLinesAndParagraphsAreSeparated() {
        assertThat(text("<div>one</div><div>two</div><p>three</p><h1>four</h1>five<br>six<br><br><br><br>seven"))
                .isEqualTo("one\ntwo\n\nthree\n\nfour\n\nfive\nsix\n\nseven");
    }

    @Test
    void whitespaceIsCollapsedAsABrowserDoes() {
        assertThat(text("  lots   of\n\n   space&nbsp;&nbsp;here <b>bold</b>,<i> italic</i>  "))
                .isEqualTo("lots of space here bold, italic");
    }

    @Test
    void preformattedTextKeepsItsLines() {
        assertThat(text("<pre>a  b\n  c</pre>after")).isEqualTo("a  b\n  c\n\nafter");
    }

    @Test
    void linksKeepTheirTarget() {
        assertThat(text("See <a href=\"https://portal.example/t/1\">ticket 1</a>, "
                + "<a href=\"https://portal.example/\">https://portal.example/</a>, "
                + "<a href=\"mailto:help@example.com\">help@example.com</a>, "
                + "<a href=\"mailto:help@example.com\">write us</a>, "
                + "<a href=\"javascript:void(0)\">click</a>, <a href=\"/relative\">here</a>."))
                .isEqualTo("See ticket 1 (https://portal.example/t/1), https://portal.example/, help@example.com, "
                        + "write us (help@example.com), click, here.");
    }

    @Test
    void anImageLinkShowsItsTarget() {
        assertThat(text("<a href=\"https://example.com/x\"><img src=\"a.png\"></a>")).isEqualTo("https://example.com/x");
    }

    @Test
    void scriptsStylesHeadAndHiddenElementsAreDropped() {
        assertThat(text("<html><head><title>T</title><style>p{}</style></head><body>"
                + "<script>var x = '<p>no</p>';</script>visible<span style=\"display: none\">hidden</span>"
                + "<div hidden>also hidden</div><noscript>ns</noscript></body></html>"))
                .isEqualTo("visible");
    }

    @Test
    void entitiesAreDecoded() {
        assertThat(text("&lt;tag&gt; &amp; &quot;q&quot; &#x645;&#1587; &eacute;")).isEqualTo("<tag> & \"q\" مس é");
    }

    @Test
    void tablesAndListsReadInOrder() {
        assertThat(text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"
                + "<ul><li>one</li><li>two</li></ul>"))
                .isEqualTo("a b\nc d\n\n- one\n- two");
    }

    @Test
    void keepsPersianTextAndItsZeroWidthNonJoiner() {
        assertThat(text("<p dir=\"rtl\">می\u200Cخواهم</p>")).isEqualTo("می\u200Cخواهم");
    }

    @Test
    void stopsAtTheLimit() {
        BoundedText text = HtmlText.toText("<p>" + "word ".repeat(1000) + "</p>", 20);

        assertThat(text.text()).isEqualTo("word word word word");
        assertThat(text.truncated()).isTrue();
    }

    @Test
    void brokenHtmlStillGivesItsText() {
        assertThat(text("<div><p>unclosed <b>bold <i>both</div> after </p></table>")).isEqualTo("unclosed bold both\n\nafter");
    }
}
