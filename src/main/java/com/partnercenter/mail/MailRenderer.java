package com.partnercenter.mail;

import com.partnercenter.partner.Partner;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.PartnerCenterProperties;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.expression.spel.SpelEvaluationException;
import org.springframework.expression.spel.SpelMessage;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.messageresolver.SpringMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the mail templates {@code templates/mail/<template>.html} with their own Thymeleaf engine (kept apart
 * from the web pages' engine) and the message bundle {@code i18n/mail.properties} (English) /
 * {@code i18n/mail_fr.properties} (French).
 *
 * <p>A template sees {@code vars} (the mail's model), {@code partner} (may be null), {@code baseUrl} and
 * {@code language}, and {@code format} (dates and numbers in the mail's language: {@code ${format.day(vars.x)}}). Its {@code <title>} is the subject; the plain-text alternative is derived from the HTML.
 * To add a message: one template (using the layout {@code mail/layout}) and its texts in both bundles.
 *
 * <p>Every link must point under the public base URL (or be the partner's website or a mailto: link): a URL
 * taken from a variable that points elsewhere is refused, so a mail can never carry a foreign link.
 */
@Component
public class MailRenderer {

    private static final Pattern TITLE = Pattern.compile("(?is)<title>(.*?)</title>");
    private static final Pattern HREF = Pattern.compile("(?i)\\bhref=\"([^\"]*)\"");

    private final SpringTemplateEngine engine = new StrictTemplateEngine();
    private final PartnerCenterProperties properties;

    public MailRenderer(PartnerCenterProperties properties) {
        this.properties = properties;
        var templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding(StandardCharsets.UTF_8.name());
        templates.setCheckExistence(true);
        templates.setCacheable(true);
        var messages = new com.partnercenter.platform.ElidingMessageSource();
        messages.setBasename("i18n/mail");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        // one quoting rule for every text: a literal apostrophe is '' (or the typographic ’)
        messages.setAlwaysUseMessageFormat(true);
        engine.setTemplateResolver(templates);
        engine.setTemplateEngineMessageSource(messages);
    }

    public RenderedMail render(String template, Language language, Map<String, Object> vars, Partner partner) {
        String baseUrl = properties.baseUrl();
        Context context = new Context(language.locale());
        context.setVariable("vars", vars);
        context.setVariable("partner", partner);
        context.setVariable("baseUrl", baseUrl);
        context.setVariable("language", language.code());
        context.setVariable("format", com.partnercenter.platform.ReaderFormat.of(language));
        String html;
        try {
            html = engine.process("mail/" + template, context);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("E-mail template '" + template + "' (" + language.code()
                    + ") could not be rendered: " + rootMessage(e), e);
        }
        Matcher title = TITLE.matcher(html);
        if (!title.find()) {
            throw new IllegalStateException("E-mail template '" + template + "' has no <title> (the subject)");
        }
        checkLinks(template, html, baseUrl, partner);
        return new RenderedMail(HtmlUtils.htmlUnescape(title.group(1)).strip(), html, HtmlToText.convert(html));
    }

    private static void checkLinks(String template, String html, String baseUrl, Partner partner) {
        Matcher href = HREF.matcher(html);
        while (href.find()) {
            String link = HtmlUtils.htmlUnescape(href.group(1));
            boolean allowed = link.equals(baseUrl) || link.startsWith(baseUrl + "/") || link.startsWith("mailto:")
                    || partner != null && link.equals(partner.website()) && link.matches("(?i)https?://.+");
            if (!allowed) {
                throw new IllegalArgumentException("E-mail template '" + template + "' would link to '" + link
                        + "', which is not under the public base URL " + baseUrl);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof SpelEvaluationException spel
                && spel.getMessageCode() == SpelMessage.PROPERTY_OR_FIELD_NOT_READABLE && spel.getInserts().length > 0) {
            return "variable '" + spel.getInserts()[0] + "' is missing";
        }
        if (root instanceof SpelEvaluationException spel
                && spel.getMessageCode() == SpelMessage.PROPERTY_OR_FIELD_NOT_READABLE_ON_NULL) {
            return "it reads '" + spel.getInserts()[0] + "' of a missing value (a template about a partner's offer "
                    + "needs the partner: variable partnerId)";
        }
        return root.getMessage();
    }

    /**
     * Spring's engine replaces the message resolver with its own when it initializes; this one installs the
     * strict resolver at that very moment, so that it is the one in use.
     */
    private static final class StrictTemplateEngine extends SpringTemplateEngine {
        private org.springframework.context.MessageSource texts;

        @Override
        public void setTemplateEngineMessageSource(org.springframework.context.MessageSource source) {
            super.setTemplateEngineMessageSource(source);
            this.texts = source;
        }

        @Override
        protected void initializeSpringSpecific() {
            StrictMessageResolver resolver = new StrictMessageResolver();
            resolver.setMessageSource(texts);
            setMessageResolver(resolver);
        }
    }

    /** A text missing from a bundle is an error, not a "??key_fr??" in a customer's mail. */
    private static final class StrictMessageResolver extends SpringMessageResolver {
        @Override
        public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                Object[] messageParameters) {
            throw new IllegalStateException("no text '" + key + "' for language '" + context.getLocale() + "'");
        }
    }
}
