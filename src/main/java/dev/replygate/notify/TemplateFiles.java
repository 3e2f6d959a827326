package dev.replygate.notify;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Template files looked up in several root folders, first match wins: the admins' override
 * folder (which may not exist, or appear later), then the built-in templates.
 * Names are relative paths with {@code /}, e.g. {@code fa/ticket-opened.html.peb}.
 */
final class TemplateFiles {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final List<Path> roots;

    TemplateFiles(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The override folder first, then the templates inside the jar. */
    static TemplateFiles overridingBuiltIn(Path overrideDirectory) {
        return new TemplateFiles(List.of(overrideDirectory, BuiltInTemplates.root(TemplateFiles.class.getClassLoader())));
    }

    boolean exists(String name) {
        return find(name).isPresent();
    }

    Reader open(String name) {
        Path file = find(name).orElseThrow(() -> new TemplateException("no template file " + name + " in " + roots));
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    /** Names of the locale folders in any root; a folder may still lack a given template. */
    SortedSet<String> localeFolders() {
        SortedSet<String> folders = new TreeSet<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> children = Files.list(root)) {
                children.filter(Files::isDirectory)
                        .map(child -> stripTrailingSlash(child.getFileName().toString()))
                        .filter(name -> SEGMENT.matcher(name).matches())
                        .forEach(folders::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list templates in " + root, e);
            }
        }
        return folders;
    }

    private Optional<Path> find(String name) {
        if (!isSafeName(name)) {
            return Optional.empty();
        }
        for (Path root : roots) {
            Path file = root.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** Only plain relative names, so no request can read a file outside the template folders. */
    static boolean isSafeName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
                return false;
            }
        }
        return true;
    }

    // a directory inside a zip file system is named with a trailing slash
    private static String stripTrailingSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public String toString() {
        return roots.toString();
    }
}
