package com.partnercenter.partnerofrecord;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** GET /api/subscriptions/{id}/history: for the partner of record's users and operators only. */
@IntegrationTest
class SubscriptionHistoryApiTest {

    @org.junit.jupiter.api.extension.RegisterExtension
    static com.icegreen.greenmail.junit5.GreenMailExtension mail = com.partnercenter.support.TestMail.extension();

    @Autowired TestRestTemplate http;
    @Autowired TestData data;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired PartnerOfRecordService service;

    @Test
    @SuppressWarnings("unchecked")
    void thePartnerOfRecordSeesTheHistoryOthersDoNot() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.NONE);
        PartnerUser stranger = data.user(data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR), SupportedAccess.FULL);
        Subscription s = subscriptions.insert(data.customer().id(), data.sku(false, 1, 50).code(), 5,
                Subscription.Status.ACTIVE, Subscription.Origin.PRODUCT_KEY, LocalDate.now(),
                LocalDate.now().plusYears(1), null, null);
        service.record(new PartnerOfRecordService.ChangeRequest(TestData.unique("chg"), s.id(),
                SubscriptionChange.Kind.LICENSES_CHANGED, "5", "7", null, "tester"));
        assertThat(get(user.userId(), s.id()).getStatusCode().value()).as("no POR yet").isEqualTo(403);
        service.changePartnerOfRecord(s.id(), partner.id(), TestData.unique("por"), "tester");

        ResponseEntity<Map> own = get(user.userId(), s.id());
        assertThat(own.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> history = (List<Map<String, Object>>) own.getBody().get("history");
        assertThat(history).extracting(c -> c.get("kind")).containsExactly("LICENSES_CHANGED", "POR_CHANGED");
        assertThat(history.get(0)).containsEntry("oldValue", "5").containsEntry("newValue", "7");

        assertThat(get(stranger.userId(), s.id()).getStatusCode().value()).isEqualTo(403);
        assertThat(get(data.operator(), s.id()).getStatusCode().value()).isEqualTo(200);
        assertThat(get(user.userId(), Long.MAX_VALUE).getStatusCode().value()).isEqualTo(404);
        assertThat(http.getForEntity("/api/subscriptions/" + s.id() + "/history", String.class).getStatusCode().value())
                .isEqualTo(401);
    }

    private ResponseEntity<Map> get(String userId, long id) {
        return http.withBasicAuth(userId, TestData.PASSWORD).getForEntity("/api/subscriptions/" + id + "/history",
                Map.class);
    }
}
