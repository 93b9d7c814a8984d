package com.partnercenter.mail.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The /dev/mail pages against a standalone GreenMail, rendered with the real templates. */
class MailSinkControllerTest {

    private GreenMail sink;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        sink = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        sink.start();
        var templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        var engine = new SpringTemplateEngine();
        engine.setTemplateResolver(templates);
        var views = new ThymeleafViewResolver();
        views.setTemplateEngine(engine);
        views.setCharacterEncoding("UTF-8");
        mvc = MockMvcBuilders.standaloneSetup(new MailSinkController(sink)).setViewResolvers(views).build();
    }

    @AfterEach
    void tearDown() {
        sink.stop();
    }

    private void send(String to, String subject, String html, String text) {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(sink.getSmtp().getPort());
        sender.send(message -> {
            var helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom("no-reply@partnercenter.example");
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text, html);
        });
    }

    @Test
    void listsMailsNewestFirstWithTheirLinks() throws Exception {
        send("first@acme.example", "First mail", "<p><a href=\"https://partners.test/a?x=1&amp;y=2\">Open</a></p>",
                "Open: https://partners.test/a?x=1&y=2");
        send("second@acme.example", "Second <script>alert(1)</script>",
                "<p><a href=\"javascript:alert(1)\">bad</a> <a href=\"https://partners.test/b\">b</a></p>", "b");

        String page = mvc.perform(get("/dev/mail")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Second &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(page.indexOf("second@acme.example")).isLessThan(page.indexOf("first@acme.example"));
        assertThat(page).contains("href=\"https://partners.test/a?x=1&amp;y=2\"", "href=\"https://partners.test/b\"",
                "href=\"/dev/mail/1\"", "href=\"/dev/mail/0\"");
        assertThat(page).doesNotContain("javascript:");
    }

    @Test
    void showsOneMailInASandboxedFrame() throws Exception {
        send("first@acme.example", "Hello", "<h1>Hi <b>there</b></h1><script>alert(1)</script>", "Hi there");

        String page = mvc.perform(get("/dev/mail/0")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("<iframe sandbox=\"\"", "srcdoc=\"&lt;h1&gt;Hi &lt;b&gt;there&lt;/b&gt;&lt;/h1&gt;",
                "<pre>Hi there</pre>", "first@acme.example");
        assertThat(page).doesNotContain("<script>");
        mvc.perform(get("/dev/mail/1")).andExpect(status().isNotFound());
    }

    @Test
    void clearEmptiesTheSink() throws Exception {
        send("first@acme.example", "Hello", "<p>Hi</p>", "Hi");

        mvc.perform(post("/dev/mail/clear")).andExpect(redirectedUrl("/dev/mail"));

        assertThat(mvc.perform(get("/dev/mail")).andReturn().getResponse().getContentAsString())
                .contains("No e-mail captured yet.");
    }
}
