package com.partnercenter.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no provisioning password is configured, generates a random one at every start and hands it
 * both to the service account (see {@link IdentityBootstrap}) and to the in-process external task
 * client. No password is ever stored in the repository. A generated password suits one application
 * node only (each start replaces it): several nodes, or separate worker processes, need the same
 * PROVISIONING_PASSWORD environment variable everywhere.
 */
public class ServiceAccountPasswordPostProcessor implements EnvironmentPostProcessor {

    static final String SERVICE_PASSWORD = "partner-center.security.service-password";
    static final String CLIENT_PASSWORD = "camunda.bpm.client.basic-auth.password";
    static final String GENERATED = "partner-center.security.service-password-generated";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String configured = env.getProperty(SERVICE_PASSWORD);
        if (configured != null && !configured.isBlank()) {
            return;
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        env.getPropertySources().addFirst(new MapPropertySource("generatedServiceAccount",
                Map.of(SERVICE_PASSWORD, password, CLIENT_PASSWORD, password, GENERATED, "true")));
    }
}
