package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.link.IssuedLink;
import com.partnercenter.link.LinkService;
import com.partnercenter.link.LinkType;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.TestData;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The partner overview counts the partner's own invitations, acceptances, trials and offers, by month. */
@IntegrationTest
class OverviewStatisticsTest {

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired LinkService links;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired JdbcClient jdbc;
    @Autowired OverviewStatistics statistics;

    @Test
    void countsThePartnersOwnFlowsAndChartsThemByMonth() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        Partner other = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        var expires = EngineClock.now().plus(Duration.ofDays(30));
        IssuedLink trial = links.issue(LinkType.TRIAL_INVITATION, partner, expires, null, null, null, false);
        IssuedLink offer = links.issue(LinkType.PURCHASE_OFFER, partner, expires, null, null, null, false);
        links.issue(LinkType.TRIAL_INVITATION, other, expires, null, null, null, false);
        links.issue(LinkType.EMAIL_CONFIRMATION, partner, expires, null, null, null, true);
        confirmedAcceptance(trial.id());
        confirmedAcceptance(offer.id());
        var customer = data.customerOf(partner);
        var sku = data.sku(true, 1, 100);
        Subscription running = subscriptions.insert(customer.customer().id(), sku.code(), 25, Subscription.Status.TRIAL,
                Subscription.Origin.TRIAL_INVITATION, LocalDate.now(), LocalDate.now().plusDays(30), partner.id(), null);
        jdbc.sql("insert into pc_subscription_change (change_id, subscription_id, kind, partner_of_record_id, actor, "
                        + "occurred_at) values (?,?,'TRIAL_CONVERTED',?,'test',?)")
                .params(TestData.unique("chg"), running.id(), partner.id(), Timestamp.from(EngineClock.now())).update();

        OverviewStatistics.Overview overview = statistics.of(partner);
        assertThat(overview.invitationsSent()).isEqualTo(2);
        assertThat(overview.accepted()).isEqualTo(2);
        assertThat(overview.offersAccepted()).isEqualTo(1);
        assertThat(overview.trialsRunning()).isEqualTo(1);
        assertThat(overview.trialsConverted()).isEqualTo(1);
        assertThat(overview.customers()).as("delegated admin: no relationship accepted yet").isZero();
        assertThat(overview.months()).hasSize(6);
        OverviewStatistics.Month now = overview.months().get(5);
        assertThat(now.month()).isEqualTo(YearMonth.from(LocalDate.ofInstant(EngineClock.now(), ZoneOffset.UTC)));
        assertThat(now.count(OverviewStatistics.Series.INVITATIONS_SENT)).isEqualTo(2);
        assertThat(now.count(OverviewStatistics.Series.TRIALS_STARTED)).isEqualTo(1);
        assertThat(overview.months().get(0).count(OverviewStatistics.Series.INVITATIONS_SENT)).isZero();

        PartnerUser user = data.user(partner, CompanyRole.NONE, SupportedAccess.NONE);
        String page = PartnerBrowser.signIn(port, "default", user.userId(), TestData.PASSWORD).get("/partner").body();
        assertThat(page).contains("<strong>2</strong> <span>invitations sent</span>").contains("<rect");
    }

    private void confirmedAcceptance(long linkId) {
        jdbc.sql("insert into pc_acceptance (link_id, organization_name, domain, country, language, admin_first_name, "
                        + "admin_last_name, admin_email, status, confirmed_at) values (?,?,?,?,?,?,?,?,'CONFIRMED',?)")
                .params(linkId, "Org", TestData.unique("d") + ".example", "FR", "fr", "A", "B", "a@b.example",
                        Timestamp.from(EngineClock.now()))
                .update();
    }
}
