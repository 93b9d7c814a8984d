package com.partnercenter.mail.sink;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.partnercenter.platform.PartnerCenterProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dev mail sink ({@code partner-center.mail-sink.enabled=true}, the dev default only): an embedded SMTP server on
 * 127.0.0.1:{@code partner-center.mail-sink.smtp-port} that keeps every mail in memory, shown at {@code /dev/mail}.
 * It starts and stops with the application context. GreenMail is on the class path of {@code mvn spring-boot:run}
 * and of the tests only: the packaged jar leaves it out, and a jar started with the sink switched on stops with
 * {@link MailSinkMissing}'s reason.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "partner-center.mail-sink.enabled", havingValue = "true")
@ConditionalOnClass(name = MailSinkConfiguration.GREENMAIL)
public class MailSinkConfiguration {

    static final String GREENMAIL = "com.icegreen.greenmail.util.GreenMail";

    private static final Logger log = LoggerFactory.getLogger(MailSinkConfiguration.class);

    @Bean(initMethod = "start", destroyMethod = "stop")
    public GreenMail mailSink(PartnerCenterProperties properties) {
        int port = properties.mailSink().smtpPort();
        log.warn("Dev mail sink: e-mails are NOT delivered, they are kept in memory (SMTP 127.0.0.1:{}) and shown "
                + "at /dev/mail", port);
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }
}
