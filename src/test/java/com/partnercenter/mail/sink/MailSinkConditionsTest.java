package com.partnercenter.mail.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.partnercenter.platform.PartnerCenterProperties;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The dev mail sink exists only where GreenMail is on the class path (mvn spring-boot:run, the tests): without it (the
 * packaged jar, {@code PackagedJarIT}) a start with the sink switched on stops with the reason, and a start with it
 * off has no sink at all.
 */
class MailSinkConditionsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PartnerCenterProperties.class)
    static class Properties {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, MailSinkConfiguration.class, MailSinkMissing.class,
                    MailSinkController.class);

    @Test
    void withGreenMailTheSwitchedOnSinkRunsWithItsPage() throws IOException {
        runner.withPropertyValues("partner-center.mail-sink.enabled=true", "partner-center.mail-sink.smtp-port=" + freePort())
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(GreenMail.class)
                            .hasSingleBean(MailSinkController.class).doesNotHaveBean(MailSinkMissing.class);
                    assertThat(context.getBean(GreenMail.class).isRunning()).isTrue();
                });
    }

    @Test
    void withoutGreenMailTheSwitchedOnSinkStopsTheStartWithTheReason() {
        runner.withClassLoader(new FilteredClassLoader(GreenMail.class))
                .withPropertyValues("partner-center.mail-sink.enabled=true")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(IllegalStateException.class).hasMessage(MailSinkMissing.REASON));
    }

    @Test
    void withoutGreenMailASwitchedOffSinkLeavesNoTrace() {
        runner.withClassLoader(new FilteredClassLoader(GreenMail.class))
                .withPropertyValues("partner-center.mail-sink.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MailSinkConfiguration.class)
                        .doesNotHaveBean(MailSinkController.class).doesNotHaveBean(MailSinkMissing.class));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
