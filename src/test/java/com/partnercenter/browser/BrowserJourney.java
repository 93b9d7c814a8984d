package com.partnercenter.browser;

import com.partnercenter.support.FreePortInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context of the browser journeys ({@code *IT}, run by failsafe in its own JVM): the
 * application as in the dev default, on a free port, with the demo data (logins of the README, password
 * {@code demo}), the job executor and the in-process provisioning worker running, and links built from
 * the local base URL so the browser can follow them. Mail goes to the test's GreenMail
 * ({@code TestMail}, port from {@code TEST_SMTP_PORT}). Keep it identical on every journey class so the
 * context is built once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "partner-center.demo.enabled=true",
        "partner-center.demo.password=" + BrowserJourney.PASSWORD,
        "partner-center.public-base-url=http://localhost:${server.port}",
        "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.client.disable-auto-fetching=false"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = FreePortInitializer.class)
public @interface BrowserJourney {

    /** Password of every demo login. */
    String PASSWORD = "demo";
}
