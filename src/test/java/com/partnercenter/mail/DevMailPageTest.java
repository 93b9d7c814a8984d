package com.partnercenter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.partnercenter.mail.sink.MailSinkController;
import com.partnercenter.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;

/** The dev mail sink is off outside the dev default: no SMTP sink, no /dev/mail page. */
@IntegrationTest
class DevMailPageTest {

    @Autowired TestRestTemplate rest;
    @Autowired ApplicationContext context;

    @Test
    void devMailPageDoesNotExist() {
        assertThat(rest.getForEntity("/dev/mail", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.getForEntity("/dev/mail/0", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(context.getBeanNamesForType(MailSinkController.class)).isEmpty();
        assertThat(context.getBeanNamesForType(GreenMail.class)).isEmpty();
    }
}
