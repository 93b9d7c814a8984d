package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The processes behind the partner pages trust their variables (the page checked them): a partner user cannot
 * start them through the REST API, even a global admin with Full administration.
 */
@IntegrationTest
class PageProcessesAreNotStartableTest {

    @Autowired TestRestTemplate http;
    @Autowired TestData data;

    @ParameterizedTest
    @ValueSource(strings = {"partnerUserAccess", "licenseChange", "customerServiceRequest",
            "customerServiceRequestStatus", "customerPasswordReset", "invitationRecipients", "partnerRefusal"})
    void partnerUsersCannotStartThemOverRest(String key) {
        PartnerUser user = data.user(data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER),
                CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        var response = http.withBasicAuth(user.userId(), TestData.PASSWORD).postForEntity(
                "/engine-rest/process-definition/key/" + key + "/start",
                new HttpEntity<>(Map.of("variables", Map.of("userId", Map.of("value", user.userId()),
                        "companyRole", Map.of("value", "GLOBAL_ADMIN"))), headers), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(403);
    }
}
