package com.partnercenter.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.request.FlowRequests;
import com.partnercenter.support.FreePortInitializer;
import com.partnercenter.support.ProvisioningProbe;
import com.partnercenter.support.TestData;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The real in-process worker: the Camunda external task client polls the application's own REST API
 * as the provisioning service account (Basic auth, authorization and tenant checks on) and provisions
 * a customer of a partner's tenant, exactly as in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
                "camunda.bpm.client.disable-auto-fetching=false",
                // its own engine name: the shared test context owns "default" in Camunda's JVM-wide registry
                "camunda.bpm.process-engine-name=live",
                "camunda.bpm.client.base-url=http://localhost:${server.port}/engine-rest/engine/live"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = FreePortInitializer.class)
class InProcessWorkerLiveTest {

    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired TestData data;
    @Autowired CustomerRepository customers;
    @Autowired FlowRequests requests;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void theClientFetchesAndCompletesProvisioningOfAPartnersTenant() {
        repository.createDeployment().addModelInstance("live-provisioning.bpmn",
                ProvisioningProbe.model("liveProvisioning")).deploy();
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        String domain = TestData.unique("live") + ".example";

        // the instance and its request commit together, as a flow's first step records it in the start transaction
        ProcessInstance pi = transactions.execute(status -> {
            ProcessInstance started = runtime.createProcessInstanceByKey("liveProvisioning")
                    .businessKey("LIVE-" + domain)
                    .setVariables(Map.of("partnerTenantId", partner.tenantId()))
                    .execute();
            ProvisioningProbe.request(requests, started, "liveProvisioning", partner, domain);
            return started;
        });
        assertThat(pi.getTenantId()).isEqualTo(partner.tenantId());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> runtime.createExecutionQuery().processInstanceId(pi.getId())
                        .activityId("Task_After").count() == 1);
        var customer = customers.findByDomain(domain).orElseThrow();
        assertThat(runtime.getVariable(pi.getId(), "customerId")).isEqualTo(customer.id());
        assertThat(customers.countForPartner(partner.id())).isEqualTo(1);
    }
}
