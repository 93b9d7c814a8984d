package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.customermanagement.CustomerManagement;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerProcesses;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestData.CustomerWithAdmin;
import com.partnercenter.support.TestMail;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Customer service request status" on its own: every admin of the customer gets the new status in the customer's
 * language and the partner user a copy in its own; a job retried after some of the mails left sends only the
 * missing ones; the next change of the same request is a new instance and mails again.
 */
@IntegrationTest
class ServiceRequestStatusProcessTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @Autowired TestData data;
    @Autowired PartnerProcesses processes;
    @Autowired CustomerRepository customers;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired JdbcClient jdbc;

    Partner partner;
    PartnerUser user;
    CustomerWithAdmin customer;
    CustomerAdmin second;

    @BeforeEach
    void setUp() {
        partner = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        user = data.user(partner, CompanyRole.NONE, SupportedAccess.FULL);
        customer = data.customerOf(partner);
        second = customers.insertAdmin(customer.customer().id(), TestData.unique("adm").toLowerCase(), "Sam",
                "Second", "sam@" + customer.customer().domain(), true);
        jdbc.sql("update pc_customer set language = 'fr' where id = ?").param(customer.customer().id()).update();
    }

    @Test
    void aRetriedMailJobSendsOnlyWhatDidNotLeave() {
        ProcessInstance change = start(1, "OPEN", "RESOLVED", "not an address");
        String job = management.createJobQuery().processInstanceId(change.getId()).singleResult().getId();
        assertThatThrownBy(() -> management.executeJob(job)).hasStackTraceContaining("not an address");
        assertThat(Mailbox.recipients(mail)).as("the admins' mails left before the copy failed")
                .containsExactlyInAnyOrder(customer.admin().email(), second.email());

        runtime.setVariable(change.getId(), "partnerUserEmail", user.email());
        management.executeJob(job);
        assertThat(Mailbox.recipients(mail)).containsExactlyInAnyOrder(customer.admin().email(), second.email(),
                user.email());
        assertThat(Mailbox.text(Mailbox.lastTo(mail, second.email()))).contains("Statut : ouverte → résolue");
        assertThat(Mailbox.text(Mailbox.lastTo(mail, user.email()))).contains("Status: open → resolved");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(change.getId()).singleResult()
                .getEndActivityId()).isEqualTo("End_CustomerTold");
    }

    @Test
    void eachChangeIsMailedOnItsOwnKey() {
        for (ProcessInstance change : new ProcessInstance[] {start(1, "OPEN", "IN_PROGRESS", user.email()),
                start(2, "IN_PROGRESS", "CLOSED", user.email())}) {
            management.executeJob(management.createJobQuery().processInstanceId(change.getId()).singleResult().getId());
        }
        assertThat(Mailbox.recipients(mail)).hasSize(6).containsOnly(customer.admin().email(), second.email(),
                user.email());
        assertThat(jdbc.sql("select idempotency_key from pc_mail where business_key like ?")
                .param("SERVICEREQ-" + partner.advisorCode() + "-TEST-S%").query(String.class).list())
                .hasSize(6).anySatisfy(key -> assertThat(key).contains("/S1/"))
                .anySatisfy(key -> assertThat(key).contains("/S2/"));
    }

    private ProcessInstance start(int n, String from, String to, String partnerUserEmail) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("customerId", customer.customer().id());
        variables.put("customerName", customer.customer().name());
        variables.put("serviceRequestId", 7L);
        variables.put("serviceRequestSubject", "Mail down");
        variables.put("serviceRequestOldStatus", from);
        variables.put("serviceRequestStatus", to);
        variables.put("partnerUserEmail", partnerUserEmail);
        variables.put("partnerUserLanguage", "en");
        variables.put("mailKey", "S" + n);
        return processes.startWithKey(CustomerManagement.SERVICE_REQUEST_STATUS_PROCESS,
                "SERVICEREQ-" + partner.advisorCode() + "-TEST-S" + n, partner, variables);
    }
}
