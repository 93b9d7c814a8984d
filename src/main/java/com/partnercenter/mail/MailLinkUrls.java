package com.partnercenter.mail;

import java.util.Optional;

/** Rebuilds the URL of a link a mail carries (implemented by the link service). */
public interface MailLinkUrls {

    /** The link's URL; empty when it cannot be rebuilt (unknown link, or one issued before URLs were rebuildable). */
    Optional<String> urlOf(long linkId);
}
