package com.partnercenter.mail.sink;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;

/**
 * The dev mail sink switched on where GreenMail is absent (the packaged jar, which carries no dev-only component):
 * the start stops with the reason, instead of sending every mail to an SMTP port nobody listens on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "partner-center.mail-sink.enabled", havingValue = "true")
@ConditionalOnMissingClass(MailSinkConfiguration.GREENMAIL)
public class MailSinkMissing implements InitializingBean {

    static final String REASON = "partner-center.mail-sink.enabled is true, but the dev mail sink (GreenMail) is not "
            + "part of the packaged jar, which carries no dev-only component. Run the dev default with "
            + "`mvn spring-boot:run`, or run the jar with a real SMTP server (profile prod or postgres, SMTP_HOST, "
            + "SMTP_PORT) and PARTNER_CENTER_MAIL_SINK_ENABLED=false.";

    @Override
    public void afterPropertiesSet() {
        throw new IllegalStateException(REASON);
    }
}
