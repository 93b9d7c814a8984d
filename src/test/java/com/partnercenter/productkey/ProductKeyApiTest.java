package com.partnercenter.productkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.catalogue.Sku;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The product-key inventory over HTTP: partners see their own keys, operators load CSV files line-checked. */
@IntegrationTest
class ProductKeyApiTest {

    @Autowired TestRestTemplate http;
    @Autowired TestData data;
    @Autowired ProductKeyRepository keys;

    private Partner partner;
    private PartnerUser user;
    private Sku sku;

    @BeforeEach
    void setUp() {
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        user = data.user(partner, SupportedAccess.NONE);
        sku = data.sku(false, 1, 100);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPartnerUserSeesOnlyItsPartnersKeysWithTheirState() {
        String unused = data.productKey(partner, sku, 5, 12);
        String reserved = data.productKey(partner, sku, 6, 12);
        keys.reserve(reserved, partner.id(), "setup-1", Instant.now());
        Partner other = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        String othersKey = data.productKey(other, sku, 5, 12);

        ResponseEntity<Map> response = http.withBasicAuth(user.userId(), TestData.PASSWORD)
                .getForEntity("/api/product-keys", Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> listed = (List<Map<String, Object>>) response.getBody().get("keys");
        assertThat(listed).extracting(k -> k.get("key")).containsExactly(ProductKeyCodec.format(unused),
                ProductKeyCodec.format(reserved)).doesNotContain(ProductKeyCodec.format(othersKey));
        assertThat(listed.get(0)).containsEntry("state", "UNUSED").containsEntry("licenses", 5)
                .containsEntry("skuName", sku.name());
        assertThat(listed.get(1)).containsEntry("state", "RESERVED");
        assertThat(response.getBody()).containsEntry("unused", 1);

        assertThat(http.getForEntity("/api/product-keys", String.class).getStatusCode().value()).isEqualTo(401);
        String operator = data.operator();
        assertThat(http.withBasicAuth(operator, TestData.PASSWORD).getForEntity("/api/product-keys", String.class)
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void operatorsLoadACsvAndEveryBadLineIsReportedWithNothingStored() {
        String operator = data.operator();
        String a = ProductKeyCodec.generate();
        String b = ProductKeyCodec.generate();
        String loadedBefore = data.productKey(partner, sku, 5, 12);
        String csv = String.join("\n",
                "key,sku,licenses,termMonths,partnerAdvisorCode",
                ProductKeyCodec.format(a) + "," + sku.code() + ",10,12," + partner.advisorCode(),
                "NOT-A-KEY," + sku.code() + ",10,12," + partner.advisorCode(),
                ProductKeyCodeTypo.of(b) + "," + sku.code() + ",10,12," + partner.advisorCode(),
                a.toLowerCase() + "," + sku.code() + ",10,12," + partner.advisorCode(),
                b + ",NOSUCHSKU,10,12," + partner.advisorCode(),
                b + "," + sku.code() + ",1000,12,NOBODY",
                loadedBefore + "," + sku.code() + ",10,12," + partner.advisorCode(),
                b + "," + sku.code() + ",10");

        ResponseEntity<Map> refused = post(operator, csv);

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) refused.getBody().get("errors");
        assertThat(errors).extracting(e -> e.get("line")).containsExactly(3, 4, 5, 6, 7, 8, 9);
        assertThat(errors.get(0).get("message").toString()).contains("is not a product key");
        assertThat(errors.get(1).get("message").toString()).contains("check character");
        assertThat(errors.get(2).get("message").toString()).isEqualTo("duplicate of line 2");
        assertThat(errors.get(3).get("message").toString()).contains("unknown SKU 'NOSUCHSKU'");
        assertThat(errors.get(4).get("message").toString()).contains("1000 licenses is outside 1..100")
                .contains("unknown partner 'NOBODY'");
        assertThat(errors.get(5).get("message").toString()).isEqualTo("already loaded");
        assertThat(errors.get(6).get("message").toString()).contains("expected 5 fields");
        assertThat(keys.find(a)).as("nothing stored").isEmpty();

        ResponseEntity<Map> loaded = post(operator, ProductKeyCodec.format(a) + "," + sku.code() + ",10,24,"
                + partner.advisorCode().toLowerCase() + "\n" + b + "," + sku.code() + ",3,12," + partner.advisorCode() + "\n");
        assertThat(loaded.getStatusCode().value()).isEqualTo(201);
        assertThat(loaded.getBody()).containsEntry("loaded", 2);
        ProductKey stored = keys.find(a).orElseThrow();
        assertThat(stored.partnerId()).isEqualTo(partner.id());
        assertThat(stored.termMonths()).isEqualTo(24);
        assertThat(stored.state()).isEqualTo(ProductKey.State.UNUSED);
    }

    @Test
    void onlyOperatorsLoadKeys() {
        String csv = ProductKeyCodec.generate() + "," + sku.code() + ",10,12," + partner.advisorCode();
        assertThat(post(user.userId(), csv).getStatusCode().value()).isEqualTo(403);
        assertThat(http.exchange("/api/product-keys", org.springframework.http.HttpMethod.POST, entity(csv), String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    private ResponseEntity<Map> post(String userId, String csv) {
        return http.withBasicAuth(userId, TestData.PASSWORD).postForEntity("/api/product-keys", entity(csv), Map.class);
    }

    private static HttpEntity<String> entity(String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        return new HttpEntity<>(csv, headers);
    }

    /** A key with one character changed (a typing error the check character catches). */
    static final class ProductKeyCodeTypo {
        static String of(String key) {
            return ProductKeySetupProcessTest.typo(key);
        }
    }
}
