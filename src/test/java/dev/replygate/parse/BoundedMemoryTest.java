package dev.replygate.parse;

import dev.replygate.testsupport.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A 60 MB message is parsed in a JVM whose whole heap is 64 MB: bodies are streamed, never held. */
class BoundedMemoryTest {

    @Test
    void parsesAFiftyMegabyteAttachmentInASmallHeap(@TempDir Path dir) {
        JavaProcess.Result result = JavaProcess.run(BoundedMemoryProcess.class, List.of("-Xmx64m"), dir,
                Duration.ofMinutes(3));

        GeneratedMail expected = new GeneratedMail(BoundedMemoryProcess.TEXT_LINES, BoundedMemoryProcess.ATTACHMENT_LINES);
        long textBytes = BoundedMemoryProcess.TEXT_LINES * GeneratedMail.textLineLength();
        long attachmentBytes = BoundedMemoryProcess.ATTACHMENT_LINES * GeneratedMail.BYTES_PER_BASE64_LINE;
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains(
                "size " + expected.length() + " of " + expected.length(),
                "truncated true",
                "part text/plain " + textBytes,
                "part application/octet-stream " + attachmentBytes,
                "problems []");
        // cut at 100 000 characters, fewer once CRLF became LF
        assertThat(result.output()).containsPattern("text 9[5-9]\\d{3} truncated");
        assertThat(attachmentBytes).isGreaterThan(50_000_000);
        assertThat(expected.length()).isGreaterThan(60_000_000);
    }
}
