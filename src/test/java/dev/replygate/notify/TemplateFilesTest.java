package dev.replygate.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateFilesTest {

    @TempDir
    Path temp;

    private Path file(Path root, String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static String read(TemplateFiles files, String name) throws IOException {
        try (Reader reader = files.open(name)) {
            StringWriter out = new StringWriter();
            reader.transferTo(out);
            return out.toString();
        }
    }

    @Test
    void firstRootWins() throws IOException {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        file(first, "en/a.html.peb", "first");
        file(second, "en/a.html.peb", "second");
        file(second, "fa/a.html.peb", "سلام");

        TemplateFiles files = new TemplateFiles(List.of(first, second));

        assertThat(read(files, "en/a.html.peb")).isEqualTo("first");
        assertThat(read(files, "fa/a.html.peb")).isEqualTo("سلام");
        assertThat(files.localeFolders()).containsExactly("en", "fa");
    }

    @Test
    void namesOutsideTheRootsAreNeverFound() throws IOException {
        Path root = temp.resolve("root");
        file(root, "en/a.html.peb", "x");
        file(temp, "secret.txt", "secret");
        TemplateFiles files = new TemplateFiles(List.of(root));

        assertThat(files.exists("en/a.html.peb")).isTrue();
        assertThat(files.exists("../secret.txt")).isFalse();
        assertThat(files.exists("en/../../secret.txt")).isFalse();
        assertThat(files.exists(temp.resolve("secret.txt").toString())).isFalse();
        assertThat(files.exists("en")).isFalse();
        assertThatThrownBy(() -> files.open("../secret.txt")).isInstanceOf(TemplateException.class);
    }

    @Test
    void rootsThatDoNotExistAreSkipped() throws IOException {
        Path root = temp.resolve("root");
        file(root, "en/a.html.peb", "x");
        TemplateFiles files = new TemplateFiles(List.of(temp.resolve("missing"), root));

        assertThat(files.exists("en/a.html.peb")).isTrue();
        assertThat(files.localeFolders()).containsExactly("en");
    }

    @Test
    void builtInTemplatesAreFoundOnTheClassPath() {
        TemplateFiles files = new TemplateFiles(List.of(BuiltInTemplates.root(getClass().getClassLoader())));

        assertThat(files.exists(TemplateNames.LAYOUT)).isTrue();
        assertThat(files.localeFolders()).contains("en", "fa");
    }

    @Test
    void builtInTemplatesAreReadFromInsideAJar() throws IOException {
        Path jar = temp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "templates/layout.html.peb", "<html>{% block content %}{% endblock %}</html>");
            entry(out, "templates/fa/hello.subject.peb", "سلام");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            TemplateFiles files = new TemplateFiles(List.of(BuiltInTemplates.root(loader)));

            assertThat(files.localeFolders()).containsExactly("fa");
            assertThat(read(files, "fa/hello.subject.peb")).isEqualTo("سلام");
            // a second lookup finds the jar's file system already open
            assertThat(new TemplateFiles(List.of(BuiltInTemplates.root(loader))).exists(TemplateNames.LAYOUT))
                    .isTrue();
        }
    }

    @Test
    void classPathWithoutTemplatesIsAClearError() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> BuiltInTemplates.root(empty))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("templates/layout.html.peb");
        }
    }

    private static void entry(JarOutputStream jar, String name, String content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }
}
