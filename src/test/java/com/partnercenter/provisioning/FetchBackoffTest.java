package com.partnercenter.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.junit.jupiter.api.Test;

class FetchBackoffTest {

    @Test
    void noWaitAfterEmptyFetchesGrowingWaitAfterErrorsResetOnSuccess() {
        FetchBackoff backoff = new FetchBackoff();
        backoff.reconfigure(List.of(), null);
        assertThat(backoff.calculateBackoffTime()).isZero();

        ExternalTaskClientException error = new ExternalTaskClientException("engine down", null);
        backoff.reconfigure(List.of(), error);
        assertThat(backoff.calculateBackoffTime()).isEqualTo(500);
        backoff.reconfigure(List.of(), error);
        assertThat(backoff.calculateBackoffTime()).isEqualTo(1000);
        for (int i = 0; i < 20; i++) {
            backoff.reconfigure(List.of(), error);
        }
        assertThat(backoff.calculateBackoffTime()).isEqualTo(30_000);

        backoff.reconfigure(List.of(), null);
        assertThat(backoff.calculateBackoffTime()).isZero();
    }
}
