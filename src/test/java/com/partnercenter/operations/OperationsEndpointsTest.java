package com.partnercenter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.mail.SmtpPorts;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import com.partnercenter.security.Groups;
import com.partnercenter.security.IdentityAdmin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The operational endpoints: public probes that a mail outage does not turn DOWN, the mail server's state apart,
 * metrics in the Prometheus format for operators and monitoring accounts only.
 */
@IntegrationTest
class OperationsEndpointsTest {

    @Autowired TestRestTemplate http;
    @Autowired TestData data;
    @Autowired IdentityAdmin identity;
    @Autowired JavaMailSenderImpl mailSender;
    @Autowired SmtpHealthIndicator smtp;
    @Autowired DatabaseHealthIndicator database;
    @Autowired OperationsMetrics metrics;

    private int smtpPort;

    @AfterEach
    void smtpBack() {
        if (smtpPort != 0) {
            mailSender.setPort(smtpPort);
        }
    }

    @Test
    void probesArePublicAndSayOnlyTheStatus() {
        database.checkNow();
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).doesNotContain("components", "\"database\"", "details");
        assertThat(http.getForEntity("/actuator/health/liveness", String.class).getBody()).contains("\"UP\"");
        assertThat(http.getForEntity("/actuator/health/readiness", String.class).getBody()).contains("\"UP\"");
    }

    @Test
    void metricsAndDetailsNeedAnOperatorOrAMonitoringAccount() {
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.getForEntity("/actuator/health/smtp", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.withBasicAuth(data.operator(), "wrong").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode().value()).isEqualTo(401);
        String partnerUser = data.user(data.partner(), com.partnercenter.partner.SupportedAccess.FULL).userId();
        assertThat(http.withBasicAuth(partnerUser, TestData.PASSWORD).getForEntity("/actuator/prometheus", String.class)
                .getStatusCode().value()).as("a partner user is no operator").isEqualTo(401);

        metrics.refresh();
        ResponseEntity<String> scrape = http.withBasicAuth(data.operator(), TestData.PASSWORD)
                .getForEntity("/actuator/prometheus", String.class);
        assertThat(scrape.getStatusCode().value()).isEqualTo(200);
        assertThat(scrape.getBody()).contains("partner_center_mail_outbox{status=\"pending\"}",
                "partner_center_mail_outbox{status=\"failed\"}", "partner_center_mail_outbox_oldest_unsent_seconds",
                "partner_center_mail_sent_total", "partner_center_mail_takeovers_total",
                "camunda_jobs{state=\"executable\"}", "camunda_jobs{state=\"failed\"}",
                "camunda_incidents{type=\"failedJob\"}", "camunda_external_tasks{state=\"open\"}");

        String monitor = TestData.unique("mon").toLowerCase(java.util.Locale.ROOT);
        identity.ensureUser(monitor, "Prom", "Etheus", null, TestData.PASSWORD);
        identity.ensureMembership(monitor, Groups.MONITORING);
        assertThat(http.withBasicAuth(monitor, TestData.PASSWORD).getForEntity("/actuator/prometheus", String.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(http.withBasicAuth(monitor, TestData.PASSWORD).getForEntity("/actuator/health", String.class)
                .getBody()).as("details for operations").contains("database", "smtp");
    }

    @Test
    void aMailOutageIsReportedApartAndKeepsTheNodeReady() throws Exception {
        smtpPort = mailSender.getPort();
        mailSender.setPort(SmtpPorts.closedPort());
        smtp.checkNow();
        database.checkNow();
        String operator = data.operator();

        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("DEGRADED");
        assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> mail = http.withBasicAuth(operator, TestData.PASSWORD)
                .getForEntity("/actuator/health/smtp", String.class);
        assertThat(mail.getStatusCode().value()).isEqualTo(503);
        assertThat(mail.getBody()).contains("DEGRADED");

    }
}
