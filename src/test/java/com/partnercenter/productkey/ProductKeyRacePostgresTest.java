package com.partnercenter.productkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.security.Groups;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.ProvisioningDriver;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestData.CustomerWithAdmin;
import com.partnercenter.support.TestMail;
import com.partnercenter.support.postgres.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ten setups started at the same moment with the same key, on a real PostgreSQL: exactly one gets the key and
 * its subscription, the nine others end with "already used", and no instance has an incident.
 */
@PostgresIntegrationTest
class ProductKeyRacePostgresTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    private static final int SETUPS = 10;

    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired IdentityService identity;
    @Autowired TestData data;
    @Autowired Jobs jobs;
    @Autowired ProvisioningDriver provisioning;
    @Autowired ProductKeyRepository keys;
    @Autowired SubscriptionRepository subscriptions;

    @Test
    void tenConcurrentSetupsWithTheSameKeyGiveExactlyOneSubscription() throws Exception {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        Sku sku = data.sku(false, 1, 300);
        CustomerWithAdmin customer = data.customerOf(partner);
        String key = data.productKey(partner, sku, 20, 12);

        ExecutorService pool = Executors.newFixedThreadPool(SETUPS);
        CountDownLatch ready = new CountDownLatch(SETUPS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> started = new ArrayList<>();
        try {
            for (int i = 0; i < SETUPS; i++) {
                started.add(pool.submit(() -> {
                    Map<String, Object> vars = new HashMap<>();
                    vars.put("productKeys", ProductKeyCodec.format(key));
                    vars.put("customerType", "EXISTING");
                    vars.put("customerDomain", customer.customer().domain());
                    vars.put("delegatedAdmin", "NONE");
                    ready.countDown();
                    go.await();
                    identity.setAuthentication(user.userId(), List.of(Groups.PARTNERS, partner.groupId()),
                            List.of(partner.tenantId()));
                    try {
                        ProcessInstance pi = runtime.startProcessInstanceByKey("productKeySetup", vars);
                        return pi.getId();
                    } catch (com.partnercenter.guard.CommandRefusedException refusedAtOnce) {
                        // the key was taken when this start's check ran: refused before anything exists
                        assertThat(refusedAtOnce.getMessage()).isEqualTo("Product key " + ProductKeyCodec.format(key)
                                + " has already been used.");
                        return null;
                    } finally {
                        identity.clearAuthentication();
                    }
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<String> ids = new ArrayList<>();
            int refusedAtOnce = 0;
            for (Future<String> f : started) {
                String id = f.get(60, TimeUnit.SECONDS);
                if (id == null) {
                    refusedAtOnce++;
                } else {
                    ids.add(id);
                }
            }

            int refused = refusedAtOnce;
            String winner = null;
            for (String id : ids) {
                Object reason = runtime.getVariable(id, "refusalReason");
                if (reason != null) {
                    assertThat(reason).isEqualTo("Product key " + ProductKeyCodec.format(key) + " has already been used.");
                    refused++;
                } else {
                    assertThat(winner).as("only one setup gets the key").isNull();
                    winner = id;
                }
            }
            // the starts that passed their check together race for the key in the flow: one reserves it
            assertThat(refused).isEqualTo(SETUPS - 1);
            assertThat(winner).isNotNull();

            String businessKey = history.createHistoricProcessInstanceQuery().processInstanceId(winner).singleResult()
                    .getBusinessKey();
            for (int round = 0; round < 10; round++) {
                if (provisioning.runFor(businessKey) + jobs.runAll(winner) == 0) {
                    break;
                }
            }
            for (String id : ids) {
                jobs.runAll(id);
            }
            for (String id : ids) {
                HistoricProcessInstance hpi = history.createHistoricProcessInstanceQuery().processInstanceId(id)
                        .singleResult();
                assertThat(hpi.getEndTime()).as("instance " + id + " ended").isNotNull();
                assertThat(hpi.getEndActivityId()).isEqualTo(id.equals(winner) ? "End_SetUp" : "End_Refused");
            }
            for (String id : ids) {
                assertThat(runtime.createIncidentQuery().processInstanceId(id).count()).as("incidents of " + id).isZero();
                assertThat(history.createHistoricIncidentQuery().processInstanceId(id).count()).isZero();
            }
            assertThat(subscriptions.findByCustomer(customer.customer().id())).hasSize(1);
            ProductKey used = keys.find(key).orElseThrow();
            assertThat(used.state()).isEqualTo(ProductKey.State.USED);
            assertThat(used.reservedBy()).isEqualTo(winner);
        } finally {
            pool.shutdownNow();
        }
    }
}
