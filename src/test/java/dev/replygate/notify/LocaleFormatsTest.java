package dev.replygate.notify;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;

import static dev.replygate.notify.LocaleFormats.DateStyle.DATE;
import static dev.replygate.notify.LocaleFormats.DateStyle.DATETIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocaleFormatsTest {

    private static final Locale FA = Locale.forLanguageTag("fa");
    private static final Locale EN = Locale.forLanguageTag("en");
    private final LocaleFormats tehran = new LocaleFormats(ZoneId.of("Asia/Tehran"));

    @Test
    void persianReadersGetTheSolarHijriCalendarWithPersianDigits() {
        assertThat(tehran.date(Instant.parse("2026-03-21T08:30:00Z"), FA, DATE)).isEqualTo("۱ فروردین ۱۴۰۵");
        assertThat(tehran.date(Instant.parse("2026-03-20T08:30:00Z"), FA, DATE)).isEqualTo("۲۹ اسفند ۱۴۰۴");
    }

    @Test
    void regionalPersianToo() {
        assertThat(tehran.date(Instant.parse("2026-03-21T08:30:00Z"), Locale.forLanguageTag("fa-IR"), DATE))
                .isEqualTo("۱ فروردین ۱۴۰۵");
    }

    @Test
    void englishReadersGetGregorian() {
        assertThat(tehran.date(Instant.parse("2026-03-21T08:30:00Z"), EN, DATE)).isEqualTo("March 21, 2026");
    }

    @Test
    void theConfiguredZoneDecidesTheDay() {
        Instant lateEvening = Instant.parse("2026-03-20T22:00:00Z");

        assertThat(new LocaleFormats(ZoneOffset.UTC).date(lateEvening, EN, DATE)).isEqualTo("March 20, 2026");
        assertThat(tehran.date(lateEvening, EN, DATE)).isEqualTo("March 21, 2026");
        assertThat(tehran.date(lateEvening, FA, DATE)).isEqualTo("۱ فروردین ۱۴۰۵");
    }

    @Test
    void dateTimeShowsTheLocalTime() {
        assertThat(tehran.date(Instant.parse("2026-03-21T08:30:00Z"), FA, DATETIME))
                .contains("۱ فروردین ۱۴۰۵").contains("۱۲:۰۰");
        assertThat(tehran.date(Instant.parse("2026-03-21T08:30:00Z"), EN, DATETIME))
                .startsWith("March 21, 2026").contains("12:00");
    }

    @Test
    void acceptsJavaTimeValuesAndIsoStrings() {
        String expected = "March 21, 2026";
        assertThat(tehran.date(LocalDate.of(2026, 3, 21), EN, DATETIME)).isEqualTo(expected);
        assertThat(tehran.date(LocalDateTime.of(2026, 3, 21, 0, 30), EN, DATE)).isEqualTo(expected);
        assertThat(tehran.date(OffsetDateTime.parse("2026-03-21T01:00:00+03:30"), EN, DATE)).isEqualTo(expected);
        assertThat(tehran.date(Date.from(Instant.parse("2026-03-21T08:30:00Z")), EN, DATE)).isEqualTo(expected);
        assertThat(tehran.date("2026-03-21", EN, DATETIME)).isEqualTo(expected);
        assertThat(tehran.date("2026-03-20T21:00:00Z", EN, DATE)).isEqualTo(expected);
        assertThat(tehran.date("2026-03-21T00:10:00", EN, DATE)).isEqualTo(expected);
    }

    @Test
    void emptyValueGivesEmptyText() {
        assertThat(tehran.date("", FA, DATE)).isEmpty();
        assertThat(tehran.date(null, FA, DATE)).isEmpty();
        assertThat(tehran.number("", FA)).isEmpty();
    }

    @Test
    void notADateIsAnError() {
        assertThatThrownBy(() -> tehran.date("yesterday", EN, DATE))
                .isInstanceOf(TemplateException.class).hasMessageContaining("yesterday");
        assertThatThrownBy(() -> tehran.date(42, EN, DATE))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Integer");
    }

    @Test
    void countsUseTheReadersDigits() {
        assertThat(tehran.number(1234, FA)).isEqualTo("۱٬۲۳۴");
        assertThat(tehran.number("7", FA)).isEqualTo("۷");
        assertThat(tehran.number(1234L, EN)).isEqualTo("1,234");
        assertThatThrownBy(() -> tehran.number("many", EN)).isInstanceOf(TemplateException.class);
    }

    @Test
    void directionOfTheScript() {
        assertThat(LocaleFormats.isRightToLeft(FA)).isTrue();
        assertThat(LocaleFormats.isRightToLeft(Locale.forLanguageTag("ar"))).isTrue();
        assertThat(LocaleFormats.isRightToLeft(EN)).isFalse();
        assertThat(LocaleFormats.isRightToLeft(Locale.forLanguageTag("pt-BR"))).isFalse();
    }
}
