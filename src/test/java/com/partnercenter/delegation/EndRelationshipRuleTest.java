package com.partnercenter.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerRepository;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * One rule for ending a delegated-administration relationship ({@link DelegatedAdminService#mayEnd}): for every role,
 * the page (the partner's customer page or the customer's own page) and {@code /api} give the same answer — ended,
 * 403 (on a side of it, without the right) or 404 (on neither side).
 */
@IntegrationTest
class EndRelationshipRuleTest {

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired RuntimeService runtime;
    @Autowired RelationshipRepository relationships;
    @Autowired CustomerRepository customers;

    /** A caller, and what the rule answers for it. */
    record Role(String name, String userId, boolean partnerSide, DelegatedAdminService.MayEnd expected) {}

    @Test
    void thePageAndTheApiGiveTheSameAnswerForEveryRole() {
        Partner partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        Partner otherPartner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        Map<String, PartnerUser> users = new LinkedHashMap<>();
        users.put("global admin, Full", data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL));
        users.put("global admin, no supported access", data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.NONE));
        users.put("billing admin, Full", data.user(partner, CompanyRole.BILLING_ADMIN, SupportedAccess.FULL));
        users.put("billing admin, Limited", data.user(partner, CompanyRole.BILLING_ADMIN, SupportedAccess.LIMITED));
        users.put("user management admin, Limited", data.user(partner, CompanyRole.USER_MANAGEMENT_ADMIN,
                SupportedAccess.LIMITED));
        users.put("no role, Full", data.user(partner, CompanyRole.NONE, SupportedAccess.FULL));
        users.put("no role, no access", data.user(partner, CompanyRole.NONE, SupportedAccess.NONE));
        PartnerUser stranger = data.user(otherPartner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);

        List<Role> roles = new ArrayList<>();
        users.forEach((name, user) -> roles.add(new Role(name, user.userId(), true,
                user.companyRole() == CompanyRole.GLOBAL_ADMIN || user.supportedAccess() == SupportedAccess.FULL
                        ? DelegatedAdminService.MayEnd.MAY : DelegatedAdminService.MayEnd.FORBIDDEN)));
        roles.add(new Role("another partner's global admin", stranger.userId(), true,
                DelegatedAdminService.MayEnd.UNKNOWN));

        PartnerUser requester = users.get("global admin, Full");
        for (Role role : roles) {
            // two active relationships with two customers: one ended from the page, one through /api
            CustomerWithAdmin onPage = data.customerOf(partner);
            CustomerWithAdmin onApi = data.customerOf(partner);
            long pageRelationship = active(partner, requester, onPage);
            long apiRelationship = active(partner, requester, onApi);
            assertThat(relationships.findById(pageRelationship).orElseThrow().status())
                    .isEqualTo(Relationship.Status.ACTIVE);

            PartnerBrowser browser = PartnerBrowser.signIn(port, "default", role.userId(), TestData.PASSWORD);
            int page = browser.post("/partner/customers/" + onPage.customer().id() + "/end-relationship",
                    Map.of()).status();
            int api = api(role.userId(), apiRelationship);
            assertSameAnswer(role, page, api, pageRelationship, apiRelationship);
        }

        // the customer's side: its admin may, a user of it who is no admin may not, another customer's admin does not
        // see it
        for (String side : List.of("the customer's admin", "a user of the customer who is no admin",
                "another customer's admin")) {
            CustomerWithAdmin customer = data.customerOf(partner);
            long pageRelationship = active(partner, requester, customer);
            CustomerWithAdmin second = data.customerOf(partner);
            long apiRelationship = active(partner, requester, second);
            String pageUser;
            String apiUser;
            DelegatedAdminService.MayEnd expected;
            switch (side) {
                case "the customer's admin" -> {
                    pageUser = customer.admin().userId();
                    apiUser = second.admin().userId();
                    expected = DelegatedAdminService.MayEnd.MAY;
                }
                case "a user of the customer who is no admin" -> {
                    pageUser = userWhoIsNoAdmin(customer);
                    apiUser = userWhoIsNoAdmin(second);
                    expected = DelegatedAdminService.MayEnd.FORBIDDEN;
                }
                default -> {
                    String neighbour = data.customerOf(partner).admin().userId();
                    pageUser = neighbour;
                    apiUser = neighbour;
                    expected = DelegatedAdminService.MayEnd.UNKNOWN;
                }
            }
            int page;
            if (expected == DelegatedAdminService.MayEnd.FORBIDDEN) {
                // a user who is no administrator does not get into Tasklist, so not onto the customer's page either
                page = PartnerBrowser.signInAttempt(port, "default", pageUser, TestData.PASSWORD);
            } else {
                PartnerBrowser browser = PartnerBrowser.signIn(port, "default", pageUser, TestData.PASSWORD);
                browser.get("/customer/delegated-admin"); // the page and its form's token, as a browser has them
                page = browser.post("/customer/delegated-admin/" + pageRelationship + "/end", Map.of()).status();
            }
            int api = api(apiUser, apiRelationship);
            assertSameAnswer(new Role(side, pageUser, false, expected), page, api, pageRelationship, apiRelationship);
        }
    }

    private void assertSameAnswer(Role role, int page, int api, long pageRelationship, long apiRelationship) {
        int expectedPage = switch (role.expected()) {
            case MAY -> 302;
            case FORBIDDEN -> 403;
            case UNKNOWN -> 404;
        };
        int expectedApi = switch (role.expected()) {
            case MAY -> 204;
            case FORBIDDEN -> 403;
            case UNKNOWN -> 404;
        };
        assertThat(page).as("page for %s", role.name()).isEqualTo(expectedPage);
        assertThat(api).as("/api for %s", role.name()).isEqualTo(expectedApi);
        Relationship.Status status = role.expected() == DelegatedAdminService.MayEnd.MAY
                ? Relationship.Status.TERMINATED : Relationship.Status.ACTIVE;
        assertThat(relationships.findById(pageRelationship).orElseThrow().status()).as("after the page, %s", role.name())
                .isEqualTo(status);
        assertThat(relationships.findById(apiRelationship).orElseThrow().status()).as("after /api, %s", role.name())
                .isEqualTo(status);
    }

    private int api(String userId, long relationshipId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(userId, TestData.PASSWORD).postForEntity("/api/delegated-admin/relationships/"
                + relationshipId + "/end", new HttpEntity<>(Map.of(), headers), String.class).getStatusCode().value();
    }

    /** A Full relationship the customer agreed to, active at once (as the application starts it). */
    private long active(Partner partner, PartnerUser requester, CustomerWithAdmin customer) {
        var pi = signedIn.startAsApplication(requester, partner, "delegatedAdmin", Map.of("customerId",
                customer.customer().id(), "adminRole", "FULL", "durationDays", 60, "preApproved", true,
                "approvedBy", customer.admin().userId()));
        return relationships.findByProcessInstance(pi.getId()).orElseThrow().id();
    }

    /** A user of the customer who is no administrator, with a sign-in account. */
    private String userWhoIsNoAdmin(CustomerWithAdmin customer) {
        String userId = TestData.unique("w").toLowerCase();
        CustomerAdmin user = customers.insertAdmin(customer.customer().id(), userId, "Walter", "User",
                userId + "@" + customer.customer().domain(), false);
        data.identity().ensureUser(user.userId(), "Walter", "User", user.email(), TestData.PASSWORD);
        return user.userId();
    }
}
