package dev.replygate.digest;

import dev.replygate.notify.RenderedTemplate;
import dev.replygate.testsupport.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest of the golden data set as a browser shows it (headless Chromium, no script): English left
 * to right, Persian right to left with Persian digits. Its HTML and a screenshot of each are written
 * under target/digest/ for people to look at.
 */
class DigestScreenshotsIT {

    private static final Path OUT = Path.of("target", "digest");

    @TempDir
    Path folder;

    @Test
    void theEnglishAndPersianDigestsRenderInABrowser() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.in(folder);
        Files.createDirectories(OUT);
        try (DigestWorld world = new DigestWorld(folder)) {
            world.fill();
            Digests digests = world.digests();
            for (String name : new String[] {"daily", "daily-fa"}) {
                String language = name.endsWith("fa") ? "fa" : "en";
                RenderedTemplate mail = digests.render(digests.named(name),
                        new DigestSchedule(digests.named(name)).endedBy(DigestWorld.FIRING).orElseThrow());
                Path html = OUT.resolve("digest-" + language + ".html").toAbsolutePath();
                Files.writeString(html, mail.html(), StandardCharsets.UTF_8);

                String dom = chromium.dom(html.toUri().toString());
                assertThat(dom).contains("<html lang=\"" + language + "\" dir=\"" + (language.equals("fa") ? "rtl"
                        : "ltr") + "\"", DigestWorld.ADMIN_TICKET_URL.replace("&", "&amp;") + "123456")
                        .doesNotContain("<script>");
                if (language.equals("fa")) {
                    assertThat(dom).contains("فروردین ۱۴۰۵", "<bdi>old@example.net</bdi>");
                }
                chromium.screenshot(html.toUri().toString(), OUT.resolve("digest-" + language + ".png"), 800, 2600);
            }
        }
    }
}
