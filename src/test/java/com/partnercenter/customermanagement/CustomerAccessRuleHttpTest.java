package com.partnercenter.customermanagement;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.delegation.CustomerAccess;
import com.partnercenter.delegation.RelationshipRepository;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestData.CustomerWithAdmin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "Who may see a customer" is one rule ({@link CustomerAccess#manages}): for every kind of partner and every kind of
 * customer, the rule's answer, the customer list, the customer's page and the audit API agree — a caller that
 * decided by itself would disagree on some row of this table.
 */
@IntegrationTest
class CustomerAccessRuleHttpTest {

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired RelationshipRepository relationships;
    @Autowired CustomerAccess access;

    /** A partner's customer of some kind, and whether the partner manages it. */
    record Row(String name, Partner partner, PartnerUser user, CustomerWithAdmin customer, boolean managed) {}

    @Test
    void theRuleTheListThePageAndTheApiAgreeForEveryPartnerAndCustomer() {
        List<Row> rows = new ArrayList<>();
        for (ProgramAuthorization[] kind : List.of(
                new ProgramAuthorization[] {ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER},
                new ProgramAuthorization[] {ProgramAuthorization.DELEGATED_ADMIN},
                new ProgramAuthorization[] {ProgramAuthorization.DELEGATED_ADMIN,
                        ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER},
                new ProgramAuthorization[] {ProgramAuthorization.SUBSCRIPTION_ADVISOR})) {
            Partner partner = data.partner(kind);
            PartnerUser user = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
            boolean asp = partner.has(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
            boolean delegated = partner.has(ProgramAuthorization.DELEGATED_ADMIN);
            String of = partner.authorizations().toString();
            rows.add(new Row(of + ", served, no relationship", partner, user, data.customerOf(partner), asp));
            if (delegated) {
                CustomerWithAdmin accepted = data.customerOf(partner);
                active(partner, user, accepted);
                rows.add(new Row(of + ", served, accepted delegated administration", partner, user, accepted, true));
            }
            CustomerWithAdmin stranger = new CustomerWithAdmin(data.customer(), null);
            rows.add(new Row(of + ", not served", partner, user, stranger, false));
        }

        for (Row row : rows) {
            long id = row.customer().customer().id();
            assertThat(access.manages(row.partner(), id)).as("the rule, %s", row.name()).isEqualTo(row.managed());
            PartnerBrowser browser = PartnerBrowser.signIn(port, "default", row.user().userId(), TestData.PASSWORD);
            PartnerBrowser.Page list = browser.get("/partner/customers");
            if (CustomerAccess.open(row.partner())) {
                assertThat(list.body().contains(row.customer().customer().name())).as("the list, %s", row.name())
                        .isEqualTo(row.managed());
            } else {
                assertThat(list.status()).as("the list, %s", row.name()).isEqualTo(403);
            }
            assertThat(browser.get("/partner/customers/" + id).status()).as("the page, %s", row.name())
                    .isEqualTo(row.managed() ? 200 : 404);
            assertThat(http.withBasicAuth(row.user().userId(), TestData.PASSWORD)
                    .getForEntity("/api/customers/" + id + "/audit", String.class).getStatusCode().value())
                    .as("the audit API, %s", row.name()).isEqualTo(row.managed() ? 200 : 404);
            // an action with bad input: checked (400, nothing stored or mailed) only on a customer the partner manages
            assertThat(browser.post("/partner/customers/" + id + "/service-requests", Map.of("subject", "Help",
                    "description", "Please", "severity", "NONE")).status()).as("an action, %s", row.name())
                    .isEqualTo(row.managed() ? 400 : 404);
        }
    }

    /** A Full relationship the customer agreed to, active at once (as the application starts it). */
    private void active(Partner partner, PartnerUser requester, CustomerWithAdmin customer) {
        var pi = signedIn.startAsApplication(requester, partner, "delegatedAdmin", Map.of("customerId",
                customer.customer().id(), "adminRole", "FULL", "durationDays", 60, "preApproved", true,
                "approvedBy", customer.admin().userId()));
        assertThat(relationships.findByProcessInstance(pi.getId()).orElseThrow().status().name()).isEqualTo("ACTIVE");
    }
}
