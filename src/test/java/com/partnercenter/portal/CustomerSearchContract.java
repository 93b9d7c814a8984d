package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerDirectory;
import com.partnercenter.customer.CustomerDirectory.Query;
import com.partnercenter.customer.CustomerDirectory.Row;
import com.partnercenter.customer.CustomerDirectory.Sort;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.TestData;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Customer search on 160 customers of one partner (plus look-alikes of another partner): paging, sorting, each
 * filter (name, domain, admin e-mail, SKU), combinations, wildcards taken literally, and the page from 100
 * customers on. Runs on H2 and on PostgreSQL.
 */
abstract class CustomerSearchContract {

    static final int CUSTOMERS = 160;

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired CustomerRepository customers;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired CustomerDirectory directory;

    Partner partner;
    Sku skuA;
    Sku skuB;
    String run;

    /** Engine name for the Tasklist login of this context. */
    abstract String engine();

    @BeforeEach
    void seed() {
        partner = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        skuA = data.sku(false, 1, 100);
        skuB = data.sku(false, 1, 100);
        run = TestData.unique("r").toLowerCase(Locale.ROOT);
        for (int i = 1; i <= CUSTOMERS; i++) {
            String name = (i % 2 == 0 ? "Alpine " : "Birch ") + String.format("%03d", i);
            Customer c = customers.insert(name, run + "-" + i + ".example", "FR", "en", null);
            customers.linkPartner(partner.id(), c.id());
            customers.insertAdmin(c.id(), run + "a" + i, "A", "Admin", (i % 5 == 0 ? "boss" : "it") + i + "@" + c.domain(),
                    true);
            subscriptions.insert(c.id(), (i % 3 == 0 ? skuA : skuB).code(), 10, Subscription.Status.ACTIVE,
                    Subscription.Origin.PURCHASE_OFFER, LocalDate.now(), LocalDate.now().plusYears(1), null, null);
        }
        Partner other = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        Customer lookAlike = customers.insert("Alpine 000", run + "-other.example", "FR", "en", null);
        customers.linkPartner(other.id(), lookAlike.id());
        subscriptions.insert(lookAlike.id(), skuA.code(), 10, Subscription.Status.ACTIVE,
                Subscription.Origin.PURCHASE_OFFER, LocalDate.now(), LocalDate.now().plusYears(1), null, null);
    }

    @Test
    void pagesThroughEveryCustomerSortedByNameInBothDirections() {
        assertThat(directory.count(partner)).isEqualTo(CUSTOMERS);
        com.partnercenter.web.Paged<Row> first = directory.search(partner, new Query("", null, Sort.NAME, false, 0, 25));
        assertThat(first.total()).isEqualTo(CUSTOMERS);
        assertThat(first.capped()).isFalse();
        assertThat(first.pages()).isEqualTo(7);
        assertThat(names(first.rows())).startsWith("Alpine 002", "Alpine 004", "Alpine 006").hasSize(25);
        com.partnercenter.web.Paged<Row> last = directory.search(partner, new Query("", null, Sort.NAME, false, 6, 25));
        assertThat(names(last.rows())).hasSize(10).endsWith("Birch 159");
        assertThat(last.hasNext()).isFalse();
        assertThat(first.hasNext()).isTrue();

        com.partnercenter.web.Paged<Row> descending = directory.search(partner, new Query("", null, Sort.NAME, true, 0, 3));
        assertThat(names(descending.rows())).containsExactly("Birch 159", "Birch 157", "Birch 155");
        com.partnercenter.web.Paged<Row> byDomain = directory.search(partner, new Query("", null, Sort.DOMAIN, false, 0, 3));
        assertThat(byDomain.rows()).extracting(Row::domain)
                .containsExactly(run + "-1.example", run + "-10.example", run + "-100.example");
        assertThat(byDomain.rows().get(0).activeSubscriptions()).isEqualTo(1);
    }

    @Test
    void filtersByNameDomainAdminEmailAndSkuPrefixesOnly() {
        assertThat(search("alpine", null).total()).isEqualTo(80);
        assertThat(names(search("BIRCH 01", null).rows()))
                .containsExactly("Birch 011", "Birch 013", "Birch 015", "Birch 017", "Birch 019");
        assertThat(names(search(run + "-7.", null).rows())).containsExactly("Birch 007");
        assertThat(search("boss", null).total()).isEqualTo(CUSTOMERS / 5);
        assertThat(names(search("boss15@", null).rows())).containsExactly("Birch 015");
        assertThat(search("", skuA.code()).total()).isEqualTo(CUSTOMERS / 3);
        assertThat(search("alpine", skuA.code()).total()).isEqualTo(26);
        assertThat(search("lpine", null).total()).as("prefix, not contains").isZero();
        assertThat(search("%", null).total()).as("wildcards are literal").isZero();
        assertThat(search("_lpine", null).total()).isZero();
        assertThat(search("alpine 000", null).total()).as("another partner's customer").isZero();
        assertThat(search("", "NO-SUCH-SKU").total()).isZero();
    }

    @Test
    void fromOneHundredCustomersThePageSearchesPagesAndSorts() {
        PartnerUser user = data.user(partner, CompanyRole.NONE, SupportedAccess.NONE);
        PartnerBrowser browser = PartnerBrowser.signIn(port, engine(), user.userId(), TestData.PASSWORD);

        PartnerBrowser.Page page = browser.get("/partner/customers");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("role=\"search\"").contains("Page 1 of 7").contains("rel=\"next\"")
                .contains("Alpine 002").doesNotContain("Birch 159");
        PartnerBrowser.Page found = browser.get("/partner/customers?q=birch+01&sort=name&dir=desc");
        assertThat(found.body()).contains("5 found among your 160 customers").contains("Birch 019")
                .doesNotContain("Alpine");
        assertThat(found.body().indexOf("Birch 019")).isLessThan(found.body().indexOf("Birch 011"));
        PartnerBrowser.Page third = browser.get("/partner/customers?page=2&sku=" + skuA.code());
        assertThat(third.body()).contains("Page 3 of 3").doesNotContain("rel=\"next\"")
                .contains("rel=\"prev\" href=\"/partner/customers?lang=en&amp;page=1&amp;sku=" + skuA.code() + "\"");
        assertThat(browser.get("/partner/customers?page=x&sort=drop+table&dir=sideways").status()).isEqualTo(200);
    }

    private com.partnercenter.web.Paged<Row> search(String q, String sku) {
        return directory.search(partner, new Query(q, sku, Sort.NAME, false, 0, 100));
    }

    private static List<String> names(List<Row> rows) {
        return rows.stream().map(Row::name).toList();
    }
}
