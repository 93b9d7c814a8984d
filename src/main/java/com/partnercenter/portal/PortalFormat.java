package com.partnercenter.portal;

import com.partnercenter.platform.ReaderFormat;
import java.time.Instant;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Formatting for the signed-in pages' templates ({@code ${@portalFormat.when(instant)}}): {@link ReaderFormat} in the
 * page's language.
 */
@Component("portalFormat")
public class PortalFormat {

    public String when(Instant instant) {
        return format().when(instant);
    }

    /** A day (LocalDate, Instant, Date or ISO text). */
    public String day(Object value) {
        return format().day(value);
    }

    /** A month ({@code yyyy-MM}) as "March 2026" / "mars 2026". */
    public String month(String yearMonth) {
        try {
            return java.time.YearMonth.parse(yearMonth).format(java.time.format.DateTimeFormatter.ofPattern("MMMM uuuu",
                    format().language().locale()));
        } catch (RuntimeException e) {
            return yearMonth;
        }
    }

    public String number(Number value) {
        return format().number(value);
    }

    private static ReaderFormat format() {
        return ReaderFormat.of(LocaleContextHolder.getLocale());
    }
}
