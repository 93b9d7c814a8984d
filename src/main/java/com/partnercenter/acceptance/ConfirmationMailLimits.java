package com.partnercenter.acceptance;

import com.partnercenter.link.Link;
import com.partnercenter.ratelimit.ClientAddresses;
import com.partnercenter.ratelimit.RateLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * May a request make the application mail a confirmation link? A published link must not become a way to mail
 * strangers, nor let one client lock it for everybody: a new acceptance takes one token of each of
 * {@value #LINK} (per link), {@value #CLIENT} (per client address), {@value #RECIPIENT} (per recipient address) and
 * {@value #DOMAIN} (per recipient domain), all or none. A refused request stores nothing, so it takes nothing from
 * the link's own capacity. The same person submitting again while its acceptance waits for confirmation gets the
 * same link mailed again ({@link #permitAgain}): that takes a token of {@value #CLIENT} and {@value #RECIPIENT}
 * only, so re-submitting one address cannot flood its mailbox, and a flood of other addresses on the link never
 * stops a genuine customer from getting its own mail again. Background retries of mails that could not leave are not limited (no request asks for them).
 */
@Component
public class ConfirmationMailLimits {

    public static final String LINK = "accept-link";
    public static final String CLIENT = "confirmation-mail-client";
    public static final String RECIPIENT = "confirmation-mail-recipient";
    public static final String DOMAIN = "confirmation-mail-domain";

    private final RateLimiter limiter;
    private final ClientAddresses clients;

    public ConfirmationMailLimits(RateLimiter limiter, ClientAddresses clients) {
        this.limiter = limiter;
        this.clients = clients;
    }

    /** Takes the tokens of one new confirmation mail of the link to the address, or says when to try again. */
    public RateLimiter.Decision permit(Link link, String recipient) {
        String address = recipient.trim().toLowerCase(Locale.ROOT);
        List<RateLimiter.Request> requests = new ArrayList<>();
        requests.add(new RateLimiter.Request(LINK, "link:" + link.id()));
        clients.current().ifPresent(client -> requests.add(new RateLimiter.Request(CLIENT, client)));
        requests.add(new RateLimiter.Request(RECIPIENT, address));
        requests.add(new RateLimiter.Request(DOMAIN, address.substring(address.lastIndexOf('@') + 1)));
        return limiter.tryAcquireAll(requests);
    }

    /** Takes the tokens of sending an acceptance's confirmation mail again to its address (client and recipient). */
    public RateLimiter.Decision permitAgain(String recipient) {
        List<RateLimiter.Request> requests = new ArrayList<>();
        clients.current().ifPresent(client -> requests.add(new RateLimiter.Request(CLIENT, client)));
        requests.add(new RateLimiter.Request(RECIPIENT, recipient.trim().toLowerCase(Locale.ROOT)));
        return limiter.tryAcquireAll(requests);
    }
}
