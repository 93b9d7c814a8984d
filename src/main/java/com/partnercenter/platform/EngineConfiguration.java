package com.partnercenter.platform;

import com.partnercenter.security.Groups;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Engine settings that cannot be expressed in application.yml, and REST API authentication. */
@Configuration
public class EngineConfiguration {

    @Bean
    public ProcessEnginePlugin partnerCenterEnginePlugin() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl config) {
                List<String> adminGroups = new ArrayList<>(
                        config.getAdminGroups() == null ? List.of() : config.getAdminGroups());
                if (!adminGroups.contains(Groups.OPERATORS)) {
                    adminGroups.add(Groups.OPERATORS);
                }
                config.setAdminGroups(adminGroups);
                config.setAuthorizationEnabled(true);
                config.setTenantCheckEnabled(true);
                config.setTenantIdProvider(new PartnerTenantIdProvider());
            }
        };
    }

    /**
     * The REST API under /engine-rest, and the application's own API under /api, require HTTP Basic
     * authentication of a Camunda user; the filter sets that user as the engine's current authentication.
     */
    @Bean
    public FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-rest-auth");
        registration.addUrlPatterns("/engine-rest/*", "/api/*");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(1);
        return registration;
    }
}
