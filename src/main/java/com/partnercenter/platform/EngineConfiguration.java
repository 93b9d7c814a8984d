package com.partnercenter.platform;

import com.partnercenter.security.Groups;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Engine settings that cannot be expressed in application.yml, and REST API authentication. */
@Configuration
public class EngineConfiguration {

    /**
     * Admin group, authorization and tenant checks, the tenant provider, and the command checks of every
     * {@link CommandInterceptorSource} bean (the engine command guard) on both command chains of the engine: the
     * one every service uses (transaction required) and the one the engine uses for work in a new transaction.
     */
    @Bean
    public ProcessEnginePlugin partnerCenterEnginePlugin(ObjectProvider<CommandInterceptorSource> commandChecks) {
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
                List<CommandInterceptor> txRequired = new ArrayList<>(
                        config.getCustomPostCommandInterceptorsTxRequired() == null ? List.of()
                                : config.getCustomPostCommandInterceptorsTxRequired());
                List<CommandInterceptor> txRequiresNew = new ArrayList<>(
                        config.getCustomPostCommandInterceptorsTxRequiresNew() == null ? List.of()
                                : config.getCustomPostCommandInterceptorsTxRequiresNew());
                commandChecks.orderedStream().forEach(source -> {
                    txRequired.add(source.newInterceptor());
                    txRequiresNew.add(source.newInterceptor());
                });
                config.setCustomPostCommandInterceptorsTxRequired(txRequired);
                config.setCustomPostCommandInterceptorsTxRequiresNew(txRequiresNew);
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
