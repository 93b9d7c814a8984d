package com.partnercenter.support.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import com.partnercenter.support.ProcessCoverageConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Like {@link com.partnercenter.support.IntegrationTest}, but on a real PostgreSQL: the whole
 * application (Flyway, Camunda engine with {@code database.type=postgres}, REST API, webapps) on a
 * fresh database of the embedded server of {@link EmbeddedPostgresSupport}.
 *
 * <p>Every class annotated with it (and nothing else that changes the context: no @MockitoBean,
 * no @TestPropertySource, no extra profiles) shares ONE Spring context, built once per test run.
 *
 * <p>The engine of this context is named {@value #ENGINE_NAME}, not "default": Camunda's REST API and
 * webapps look engines up in the JVM-wide {@code ProcessEngines} registry by name, and the H2 context
 * of {@code @IntegrationTest} (same JVM) owns "default". Over HTTP, address this context's engine as
 * {@code /engine-rest/engine/pgtest/...}; Java APIs (RuntimeService etc.) are injected as usual.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "pgtest"})
@ContextConfiguration(initializers = PostgresTestContextInitializer.class)
@Import(ProcessCoverageConfiguration.class)
public @interface PostgresIntegrationTest {

    /** Name of the process engine of the PostgreSQL context (see class comment). */
    String ENGINE_NAME = "pgtest";
}
