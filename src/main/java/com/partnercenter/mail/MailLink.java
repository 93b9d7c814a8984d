package com.partnercenter.mail;

/**
 * A personalized link a mail carries, by the link's id: its URL is rebuilt when the mail is rendered (see
 * {@link MailLinkUrls}), so neither the outbox nor a process variable ever holds it, and a re-sent mail carries the
 * same link as the first.
 *
 * @param linkId the link ({@code pc_link.id})
 * @param query  appended to the URL after '?', e.g. {@code lang=fr}; may be null
 */
public record MailLink(long linkId, String query) {

    public MailLink {
        if (query != null && !query.matches("[A-Za-z0-9_.=&-]*")) {
            throw new IllegalArgumentException("link query '" + query + "' has characters a link query does not need");
        }
    }

    public static MailLink of(long linkId) {
        return new MailLink(linkId, null);
    }
}
