package com.partnercenter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnercenter.partner.Partner;
import com.partnercenter.support.TestData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.MessageCorrelationResultType;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One message round trip through the database, the way the accept pages will do it: a waiting
 * instance, its personalized link stored as a token hash, the link looked up from the token, the
 * message correlated to exactly that instance. Same logic on every supported database.
 */
abstract class CorrelationRoundTripContract {

    static final String PROCESS = "roundtripCorrelation";
    static final String MESSAGE = "AcceptanceConfirmed";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestData data;

    @BeforeEach
    void deploy() {
        // duplicate filtering: deployed once per context, whatever the number of tests
        repository.createDeployment().name("roundtrip-correlation").enableDuplicateFiltering(false)
                .addClasspathResource("bpmn/roundtrip-correlation.bpmn").deploy();
    }

    @Test
    void messageCorrelatedThroughTheLinkEndsTheInstance() {
        Partner partner = data.partner();
        String businessKey = TestData.unique("RT");
        ProcessInstance instance = runtime.createProcessInstanceByKey(PROCESS).businessKey(businessKey)
                .setVariable(PartnerTenantIdProvider.TENANT_VARIABLE, partner.tenantId())
                .execute();
        assertThat(instance.getTenantId()).isEqualTo(partner.tenantId());
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(instance.getId())
                .eventType("message").eventName(MESSAGE).count()).isEqualTo(1);

        String token = newToken();
        jdbc.sql("insert into pc_link (link_type, partner_id, advisor_code, token_hash, process_instance_id, "
                        + "business_key, single_use, expires_at) values (?,?,?,?,?,?,?,?)")
                .params("EMAIL_CONFIRMATION", partner.id(), partner.advisorCode(), sha256(token), instance.getId(),
                        businessKey, true, Timestamp.valueOf(LocalDateTime.now().plusDays(2)))
                .update();

        // what the confirmation page does with the token of the URL (by the unique index uq_link_token)
        String processInstanceId = jdbc.sql("select process_instance_id from pc_link where token_hash = ? "
                        + "and revoked_at is null and used_at is null and expires_at > ?")
                .params(sha256(token), Timestamp.valueOf(LocalDateTime.now()))
                .query(String.class).single();
        assertThat(processInstanceId).isEqualTo(instance.getId());
        assertThat(jdbc.sql("select count(*) from pc_link where token_hash = ?").param(sha256(newToken()))
                .query(Long.class).single()).as("an unknown token finds nothing").isZero();

        MessageCorrelationResult result = runtime.createMessageCorrelation(MESSAGE)
                .processInstanceId(processInstanceId).correlateWithResult();
        assertThat(result.getResultType()).isEqualTo(MessageCorrelationResultType.Execution);
        assertThat(result.getExecution().getProcessInstanceId()).isEqualTo(instance.getId());

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
        HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult();
        assertThat(ended.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(ended.getEndActivityId()).isEqualTo("confirmed");
        assertThat(ended.getBusinessKey()).isEqualTo(businessKey);
        assertThat(ended.getTenantId()).isEqualTo(partner.tenantId());

        // a second confirmation (link clicked twice) finds nobody waiting: refused, never correlated twice
        assertThatThrownBy(() -> runtime.createMessageCorrelation(MESSAGE).processInstanceId(processInstanceId)
                .correlate()).isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void messageReachesOnlyTheInstanceOfTheLink() {
        Partner partner = data.partner();
        ProcessInstance mine = start(partner);
        ProcessInstance other = start(partner);

        runtime.createMessageCorrelation(MESSAGE).processInstanceId(mine.getId()).correlate();

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(mine.getId()).count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(other.getId()).count()).isEqualTo(1);
        runtime.createMessageCorrelation(MESSAGE).processInstanceId(other.getId()).correlate();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(other.getId()).count()).isZero();
    }

    private ProcessInstance start(Partner partner) {
        return runtime.createProcessInstanceByKey(PROCESS).businessKey(TestData.unique("RT"))
                .setVariable(PartnerTenantIdProvider.TENANT_VARIABLE, partner.tenantId()).execute();
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
