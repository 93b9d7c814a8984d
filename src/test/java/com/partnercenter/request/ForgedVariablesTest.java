package com.partnercenter.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.PartnerTenantIdProvider;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.ProvisioningDriver;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No step trusts a variable for who, for whom or how much: a variable forged on a running instance (an operator-style
 * write, the only one left once the engine command guard refuses a partner user's) changes neither the partner a link
 * is issued for, nor the partner whose company info a mail carries, nor the audit's attribution, nor a trial's SKU —
 * the flow's request row ({@link FlowRequests}) and its tenant decide.
 */
@IntegrationTest
class ForgedVariablesTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired ProvisioningDriver provisioning;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired HistoryService history;
    @Autowired FlowRequests requests;
    @Autowired JdbcClient jdbc;

    Partner contoso;
    Partner fabrikam;
    PartnerUser alice;
    PartnerUser fiona;
    Sku trialSku;
    Sku otherSku;

    @BeforeEach
    void setUp() {
        contoso = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        alice = data.user(contoso, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        fabrikam = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        fiona = data.user(fabrikam, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        trialSku = data.sku(true, 1, 300);
        otherSku = data.sku(true, 1, 300);
    }

    @Test
    void aForgedPartnerIdOnARunningTrialInvitationChangesNoMailNorItsClosing() {
        ProcessInstance invitation = signedIn.start(alice, contoso, "trialInvitation", Map.of("skuCode",
                trialSku.code(), "recipientEmails", "prospect@elsewhere.example", "linkValidityDays", 30));
        // the mails wait for their jobs: an operator-style write names another partner meanwhile
        runtime.setVariable(invitation.getId(), "partnerId", fabrikam.id());
        jobs.runAll(invitation.getId());
        String task = tasks.createTaskQuery().processInstanceId(invitation.getId()).singleResult().getId();
        runtime.setVariable(invitation.getId(), "partnerId", fabrikam.id());
        signedIn.as(alice, contoso, () -> {
            tasks.complete(task, Map.of("revokeConfirmed", true));
            return null;
        });
        jobs.runAll(invitation.getId());

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(invitation.getId()).singleResult()
                .getEndActivityId()).isEqualTo("End_Closed");
        assertThat(mailPartners(invitation.getBusinessKey())).hasSize(3).containsOnly(contoso.id());
    }

    @Test
    void aForgedPartnerAndSkuBeforeTheInvitationStepIssueTheRequestsLinkAndKeepItsSku() {
        ProcessInstance invitation = signedIn.start(alice, contoso, "trialInvitation", Map.of("skuCode",
                trialSku.code(), "linkValidityDays", 30));
        jobs.runAll(invitation.getId());
        // an operator moves the instance back before "Check the invitation" with another partner and SKU
        runtime.createProcessInstanceModification(invitation.getId()).startBeforeActivity("Task_PrepareInvitation")
                .setVariable("partnerId", fabrikam.id()).setVariable("skuCode", otherSku.code()).execute();
        jobs.runAll(invitation.getId());

        assertThat(requests.find(invitation.getId()).orElseThrow().skuCode()).isEqualTo(trialSku.code());
        assertThat(jdbc.sql("select partner_id from pc_link where process_instance_id = ?").param(invitation.getId())
                .query(Long.class).list()).hasSize(2).containsOnly(contoso.id());
        assertThat(runtime.getVariable(invitation.getId(), "skuName")).isEqualTo(trialSku.name());
        assertThat(mailPartners(invitation.getBusinessKey())).isNotEmpty().containsOnly(contoso.id());
    }

    @Test
    void aProductKeySetupsAuditAndMailsNameTheRequestsPartnerAndUser() {
        TestData.CustomerWithAdmin customer = data.customerOf(contoso);
        ProcessInstance setup = signedIn.start(alice, contoso, "productKeySetup", Map.of("productKeys",
                data.productKey(contoso, trialSku, 5, 12), "customerType", "EXISTING", "customerDomain",
                customer.customer().domain(), "delegatedAdmin", "NONE"));
        runtime.setVariable(setup.getId(), "partnerId", fabrikam.id());
        runtime.setVariable(setup.getId(), "initiator", fiona.userId());
        for (int done = 1; done > 0; ) {
            done = provisioning.runFor(setup.getBusinessKey()) + jobs.runAll(setup.getId());
        }
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(setup.getId()).singleResult()
                .getEndTime()).isNotNull();

        assertThat(jdbc.sql("select distinct actor from pc_audit where business_key = ?").param(setup.getBusinessKey())
                .query(String.class).list()).doesNotContain(fiona.userId());
        assertThat(jdbc.sql("select distinct partner_id from pc_audit where business_key = ? and partner_id is not "
                + "null").param(setup.getBusinessKey()).query(Long.class).list()).containsOnly(contoso.id());
        assertThat(mailPartners(setup.getBusinessKey())).containsOnly(contoso.id());
    }

    @Test
    void aFlowStartedByTheApplicationRunsForThePartnerOfItsTenantOnly() {
        TestData.CustomerWithAdmin customer = data.customerOf(contoso);
        Map<String, Object> vars = new HashMap<>();
        vars.put(PartnerTenantIdProvider.TENANT_VARIABLE, contoso.tenantId());
        vars.put("partnerId", fabrikam.id());
        vars.put("customerId", customer.customer().id());
        vars.put("adminRole", "LIMITED");
        ProcessInstance forged = runtime.createProcessInstanceByKey("delegatedAdmin").setVariables(vars).execute();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(forged.getId())
                .variableName("partnerAuthorized").singleResult().getValue()).isEqualTo(false);
        assertThat(requests.find(forged.getId())).isEmpty();
        assertThat(jdbc.sql("select count(*) from pc_delegated_admin_relationship where customer_id = ?")
                .param(customer.customer().id()).query(Long.class).single()).isZero();

        // the tenant's own partner, asked by another partner's user: the request names no user
        vars.put("partnerId", contoso.id());
        vars.put("requestedBy", fiona.userId());
        ProcessInstance asked = runtime.createProcessInstanceByKey("delegatedAdmin").setVariables(vars).execute();
        FlowRequest request = requests.find(asked.getId()).orElseThrow();
        assertThat(request.partnerId()).isEqualTo(contoso.id());
        assertThat(request.requestedBy()).isNull();
    }

    /** The partner whose company info each mail of the flow carries. */
    private List<Long> mailPartners(String businessKey) {
        return jdbc.sql("select partner_id from pc_mail where business_key = ?").param(businessKey)
                .query(Long.class).list();
    }
}
