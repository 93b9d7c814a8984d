package com.partnercenter.portal;

import com.partnercenter.customer.CustomerDirectory;
import com.partnercenter.delegation.CustomerAccess;
import com.partnercenter.partner.Partner;
import com.partnercenter.platform.EngineClock;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The partner overview's figures, from the application's own tables: invitations sent (trial, purchase and
 * sign-up links), acceptances confirmed, trials running, trials converted and purchase offers accepted; totals
 * and per month for the last {@value #MONTHS} months (the chart).
 */
@Component
public class OverviewStatistics {

    static final int MONTHS = 6;

    public enum Series { INVITATIONS_SENT, ACCEPTED, TRIALS_STARTED, TRIALS_CONVERTED, OFFERS_ACCEPTED }

    /** One month of the chart: a count per series. */
    public record Month(YearMonth month, Map<Series, Long> counts) {
        public long count(Series series) {
            return counts.getOrDefault(series, 0L);
        }
    }

    public record Overview(long invitationsSent, long accepted, long trialsRunning, long trialsConverted,
            long offersAccepted, long customers, List<Month> months, long max) {}

    private final JdbcClient jdbc;
    private final CustomerDirectory directory;

    public OverviewStatistics(JdbcClient jdbc, CustomerDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    public Overview of(Partner partner) {
        long id = partner.id();
        YearMonth now = YearMonth.from(LocalDate.ofInstant(EngineClock.now(), ZoneOffset.UTC));
        YearMonth first = now.minusMonths(MONTHS - 1);
        Timestamp since = Timestamp.from(first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        Map<YearMonth, Map<Series, Long>> byMonth = new LinkedHashMap<>();
        for (int i = 0; i < MONTHS; i++) {
            byMonth.put(first.plusMonths(i), new LinkedHashMap<>());
        }
        String invitations = "from pc_link l where l.partner_id = ? and l.link_type in "
                + "('TRIAL_INVITATION', 'PURCHASE_OFFER', 'CUSTOMER_SIGNUP')";
        String accepted = "from pc_acceptance a join pc_link l on l.id = a.link_id where l.partner_id = ? "
                + "and a.status = 'CONFIRMED'";
        String offers = accepted + " and l.link_type = 'PURCHASE_OFFER'";
        String converted = "from pc_subscription_change c where c.partner_of_record_id = ? and c.kind = 'TRIAL_CONVERTED'";
        String trials = "from pc_subscription s where s.partner_of_record_id = ? and s.origin = 'TRIAL_INVITATION'";
        perMonth(byMonth, Series.INVITATIONS_SENT, invitations, "l.created_at", id, since);
        perMonth(byMonth, Series.ACCEPTED, accepted, "a.confirmed_at", id, since);
        perMonth(byMonth, Series.OFFERS_ACCEPTED, offers, "a.confirmed_at", id, since);
        perMonth(byMonth, Series.TRIALS_CONVERTED, converted, "c.occurred_at", id, since);
        perMonth(byMonth, Series.TRIALS_STARTED, trials, "s.created_at", id, since);
        List<Month> months = new ArrayList<>();
        long max = 1;
        for (var e : byMonth.entrySet()) {
            months.add(new Month(e.getKey(), e.getValue()));
            for (long v : e.getValue().values()) {
                max = Math.max(max, v);
            }
        }
        long running = count("select count(*) " + trials + " and s.status = 'TRIAL'", id);
        long customers = CustomerAccess.open(partner) ? directory.count(partner) : 0;
        return new Overview(count("select count(*) " + invitations, id), count("select count(*) " + accepted, id),
                running, count("select count(*) " + converted, id), count("select count(*) " + offers, id), customers,
                months, max);
    }

    private long count(String sql, long partnerId) {
        return jdbc.sql(sql).param(partnerId).query(Long.class).single();
    }

    private void perMonth(Map<YearMonth, Map<Series, Long>> byMonth, Series series, String from, String column,
            long partnerId, Timestamp since) {
        jdbc.sql("select extract(year from " + column + ") as y, extract(month from " + column + ") as m, count(*) as n "
                        + from + " and " + column + " >= ? group by extract(year from " + column + "), extract(month from "
                        + column + ")")
                .params(partnerId, since)
                .query((rs, row) -> {
                    YearMonth month = YearMonth.of(rs.getInt("y"), rs.getInt("m"));
                    Map<Series, Long> counts = byMonth.get(month);
                    if (counts != null) {
                        counts.merge(series, rs.getLong("n"), Long::sum);
                    }
                    return month;
                }).list();
    }
}
