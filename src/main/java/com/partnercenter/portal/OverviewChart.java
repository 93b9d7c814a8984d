package com.partnercenter.portal;

import com.partnercenter.platform.ReaderFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The overview's bar chart laid out for the page (an SVG without script): a value axis with round ticks, a month
 * axis with the months in the reader's language, one bar per series and month with its value written above it,
 * and each month linking to the invitations it issued.
 *
 * @param ticks  the value axis: gridline height and label
 * @param months the month axis: label, centre of the group, link filter ({@code yyyy-MM})
 * @param bars   every bar, with its value
 */
public record OverviewChart(int width, int height, int left, int top, int bottom, List<Tick> ticks,
        List<MonthLabel> months, List<Bar> bars) {

    public record Tick(int y, String label) {}

    public record MonthLabel(int x, String label, String month) {}

    /** A bar; {@code link}: the invitations and offers it counts. */
    public record Bar(int x, int y, int width, int height, int series, long value, String valueLabel, String link) {
        /** Where the value is written (above the bar, inside the chart). */
        public int labelY() {
            return y - 4;
        }

        public int centre() {
            return x + width / 2;
        }
    }

    static final int WIDTH = 700;
    static final int HEIGHT = 250;
    static final int LEFT = 48;
    static final int TOP = 22;
    static final int BOTTOM = 210;
    static final int BAR = 15;
    static final int GAP = 2;

    public static OverviewChart of(OverviewStatistics.Overview overview, OverviewStatistics.Series[] series,
            Locale locale) {
        ReaderFormat format = ReaderFormat.of(locale);
        long top = niceTop(overview.max());
        int plot = BOTTOM - TOP;
        List<Tick> ticks = new ArrayList<>();
        int steps = top <= 4 ? (int) top : top % 4 == 0 ? 4 : top % 5 == 0 ? 5 : 2;
        for (int i = 0; i <= steps; i++) {
            long value = top * i / steps;
            ticks.add(new Tick(BOTTOM - (int) Math.round((double) plot * value / top), format.number(value)));
        }
        DateTimeFormatter monthName = DateTimeFormatter.ofPattern("MMM uuuu", format.language().locale());
        int groups = overview.months().size();
        int groupWidth = (WIDTH - LEFT - 10) / Math.max(1, groups);
        int barsWidth = series.length * (BAR + GAP) - GAP;
        List<MonthLabel> months = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        for (int m = 0; m < groups; m++) {
            OverviewStatistics.Month month = overview.months().get(m);
            int groupLeft = LEFT + m * groupWidth + (groupWidth - barsWidth) / 2;
            months.add(new MonthLabel(LEFT + m * groupWidth + groupWidth / 2, monthName.format(month.month()),
                    month.month().toString()));
            for (int s = 0; s < series.length; s++) {
                long value = month.count(series[s]);
                int h = (int) Math.round((double) plot * value / top);
                bars.add(new Bar(groupLeft + s * (BAR + GAP), BOTTOM - h, BAR, h, s, value, format.number(value),
                        link(series[s], month.month().toString())));
            }
        }
        return new OverviewChart(WIDTH, HEIGHT, LEFT, TOP, BOTTOM, ticks, months, bars);
    }

    /**
     * The invitations page filtered to what a bar counts: links issued in the month, or links with acceptances
     * confirmed in the month (of a kind); a conversion counts the trial invitations whose trials converted then.
     */
    static String link(OverviewStatistics.Series series, String month) {
        return switch (series) {
            case INVITATIONS_SENT -> "/partner/invitations?issued=" + month;
            case ACCEPTED -> "/partner/invitations?accepted=" + month;
            case OFFERS_ACCEPTED -> "/partner/invitations?kind=OFFER&accepted=" + month;
            case TRIALS_STARTED -> "/partner/invitations?kind=TRIAL&accepted=" + month;
            case TRIALS_CONVERTED -> "/partner/invitations?kind=TRIAL&converted=" + month;
        };
    }

    /** The smallest 1, 2 or 5 × 10ⁿ (at least 4, so that ticks are whole numbers) not below the maximum. */
    static long niceTop(long max) {
        if (max <= 4) {
            return Math.max(1, max);
        }
        long magnitude = 1;
        while (magnitude * 10 <= max) {
            magnitude *= 10;
        }
        for (long factor : new long[] {1, 2, 4, 5, 10}) {
            if (factor * magnitude >= max) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
