package com.partnercenter.mail;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One logical e-mail to send.
 *
 * @param idempotencyKey identifies the logical e-mail: sending the same key again never sends a second mail
 *                       (at most 300 characters)
 * @param template       name of the template {@code templates/mail/<template>.html}, e.g. {@code customer-welcome}
 * @param language       "en" or "fr"; {@code null} means the partner's default language, or English without partner
 * @param recipient      exactly one bare e-mail address, e.g. {@code admin@customer.example}
 * @param model          the template's variables, available to the template as {@code vars}
 * @param partnerId      the partner whose company info the mail carries (footer, Reply-To); may be {@code null}
 * @param businessKey    business key of the process instance, for the mail log; may be {@code null}
 * @param links          template variables that are links, by link id ({@link MailLink}): the URL is rebuilt when
 *                       the mail is rendered and never stored
 */
public record OutgoingMail(
        String idempotencyKey,
        String template,
        String language,
        String recipient,
        Map<String, Object> model,
        Long partnerId,
        String businessKey,
        Map<String, MailLink> links) {

    public OutgoingMail(String idempotencyKey, String template, String language, String recipient,
            Map<String, Object> model, Long partnerId, String businessKey) {
        this(idempotencyKey, template, language, recipient, model, partnerId, businessKey, Map.of());
    }

    /** The same mail carrying one more link as the template variable {@code name}. */
    public OutgoingMail withLink(String name, MailLink link) {
        Map<String, MailLink> more = new HashMap<>(links);
        more.put(name, link);
        return new OutgoingMail(idempotencyKey, template, language, recipient, model, partnerId, businessKey, more);
    }

    public OutgoingMail {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("e-mail idempotency key is missing");
        }
        if (idempotencyKey.length() > 300) {
            throw new IllegalArgumentException("e-mail idempotency key is longer than 300 characters: " + idempotencyKey);
        }
        if (template == null || !template.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("invalid e-mail template name '" + template
                    + "' (expected lower-case words separated by hyphens, e.g. customer-welcome)");
        }
        model = model == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(model));
        links = links == null ? Map.of() : Map.copyOf(links);
    }
}
