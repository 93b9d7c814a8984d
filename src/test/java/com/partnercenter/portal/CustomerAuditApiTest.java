package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The audit list per customer over the JSON API: operators see all rows, a partner its own, others nothing. */
@IntegrationTest
class CustomerAuditApiTest {

    @Autowired TestRestTemplate http;
    @Autowired TestData data;
    @Autowired AuditLog audit;

    @Test
    void operatorsSeeEveryRowPartnersTheirOwnOthersNothing() {
        Partner partner = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        PartnerUser user = data.user(partner, CompanyRole.NONE, SupportedAccess.NONE);
        Partner second = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        PartnerUser secondUser = data.user(second, CompanyRole.NONE, SupportedAccess.NONE);
        Partner stranger = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        PartnerUser strangerUser = data.user(stranger, CompanyRole.NONE, SupportedAccess.NONE);
        var customer = data.customerOf(partner);
        data.customerOf(second);
        audit.record(user.userId(), "LICENSES_CHANGED", partner.id(), customer.customer().id(), "LICENSES-X", "40 → 55");
        audit.record(secondUser.userId(), "PASSWORD_RESET", second.id(), customer.customer().id(), null, "other partner");
        String path = "/api/customers/" + customer.customer().id() + "/audit";

        assertThat(http.getForEntity(path, String.class).getStatusCode().value()).isEqualTo(401);
        String operator = data.operator();
        String all = http.withBasicAuth(operator, TestData.PASSWORD).getForObject(path, String.class);
        assertThat(all).contains("LICENSES_CHANGED").contains("PASSWORD_RESET").contains(user.userId());
        String own = http.withBasicAuth(user.userId(), TestData.PASSWORD).getForObject(path, String.class);
        assertThat(own).contains("LICENSES_CHANGED").doesNotContain("PASSWORD_RESET");
        assertThat(http.withBasicAuth(strangerUser.userId(), TestData.PASSWORD).getForEntity(path, String.class)
                .getStatusCode().value()).isEqualTo(404);
    }
}
