package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.delegation.Relationship;
import com.partnercenter.delegation.RelationshipRepository;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.security.Groups;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestData.CustomerWithAdmin;
import com.partnercenter.support.TestMail;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A partner with delegated administration only: it manages the customers that accepted it, with the role the
 * relationship gives each user, and ends the relationship from the customer page.
 */
@IntegrationTest
class DelegatedCustomerPagesHttpTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired RelationshipRepository relationships;
    @Autowired Jobs jobs;

    @Test
    void onlyCustomersThatAcceptedAreManagedAndTheRelationshipEndsFromThePage() {
        Partner partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser full = data.user(partner, CompanyRole.NONE, SupportedAccess.FULL);
        PartnerUser limited = data.user(partner, CompanyRole.NONE, SupportedAccess.LIMITED);
        CustomerWithAdmin accepted = data.customerOf(partner);
        CustomerWithAdmin notYet = data.customerOf(partner);
        ProcessInstance pi = accepted(partner, full, accepted);

        PartnerBrowser byFull = PartnerBrowser.signIn(port, "default", full.userId(), TestData.PASSWORD);
        assertThat(byFull.get("/partner/customers").body()).contains(accepted.customer().name())
                .doesNotContain(notYet.customer().name());
        assertThat(byFull.get("/partner/customers/" + notYet.customer().id()).status()).isEqualTo(404);
        String page = "/partner/customers/" + accepted.customer().id();
        assertThat(byFull.get(page).body()).contains("Your role: Full administration")
                .contains("End delegated administration");

        PartnerBrowser byLimited = PartnerBrowser.signIn(port, "default", limited.userId(), TestData.PASSWORD);
        assertThat(byLimited.get(page).body()).contains("Your role: Limited administration")
                .doesNotContain("End delegated administration");
        assertThat(byLimited.post(page + "/end-relationship", Map.of()).status()).isEqualTo(403);

        assertError(byFull.post(page + "/end-relationship", Map.of("comment", "x".repeat(1001))));
        PartnerBrowser.Page ended = byFull.post(page + "/end-relationship", Map.of("comment", "Contract over"));
        assertThat(ended.status()).isEqualTo(302);
        long relationshipId = relationships.findByProcessInstance(pi.getId()).orElseThrow().id();
        assertThat(relationships.findById(relationshipId).orElseThrow().status())
                .isEqualTo(Relationship.Status.TERMINATED);
        assertThat(relationships.roleOn(full.id(), accepted.customer().id())).isEmpty();
        assertThat(byFull.get(page).status()).as("no longer managed").isEqualTo(404);
    }

    @Test
    void theCustomersAdminEndsItFromItsOwnPage() {
        Partner partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser full = data.user(partner, CompanyRole.NONE, SupportedAccess.FULL);
        CustomerWithAdmin customer = data.customerOf(partner);
        CustomerWithAdmin neighbour = data.customerOf(partner);
        ProcessInstance pi = accepted(partner, full, customer);
        long relationshipId = relationships.findByProcessInstance(pi.getId()).orElseThrow().id();
        String end = "/customer/delegated-admin/" + relationshipId + "/end";

        assertThat(PartnerBrowser.anonymous(port).get("/customer/delegated-admin").status()).isEqualTo(302);
        assertThat(PartnerBrowser.signIn(port, "default", full.userId(), TestData.PASSWORD)
                .get("/customer/delegated-admin").status()).isEqualTo(403);
        PartnerBrowser byNeighbour = PartnerBrowser.signIn(port, "default", neighbour.admin().userId(),
                TestData.PASSWORD);
        assertThat(byNeighbour.get("/customer/delegated-admin").body()).doesNotContain(partner.name());
        assertThat(byNeighbour.post(end, Map.of()).status()).isEqualTo(404);

        PartnerBrowser byAdmin = PartnerBrowser.signIn(port, "default", customer.admin().userId(), TestData.PASSWORD);
        PartnerBrowser.Page page = byAdmin.get("/customer/delegated-admin");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(partner.name()).contains("Administration complète");
        assertThat(byAdmin.postRaw(end, Map.of("comment", "no token")).status()).isEqualTo(403);
        assertThat(relationships.findById(relationshipId).orElseThrow().status()).isEqualTo(Relationship.Status.ACTIVE);

        PartnerBrowser.Page ended = byAdmin.post(end, Map.of("comment", "We manage it ourselves now"));
        assertThat(ended.status()).isEqualTo(302);
        assertThat(relationships.findById(relationshipId).orElseThrow().status())
                .isEqualTo(Relationship.Status.TERMINATED);
        assertThat(relationships.roleOn(full.id(), customer.customer().id())).isEmpty();
        assertThat(byAdmin.get("/customer/delegated-admin?done=ended").body()).doesNotContain(partner.name())
                .contains("L’administration déléguée a pris fin");
    }

    /** A Full delegated administration the customer's admin accepted. */
    private ProcessInstance accepted(Partner partner, PartnerUser user, CustomerWithAdmin customer) {
        ProcessInstance pi = signedIn.start(user, partner, "delegatedAdmin", Map.of("customerDomain",
                customer.customer().domain(), "adminRole", "FULL", "durationDays", 60, "autoExtend", false));
        jobs.runAll(pi.getId());
        identity.setAuthentication(customer.admin().userId(), List.of(Groups.CUSTOMERS,
                customer.customer().groupId()), List.of(partner.tenantId()));
        try {
            tasks.complete(tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(),
                    Map.of("decision", "ACCEPT"));
        } finally {
            identity.clearAuthentication();
        }
        jobs.runAll(pi.getId());
        return pi;
    }

    private static void assertError(PartnerBrowser.Page page) {
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("at most 1000 characters");
    }
}
