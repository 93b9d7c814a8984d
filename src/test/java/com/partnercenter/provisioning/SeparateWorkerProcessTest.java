package com.partnercenter.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnercenter.PartnerCenterApplication;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.platform.PartnerTenantIdProvider;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Provisioning by a separate worker process: the application runs without its in-process worker, and
 * the same jar started with the "worker" profile (no web server, no job execution, no deployment)
 * fetches the task over the application's REST API and provisions into the shared database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:separate-worker;DB_CLOSE_DELAY=-1",
        "camunda.bpm.process-engine-name=separateMain",
        "partner-center.provisioning.in-process-worker=false",
        "partner-center.security.service-password=" + SeparateWorkerProcessTest.SERVICE_PASSWORD})
@ActiveProfiles("test")
@ContextConfiguration(initializers = FreePortInitializer.class)
class SeparateWorkerProcessTest {

    static final String SERVICE_PASSWORD = "worker-test-secret";

    @Value("${server.port}") int port;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired TestData data;
    @Autowired CustomerRepository customers;
    @Autowired FlowRequests requests;
    @Autowired(required = false) ProvisioningWorker inProcessWorker;

    @Test
    void aWorkerProcessProvisionsWhatTheApplicationAsksFor() {
        assertThat(inProcessWorker).as("no in-process worker in this application").isNull();
        repository.createDeployment().addModelInstance("separate-worker.bpmn",
                ProvisioningProbe.model("separateWorkerProbe")).deploy();
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        String domain = TestData.unique("sep") + ".example";
        ProcessInstance pi = runtime.startProcessInstanceByKey("separateWorkerProbe", "SEP-" + domain,
                Map.of(PartnerTenantIdProvider.TENANT_VARIABLE, partner.tenantId()));
        ProvisioningProbe.request(requests, pi, "separateWorkerProbe", partner, domain);

        try (ConfigurableApplicationContext worker = new SpringApplicationBuilder(PartnerCenterApplication.class)
                .profiles("worker")
                .run(
                        "--spring.datasource.url=jdbc:h2:mem:separate-worker;DB_CLOSE_DELAY=-1",
                        "--spring.datasource.username=sa",
                        "--spring.datasource.password=",
                        "--camunda.bpm.process-engine-name=separateWorker",
                        "--PROVISIONING_ENGINE_URL=http://localhost:" + port + "/engine-rest/engine/separateMain",
                        "--PROVISIONING_PASSWORD=" + SERVICE_PASSWORD,
                        "--logging.level.org.camunda.bpm.client=WARN",
                        "--camunda.bpm.client.async-response-timeout=1000")) {
            // (command-line arguments: they outrank application.yml; the short long-poll keeps closing quick)
            assertThat(worker.getBean(ProvisioningWorker.class)).isNotNull();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> runtime.createExecutionQuery().processInstanceId(pi.getId())
                            .activityId("Task_After").count() == 1);
        }
        assertThat(customers.findByDomain(domain)).isPresent();
        assertThat(runtime.getVariable(pi.getId(), "customerId"))
                .isEqualTo(customers.findByDomain(domain).orElseThrow().id());
    }
}
