package com.partnercenter.provisioning;

import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.spring.event.SubscriptionInitializedEvent;
import org.camunda.bpm.client.spring.impl.client.ClientConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Starts the external task client's fetch loop once a subscription is open, instead of when the client is built.
 *
 * <p>The Camunda client (7.24) starts its loop as soon as its bean is built, and while no subscription is open
 * that loop has nothing to fetch and does not wait: it spins on a core ({@code TopicSubscriptionManager.acquire}).
 * The provisioning subscription opens on {@code ContextRefreshedEvent}, after the application's other start-up
 * listeners (identity, Tasklist start authorizations, forms): about 4 s of a busy core during each start-up in the
 * benchmark's flight recording, on a 2-core machine. So the client is built stopped and started here when {@link SubscriptionInitializedEvent} says its subscription
 * is open. {@code camunda.bpm.client.disable-auto-fetching} keeps its meaning: true, this node's client never
 * fetches (the tests' profile).
 */
@Component
public class FetchOnceSubscribed implements BeanPostProcessor, ApplicationContextAware,
        ApplicationListener<SubscriptionInitializedEvent> {

    private volatile boolean fetch;
    private ObjectProvider<ExternalTaskClient> client;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ClientConfiguration configuration) {
            fetch = !Boolean.TRUE.equals(configuration.getDisableAutoFetching());
            configuration.setDisableAutoFetching(true);
        }
        return bean;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.client = context.getBeanProvider(ExternalTaskClient.class);
    }

    @Override
    public void onApplicationEvent(SubscriptionInitializedEvent event) {
        if (fetch) {
            start(client.getIfAvailable());
        }
    }

    /** Starts the client's loop unless it runs already. */
    static void start(ExternalTaskClient client) {
        if (client != null && !client.isActive()) {
            client.start();
        }
    }

    /** Whether this node's client fetches once subscribed (false: disable-auto-fetching was set). */
    boolean fetches() {
        return fetch;
    }
}
