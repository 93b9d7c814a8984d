package com.partnercenter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.partner.Partner;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The sendEmail delegate in an asynchronous service task: retries, incidents, and never a second mail. */
@IntegrationTest
class SendEmailDelegateTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired JavaMailSenderImpl mailSender;
    @Autowired MailOutbox outbox;
    @Autowired TestData testData;

    private Partner partner;

    @BeforeEach
    void deployAndCreatePartner() {
        repositoryService.createDeployment().name("mail-test").enableDuplicateFiltering(true)
                .addClasspathResource("bpmn/mail-test-send-email.bpmn").deploy();
        partner = testData.partner();
    }

    private Map<String, Object> welcomeVariables(String to) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("mailTemplate", "customer-welcome");
        variables.put("mailTo", to);
        variables.put("partnerId", partner.id());
        variables.put(com.partnercenter.platform.PartnerTenantIdProvider.TENANT_VARIABLE, partner.tenantId());
        variables.put("customerName", "Acme");
        variables.put("customerAdminUserId", "adminc7");
        return variables;
    }

    private String start(Map<String, Object> variables) {
        return runtimeService.startProcessInstanceByKey("mailTestSendEmail", TestData.unique("BK-"), variables).getId();
    }

    private Job job(String processInstanceId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId).singleResult();
    }

    private boolean ended(String processInstanceId) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0;
    }

    @Test
    void sendsTheMailOnceWithTheVariablesAsModel() throws Exception {
        Map<String, Object> variables = welcomeVariables("Admin@Acme.example");
        variables.put("mailLanguage", "fr");
        variables.put("mailKey", "acceptance-7");
        String pid = start(variables);

        managementService.executeJob(job(pid).getId());

        assertThat(ended(pid)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Bienvenue : votre organisation Acme est prête");
        MailOutbox.Entry entry = outbox.find(pid + "/SendMail/acceptance-7/admin@acme.example").orElseThrow();
        assertThat(entry.status()).isEqualTo(MailOutbox.Status.SENT);
        assertThat(entry.partnerId()).isEqualTo(partner.id());
        assertThat(entry.businessKey()).startsWith("BK-");
    }

    @Test
    void failingSmtpBecomesAnIncidentAndTheRetrySendsExactlyOneMail() {
        String pid = start(welcomeVariables("down@acme.example"));
        String jobId = job(pid).getId();
        int port = mailSender.getPort();
        mailSender.setPort(SmtpPorts.closedPort());
        int executions = 0;
        try {
            while (job(pid).getRetries() > 0 && executions < 10) {
                executions++;
                assertThatThrownBy(() -> managementService.executeJob(jobId))
                        .hasMessageContaining("Could not send e-mail 'customer-welcome' to down@acme.example");
            }
        } finally {
            mailSender.setPort(port);
        }

        assertThat(executions).isEqualTo(3);
        Incident incident = runtimeService.createIncidentQuery().processInstanceId(pid).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("SendMail");
        assertThat(incident.getIncidentMessage())
                .contains("down@acme.example", "customer-welcome", "Connection refused", "(SMTP localhost:");
        String key = pid + "/SendMail/down@acme.example";
        assertThat(outbox.find(key).orElseThrow().status()).isEqualTo(MailOutbox.Status.FAILED);
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        managementService.setJobRetries(jobId, 1);
        managementService.executeJob(jobId);

        assertThat(ended(pid)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(pid).count()).isZero();
        MailOutbox.Entry entry = outbox.find(key).orElseThrow();
        assertThat(entry.status()).isEqualTo(MailOutbox.Status.SENT);
        assertThat(entry.attempts()).isEqualTo(executions + 1);
    }

    @Test
    void noDuplicateWhenTheJobFailsAfterTheMailWasSent() {
        Map<String, Object> variables = welcomeVariables("once@acme.example");
        variables.put("failAfterMail", true);
        String pid = start(variables);
        String jobId = job(pid).getId();

        assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining(FailOnceAfterMail.MESSAGE);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(ended(pid)).isFalse();

        managementService.executeJob(jobId);

        assertThat(ended(pid)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(outbox.find(pid + "/SendMail/once@acme.example").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void missingRecipientIsAClearFailure() {
        Map<String, Object> variables = welcomeVariables(null);
        String pid = start(variables);
        String jobId = job(pid).getId();

        assertThatThrownBy(() -> managementService.executeJob(jobId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Process variable 'mailTo' is required to send an e-mail (task 'SendMail')");

        assertThat(job(pid).getExceptionMessage()).contains("'mailTo' is required");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void theMailCarriesThePartnerOfTheInstancesTenantNeverAPartnerIdVariable() throws Exception {
        Partner other = testData.partner();
        Map<String, Object> variables = welcomeVariables("forged@acme.example");
        variables.put("partnerId", other.id()); // an operator-style write: the footer and Reply-To stay the tenant's
        String pid = start(variables);

        managementService.executeJob(job(pid).getId());

        MailOutbox.Entry entry = outbox.find(pid + "/SendMail/forged@acme.example").orElseThrow();
        assertThat(entry.partnerId()).isEqualTo(partner.id());
        assertThat(greenMail.getReceivedMessages()[0].getReplyTo()[0].toString()).contains(partner.supportEmail())
                .doesNotContain(other.supportEmail());
    }
}
