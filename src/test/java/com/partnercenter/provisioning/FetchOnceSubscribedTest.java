package com.partnercenter.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.spring.SpringTopicSubscription;
import org.camunda.bpm.client.spring.event.SubscriptionInitializedEvent;
import org.camunda.bpm.client.spring.impl.client.ClientConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;

/** The client is built stopped and starts fetching when its subscription is open, unless fetching is off. */
class FetchOnceSubscribedTest {

    private final ExternalTaskClient client = mock(ExternalTaskClient.class);
    private final FetchOnceSubscribed starter = new FetchOnceSubscribed();

    FetchOnceSubscribedTest() {
        StaticApplicationContext context = new StaticApplicationContext();
        context.getBeanFactory().registerSingleton("client", client);
        starter.setApplicationContext(context);
    }

    @Test
    void aFetchingClientIsBuiltStoppedAndStartsWhenItsSubscriptionIsOpen() {
        ClientConfiguration configuration = new ClientConfiguration();
        configuration.setDisableAutoFetching(false);
        starter.postProcessAfterInitialization(configuration, "clientConfiguration");
        assertThat(configuration.getDisableAutoFetching()).as("built without starting its loop").isTrue();
        assertThat(starter.fetches()).isTrue();
        verify(client, never()).start();

        starter.onApplicationEvent(new SubscriptionInitializedEvent(mock(SpringTopicSubscription.class)));
        verify(client).start();
    }

    @Test
    void theDefaultFetchesToo() {
        starter.postProcessAfterInitialization(new ClientConfiguration(), "clientConfiguration");
        assertThat(starter.fetches()).isTrue();
    }

    @Test
    void aClientThatMustNotFetchIsNeverStarted() {
        ClientConfiguration configuration = new ClientConfiguration();
        configuration.setDisableAutoFetching(true);
        starter.postProcessAfterInitialization(configuration, "clientConfiguration");
        starter.onApplicationEvent(new SubscriptionInitializedEvent(mock(SpringTopicSubscription.class)));
        verify(client, never()).start();
    }

    @Test
    void aRunningClientIsNotStartedTwice() {
        when(client.isActive()).thenReturn(true);
        FetchOnceSubscribed.start(client);
        verify(client, never()).start();
    }
}
