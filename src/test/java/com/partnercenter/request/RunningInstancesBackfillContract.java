package com.partnercenter.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.catalogue.Sku;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.ProvisioningDriver;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import db.migration.V10_1__flow_requests_of_running_instances;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Instances that were running before V10 get their request rows from V10_1 (from what their first steps set), and go
 * on: a product-key setup waiting for provisioning provisions its new customer. On H2 and on PostgreSQL (the engine's
 * tables and types as each database has them).
 */
abstract class RunningInstancesBackfillContract {

    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired FlowRequests requests;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired ProvisioningDriver provisioning;
    @Autowired RuntimeService runtime;

    @Test
    void runningInstancesWithoutARowGetTheirsAndGoOn() throws Exception {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        Sku sku = data.sku(true, 1, 300);
        ProcessInstance trial = signedIn.start(user, partner, "trialInvitation", Map.of("skuCode", sku.code(),
                "includeDelegatedAdmin", true, "delegatedAdminRole", "FULL", "linkValidityDays", 30));
        String domain = TestData.unique("old") + ".example";
        ProcessInstance setup = signedIn.start(user, partner, "productKeySetup", Map.of("productKeys",
                data.productKey(partner, sku, 5, 12), "customerType", "NEW", "customerDomain", domain, "customerName",
                "Old Co", "customerCountry", "FR", "customerLanguage", "fr", "adminFirstName", "Ode",
                "adminLastName", "Old", "adminEmail", "ode@" + domain, "delegatedAdmin", "LIMITED"));
        FlowRequest trialBefore = requests.find(trial.getId()).orElseThrow();
        FlowRequest setupBefore = requests.find(setup.getId()).orElseThrow();
        // as before V10: no request rows
        jdbc.sql("delete from pc_flow_request where process_instance_id in (?, ?)").params(trial.getId(), setup.getId())
                .update();

        try (Connection connection = dataSource.getConnection()) {
            assertThat(V10_1__flow_requests_of_running_instances.backfill(connection)).isGreaterThanOrEqualTo(2);
        }

        assertThat(requests.find(trial.getId()).orElseThrow()).usingRecursiveComparison().ignoringFields("id")
                .isEqualTo(trialBefore);
        assertThat(requests.find(setup.getId()).orElseThrow()).usingRecursiveComparison().ignoringFields("id")
                .isEqualTo(setupBefore);
        provisioning.runFor(setup.getBusinessKey());
        assertThat(requests.find(setup.getId()).orElseThrow().customerCreated()).isTrue();
        assertThat(runtime.createIncidentQuery().processInstanceId(setup.getId()).count()).isZero();
    }
}
