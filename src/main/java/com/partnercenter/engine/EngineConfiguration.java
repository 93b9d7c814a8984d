package com.partnercenter.engine;

import com.partnercenter.platform.CommandInterceptorSource;
import com.partnercenter.platform.PartnerTenantIdProvider;
import com.partnercenter.ratelimit.ClientAddresses;
import com.partnercenter.ratelimit.RateLimiter;
import com.partnercenter.ratelimit.Throttled;
import com.partnercenter.security.Argon2PasswordEncryptor;
import com.partnercenter.security.Groups;
import com.partnercenter.security.GuardedIdentityProvider;
import com.partnercenter.security.PasswordHashSettings;
import com.partnercenter.security.SignInFilter;
import com.partnercenter.security.SignInGuard;
import com.partnercenter.security.SignInSettings;
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
     * Admin groups, authorization and tenant checks, the tenant of new instances; passwords hashed with Argon2id
     * ({@link Argon2PasswordEncryptor}) and checked by the identity provider with the healing lockout and the sign-in
     * audit ({@link GuardedIdentityProvider}); and the command checks of every {@link CommandInterceptorSource} bean
     * (the engine command guard) on both command chains of the engine: the one every service uses (transaction
     * required) and the one the engine uses for work in a new transaction.
     */
    @Bean
    public ProcessEnginePlugin partnerCenterEnginePlugin(PasswordHashSettings passwordHash,
            SignInSettings signIn, ObjectProvider<SignInGuard> guard,
            ObjectProvider<CommandInterceptorSource> commandChecks) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl config) {
                config.setPasswordEncryptor(new Argon2PasswordEncryptor(passwordHash));
                config.setIdentityProviderSessionFactory(GuardedIdentityProvider.factory(guard));
                List<org.camunda.bpm.engine.impl.interceptor.SessionFactory> sessions = new ArrayList<>(
                        config.getCustomSessionFactories() == null ? List.of() : config.getCustomSessionFactories());
                sessions.add(com.partnercenter.platform.CommandCache.factory());
                config.setCustomSessionFactories(sessions);
                config.setLoginMaxAttempts(signIn.maxAttempts());
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

    /** Every sign-in (REST and /api Basic, the webapps' login, the identity API) passes the per-client throttle first. */
    @Bean
    public FilterRegistrationBean<SignInFilter> signInFilter(RateLimiter limiter, ClientAddresses clients,
            Throttled throttled) {
        var registration = new FilterRegistrationBean<>(new SignInFilter(limiter, clients, throttled));
        registration.setName("sign-in-throttle");
        registration.addUrlPatterns("/engine-rest/*", "/api/*", "/camunda/api/*");
        registration.setOrder(0);
        return registration;
    }
}
