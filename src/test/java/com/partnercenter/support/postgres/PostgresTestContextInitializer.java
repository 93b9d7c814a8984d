package com.partnercenter.support.postgres;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a fresh database of the JVM's embedded PostgreSQL server. Runs once
 * per context build (the test context cache then reuses the context), so every context has its own
 * database. The rest of the PostgreSQL settings are in {@code application-pgtest.yml}, which reads
 * the URL from {@value #URL_PROPERTY}.
 */
public class PostgresTestContextInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String URL_PROPERTY = "pgtest.jdbc-url";
    public static final String DATABASE_PROPERTY = "pgtest.database";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = EmbeddedPostgresSupport.createDatabase("pc");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", Map.of(
                URL_PROPERTY, EmbeddedPostgresSupport.jdbcUrl(database),
                DATABASE_PROPERTY, database)));
        EmbeddedPostgresSupport.closeBeforeShutdown(context);
    }
}
