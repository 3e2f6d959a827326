package dev.replygate.notify;

import io.pebbletemplates.pebble.error.LoaderException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateFileLoaderTest {

    private final TemplateFileLoader loader = new TemplateFileLoader(new TemplateFiles(List.of()));

    @Test
    void plainNamesAreFromTheRoot() {
        assertThat(loader.resolveRelativePath("layout.html.peb", "fa/ticket-opened.html.peb")).isNull();
    }

    @Test
    void dotNamesAreRelativeToTheIncludingTemplate() {
        assertThat(loader.resolveRelativePath("./parts/a.peb", "fa/ticket-opened.html.peb"))
                .isEqualTo("fa/parts/a.peb");
        assertThat(loader.resolveRelativePath("../shared.peb", "fa/ticket-opened.html.peb"))
                .isEqualTo("shared.peb");
    }

    @Test
    void relativeNamesCannotLeaveTheRoot() {
        assertThatThrownBy(() -> loader.resolveRelativePath("../../etc/passwd", "fa/x.peb"))
                .isInstanceOf(LoaderException.class);
    }

    @Test
    void missingFileIsALoaderError() {
        assertThat(loader.resourceExists("en/x.peb")).isFalse();
        assertThatThrownBy(() -> loader.getReader("en/x.peb")).isInstanceOf(LoaderException.class);
    }
}
