package com.partnercenter.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The shared Spring context of the integration and process tests (H2 in memory, jobs executed by the
 * test, external task client not fetching). Keep its configuration identical everywhere so that the
 * context is built once per test run. The engine records process test coverage (which flow nodes and sequence flows
 * each test class took, target/process-test-coverage/): the coverage library's test listener registers itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ProcessCoverageConfiguration.class)
public @interface IntegrationTest {}
