package com.partnercenter.benchmark;

import com.partnercenter.PartnerCenterApplication;
import com.partnercenter.support.postgres.EmbeddedPostgresSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real application for a benchmark, in this JVM: its own configuration (profile {@code postgres},
 * nothing of the test profiles) on a fresh database of the embedded PostgreSQL, on a free port, with the job
 * executor and the in-process provisioning worker running and mail going to the benchmark's SMTP server. Only
 * what a machine-specific deployment sets is set here: database URL, port, public base URL, SMTP port, and
 * the engine's name ({@value #ENGINE}, so that it never meets another test context's engine in Camunda's
 * JVM-wide registry; the in-process worker's REST URL follows it).
 */
final class BenchmarkApp implements AutoCloseable {

    static final String ENGINE = "bench";

    final ConfigurableApplicationContext context;
    final int port;
    final String database;

    private BenchmarkApp(ConfigurableApplicationContext context, int port, String database) {
        this.context = context;
        this.port = port;
        this.database = database;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the application; {@code beans} are registered as singletons before it starts (benchmark-only). */
    static BenchmarkApp start(int smtpPort, Map<String, Object> beans, Map<String, Object> extraProperties) {
        String database = EmbeddedPostgresSupport.createDatabase("bench");
        int port = freePort();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("DB_URL", EmbeddedPostgresSupport.jdbcUrl(database));
        properties.put("DB_USERNAME", EmbeddedPostgresSupport.USER);
        properties.put("DB_PASSWORD", "");
        properties.put("PORT", port);
        properties.put("PUBLIC_BASE_URL", "http://localhost:" + port);
        properties.put("SMTP_HOST", "localhost");
        properties.put("SMTP_PORT", smtpPort);
        properties.put("camunda.bpm.process-engine-name", ENGINE);
        properties.put("PROVISIONING_ENGINE_URL", "http://localhost:" + port + "/engine-rest/engine/" + ENGINE);
        properties.putAll(extraProperties);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PartnerCenterApplication.class)
                .profiles("postgres")
                .properties(properties)
                .initializers(ctx -> beans.forEach(ctx.getBeanFactory()::registerSingleton))
                .run();
        return new BenchmarkApp(context, port, database);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
