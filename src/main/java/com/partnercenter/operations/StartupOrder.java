package com.partnercenter.operations;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Flyway and the process engine depend on the {@link StartupLock}: both are built only once this node holds
 * the start-up lock of the database.
 */
@Configuration
public class StartupOrder {

    @Bean
    public FlywayConfigurationCustomizer migrateUnderStartupLock(StartupLock lock) {
        return configuration -> { };
    }

    @Bean
    public ProcessEnginePlugin buildEngineUnderStartupLock(StartupLock lock) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public String toString() {
                return "build the engine under the start-up lock";
            }
        };
    }
}
