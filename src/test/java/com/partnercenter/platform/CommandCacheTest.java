package com.partnercenter.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.request.FlowRequests;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rows read once per engine command: within one command only, read back after a write, never outside one. */
@IntegrationTest
class CommandCacheTest {

    @Autowired ProcessEngine engine;
    @Autowired FlowRequests requests;
    @Autowired TestData data;

    private <T> T inOneCommand(Command<T> command) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(command);
    }

    @Test
    void aValueIsLoadedOncePerCommandAndAgainInTheNext() {
        AtomicInteger loads = new AtomicInteger();
        for (int command = 1; command <= 2; command++) {
            int expected = command;
            inOneCommand(context -> {
                assertThat(CommandCache.get("test", 1L, loads::incrementAndGet)).isEqualTo(expected);
                assertThat(CommandCache.get("test", 1L, loads::incrementAndGet)).isEqualTo(expected);
                assertThat(CommandCache.get("test", 2L, () -> -1)).as("another key").isEqualTo(-1);
                return null;
            });
        }
        assertThat(loads).as("one load per command").hasValue(2);
    }

    @Test
    void anEvictedValueIsLoadedAgainAndNothingIsCachedOutsideACommand() {
        AtomicInteger loads = new AtomicInteger();
        inOneCommand(context -> {
            CommandCache.get("test", "k", loads::incrementAndGet);
            CommandCache.evict("test", "k");
            assertThat(CommandCache.get("test", "k", loads::incrementAndGet)).isEqualTo(2);
            return null;
        });
        assertThat(CommandCache.get("test", "k", loads::incrementAndGet)).isEqualTo(3);
        assertThat(CommandCache.get("test", "k", loads::incrementAndGet)).as("outside a command: loaded each time")
                .isEqualTo(4);
    }

    /** A flow's request read, written and read again in one command: the second read sees the write. */
    @Test
    void aCommandReadsBackWhatItWroteToARequest() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        String instance = TestData.unique("pi");
        inOneCommand(context -> {
            assertThat(requests.find(instance)).isEmpty();
            requests.record(instance, "purchaseOffer", partner.tenantId(), "OFFER-1", partner.id(), null);
            assertThat(requests.find(instance)).get().extracting(r -> r.delegatedAdminRole()).isNull();
            requests.setDelegatedAdminRole(instance, "FULL");
            assertThat(requests.find(instance)).get().extracting(r -> r.delegatedAdminRole()).isEqualTo("FULL");
            return null;
        });
        assertThat(requests.find(instance)).get().extracting(r -> r.delegatedAdminRole()).isEqualTo("FULL");
    }
}
