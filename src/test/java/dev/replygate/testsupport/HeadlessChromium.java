package dev.replygate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The distribution's Chromium, headless, as a reader of pages: the DOM after loading, or a PNG
 * screenshot. Installed by scripts/install-test-deps.sh; without it a developer's test is skipped
 * and CI's fails ({@link Prerequisites}).
 */
public final class HeadlessChromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long LIMIT_SECONDS = 60;

    private final Path profile;

    private HeadlessChromium(Path profile) {
        this.profile = profile;
    }

    /** Chromium with a profile of its own in {@code folder}; skips or fails the test when not installed. */
    public static HeadlessChromium in(Path folder) {
        if (!Files.isExecutable(BINARY)) {
            return Prerequisites.missing(BINARY + " is not installed (scripts/install-test-deps.sh installs it)");
        }
        try {
            return new HeadlessChromium(Files.createDirectories(folder.resolve("chromium-profile")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's DOM as HTML once loaded. */
    public String dom(String url) {
        return run(List.of("--dump-dom", url));
    }

    /** Writes a PNG of the page at {@code width} × {@code height} pixels to {@code png}. */
    public void screenshot(String url, Path png, int width, int height) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", url));
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium wrote no screenshot to " + png);
        }
    }

    private String run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile));
        command.addAll(arguments);
        try {
            Path out = Files.createTempFile(profile, "stdout", ".html");
            Path err = Files.createTempFile(profile, "stderr", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("chromium took more than " + LIMIT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("chromium exited " + process.exitValue() + ": " + command + "\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
