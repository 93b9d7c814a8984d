package com.partnercenter.provisioning;

import java.util.List;
import org.camunda.bpm.client.backoff.ErrorAwareBackoffStrategy;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * Back-off of the provisioning worker's fetch loop. Fetches use long polling (the engine holds an
 * empty fetch for up to {@code async-response-timeout}), so after an empty or successful fetch the
 * worker asks again at once: no added latency, unlike the client's default back-off of up to 60 s.
 * After a failed fetch (engine down, wrong credentials) it waits 0.5 s, doubling up to 30 s, so a
 * misconfiguration never turns into a tight loop of requests and log lines.
 */
@Component
public class FetchBackoff implements ErrorAwareBackoffStrategy {

    static final long FIRST_ERROR_WAIT_MILLIS = 500;
    static final long MAX_WAIT_MILLIS = 30_000;

    private volatile long waitMillis;

    @Override
    public void reconfigure(List<ExternalTask> externalTasks, ExternalTaskClientException error) {
        waitMillis = error == null ? 0 : waitMillis == 0 ? FIRST_ERROR_WAIT_MILLIS
                : Math.min(waitMillis * 2, MAX_WAIT_MILLIS);
    }

    @Override
    public long calculateBackoffTime() {
        return waitMillis;
    }
}
