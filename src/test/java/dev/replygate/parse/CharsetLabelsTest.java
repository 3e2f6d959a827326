package dev.replygate.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.Charset;

import static org.assertj.core.api.Assertions.assertThat;

class CharsetLabelsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            utf8                 | UTF-8
            UTF-8                | UTF-8
            'UTF-8"'             | UTF-8
            '"utf-8"'            | UTF-8
            ' Utf-8 ; '          | UTF-8
            unicode-1-1-utf-7    | UTF-7
            UTF-7                | UTF-7
            x-user-defined       | windows-1252
            windows-1256         | windows-1256
            cp1256               | windows-1256
            Windows1256          | windows-1256
            ISO-8859-6           | ISO-8859-6
            iso-8859-6-i         | ISO-8859-6
            iso-8859-8-i         | ISO-8859-8
            ISO-2022-JP          | ISO-2022-JP
            KOI8-R               | KOI8-R
            GB2312               | GB18030
            gbk                  | GB18030
            ks_c_5601-1987       | x-windows-949
            euc-kr               | x-windows-949
            latin1               | windows-1252
            ISO-8859-1           | windows-1252
            ascii                | windows-1252
            'US-ASCII '          | windows-1252
            '"us-ascii"'         | windows-1252
            shift_jis            | windows-31j
            big5                 | Big5-HKSCS
            tis-620              | x-windows-874
            """)
    void mapsLabelsAsMailProgramsWriteThem(String label, String expected) {
        assertThat(CharsetLabels.lookup(label)).map(Charset::name).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"x-nonsense", "\"\"", "utf 8", "utf-8*en", "=?", "unknown-8bit", "\0"})
    void anUnknownOrIllegalLabelIsEmptyNeverAnException(String label) {
        assertThat(CharsetLabels.lookup(label)).isEmpty();
    }

    @Test
    void knowsWhichLabelsNameAscii() {
        assertThat(CharsetLabels.namesAscii("us-ascii")).isTrue();
        assertThat(CharsetLabels.namesAscii("ANSI_X3.4-1968")).isTrue();
        assertThat(CharsetLabels.namesAscii("latin1")).isFalse();
        assertThat(CharsetLabels.namesAscii(null)).isFalse();
    }
}
