package dev.replygate.notify;

import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;

import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lets Pebble read {@link TemplateFiles}. Names are paths from the template root
 * ({@code {% extends "layout.html.peb" %}}); names starting with {@code ./} or {@code ../} are
 * relative to the including template. Files are always UTF-8 and named in full.
 */
final class TemplateFileLoader implements Loader<String> {

    private final TemplateFiles files;

    TemplateFileLoader(TemplateFiles files) {
        this.files = files;
    }

    @Override
    public Reader getReader(String name) {
        if (!files.exists(name)) {
            throw new LoaderException(null, "no template file " + name + " in " + files);
        }
        return files.open(name);
    }

    @Override
    public boolean resourceExists(String name) {
        return files.exists(name);
    }

    @Override
    public String createCacheKey(String name) {
        return name;
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        if (!relativePath.startsWith("./") && !relativePath.startsWith("../")) {
            return null; // Pebble then uses the name as given: a path from the root
        }
        Deque<String> segments = new ArrayDeque<>();
        int lastSlash = anchorPath.lastIndexOf('/');
        if (lastSlash > 0) {
            for (String segment : anchorPath.substring(0, lastSlash).split("/")) {
                segments.addLast(segment);
            }
        }
        for (String segment : relativePath.split("/")) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new LoaderException(null, relativePath + " leaves the template folder (from "
                            + anchorPath + ")");
                }
                segments.removeLast();
            } else if (!segment.equals(".") && !segment.isEmpty()) {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }

    @Override
    public void setCharset(String charset) {
        throw new UnsupportedOperationException("template files are always UTF-8");
    }

    @Override
    public void setPrefix(String prefix) {
        throw new UnsupportedOperationException("template names are complete paths");
    }

    @Override
    public void setSuffix(String suffix) {
        throw new UnsupportedOperationException("template names are complete paths");
    }
}
