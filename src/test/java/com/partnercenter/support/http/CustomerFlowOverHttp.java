package com.partnercenter.support.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Drives one customer flow end to end through the application's real HTTP surface, as the people in it do:
 * a partner user starts it over the REST API (what Tasklist's start form sends), the recipient follows the
 * invitation link of the mail, accepts on the public page (GET, then POST), the admin follows the
 * confirmation link of the next mail (GET, then POST), and provisioning and the flow's remaining mails run
 * in the background until every mail of the flow has been delivered. Each step where the client waits is
 * timed ({@link #STEPS}).
 *
 * <p>Two flows: a <b>purchase offer</b> (an open offer of one SKU, accepted by a new customer: organization,
 * admin and subscription provisioned) and a <b>trial acceptance</b> (a trial invitation accepted by a new
 * customer). Each sends six mails: the invitation (recipient), the link to the partner user, the
 * confirmation link, the welcome and the confirmation of the purchase or trial (admin), and the partner
 * user's notice. Each flow gets fresh customer addresses; the partner user's two mails of a flow are told apart
 * from its other flows' by their content ({@link Run#ofThisFlow}), so one partner user may run many flows.
 */
public final class CustomerFlowOverHttp {

    /** The flows this driver knows. */
    public enum Kind {
        PURCHASE_OFFER("purchase offer", "purchaseOffer"),
        TRIAL_ACCEPTANCE("trial acceptance", "trialInvitation");

        public final String label;
        public final String processKey;

        Kind(String label, String processKey) {
            this.label = label;
            this.processKey = processKey;
        }
    }

    /** The partner user who starts the flow (HTTP Basic on the REST API) and receives its partner mails. */
    public record PartnerLogin(String userId, String password, String email) {}

    /**
     * A flow driven so far: its addresses, instance and invitation link (null before its mail came), and the time
     * of each step (ms) in {@link #STEPS} order.
     */
    public record Run(Kind kind, String tag, String instanceId, String recipient, String adminEmail,
            String partnerEmail, String domain, String invitationUrl, Map<String, Double> stepMillis) {

        /**
         * Whether a mail to the partner user is this flow's: the link issued (it carries the flow's invitation
         * link) or the notice of the acceptance (it names the customer's domain). A partner user who runs many
         * flows gets the mails of all of them at one address.
         */
        public boolean ofThisFlow(MailCatcher.Mail mail) {
            // runs under the mail catcher's lock for every mail of the address at each delivery: a plain search
            // first, the pattern (compiled per call) only for the mails that name the domain at all
            String body = mail.body();
            return invitationUrl != null && body.contains(invitationUrl)
                    || body.contains(domain) && java.util.regex.Pattern.compile("(?<![A-Za-z0-9.-])"
                            + java.util.regex.Pattern.quote(domain) + "(?![A-Za-z0-9-])").matcher(body).find();
        }
    }

    /** A flow that did not get through: the step, why, and what was driven before. */
    public static final class FlowFailed extends Exception {
        public final Run run;

        FlowFailed(Run run, String step, String why) {
            super(run.kind().label + " " + run.tag() + " failed at '" + step + "': " + why);
            this.run = run;
        }
    }

    public static final List<String> STEPS = List.of("start (REST)", "invitation mail", "accept GET", "accept POST",
            "confirmation mail", "confirm GET", "confirm POST", "provisioned, all mails", "total");

    /** Mails each address of one flow receives. */
    public static final int RECIPIENT_MAILS = 1;
    public static final int ADMIN_MAILS = 3;
    public static final int PARTNER_MAILS = 2;

    private final AppHttp http;
    private final MailCatcher mail;
    private final Duration timeout;
    private final boolean partnerMails;

    /** {@code timeout}: the longest the client waits for one mail before the flow counts as failed. */
    public CustomerFlowOverHttp(AppHttp http, MailCatcher mail, Duration timeout) {
        this(http, mail, timeout, true);
    }

    /**
     * {@code partnerMails} false: the flow is done when the customer's mails arrived, without counting the partner
     * user's (when one partner user starts many flows at once, e.g. a demo login).
     */
    public CustomerFlowOverHttp(AppHttp http, MailCatcher mail, Duration timeout, boolean partnerMails) {
        this.http = http;
        this.mail = mail;
        this.timeout = timeout;
        this.partnerMails = partnerMails;
    }

    /** Runs the flow; {@code tag} (letters and digits) makes its addresses and domain unique. */
    public Run run(Kind kind, PartnerLogin partner, String skuCode, String tag) throws FlowFailed {
        String t = tag.toLowerCase(Locale.ROOT);
        String recipient = "invitee-" + t + "@bench.example";
        String domain = t + ".example";
        String admin = "ada@" + domain;
        Map<String, Double> steps = new LinkedHashMap<>();
        Run run = new Run(kind, tag, null, recipient, admin, partner.email(), domain, null, steps);
        long begin = System.nanoTime();

        Map<String, Object> start = new LinkedHashMap<>();
        if (kind == Kind.PURCHASE_OFFER) {
            start.put("line1Sku", skuCode);
            start.put("line1Licenses", 10L);
        } else {
            start.put("skuCode", skuCode);
        }
        start.put("includeDelegatedAdmin", false);
        start.put("recipientEmails", recipient);
        start.put("linkValidityDays", 30L);
        AppHttp.Answer started = http.startProcess(kind.processKey, start, partner.userId(), partner.password());
        expect(run, "start (REST)", started, 200);
        String instanceId = AppHttp.Rest.id(started.body());
        run = new Run(kind, tag, instanceId, recipient, admin, partner.email(), domain, null, steps);
        steps.put("start (REST)", started.millis());
        long startedAt = System.nanoTime();

        MailCatcher.Mail invitation = awaitMail(run, "invitation mail", recipient, RECIPIENT_MAILS).get(0);
        steps.put("invitation mail", (invitation.arrivedNanos() - startedAt) / 1e6);
        String page = MailCatcher.link(invitation, MailCatcher.invitationLink(http.baseUrl()))
                .orElseThrow(() -> new IllegalStateException("no invitation link in " + invitation.subject()));
        run = new Run(kind, tag, instanceId, recipient, admin, partner.email(), domain, page, steps);

        AppHttp.Answer shown = http.get(page);
        expect(run, "accept GET", shown, 200);
        steps.put("accept GET", shown.millis());
        Map<String, String> form = AppHttp.form("organizationName", "Bench " + tag, "domain", domain, "country", "FR",
                "language", "en", "adminFirstName", "Ada", "adminLastName", "Lovelace", "adminEmail", admin);
        if (kind == Kind.PURCHASE_OFFER) {
            form.put("licenses[" + skuCode + "]", "12");
        }
        AppHttp.Answer accepted = http.postForm(page, form);
        expect(run, "accept POST", accepted, 200);
        steps.put("accept POST", accepted.millis());
        long acceptedAt = System.nanoTime();

        MailCatcher.Mail confirmation = awaitMail(run, "confirmation mail", admin, 1).get(0);
        steps.put("confirmation mail", Math.max(0, confirmation.arrivedNanos() - acceptedAt) / 1e6);
        String confirm = MailCatcher.link(confirmation, MailCatcher.confirmationLink(http.baseUrl()))
                .orElseThrow(() -> new IllegalStateException("no confirmation link in " + confirmation.subject()));
        AppHttp.Answer confirmPage = http.get(confirm);
        expect(run, "confirm GET", confirmPage, 200);
        steps.put("confirm GET", confirmPage.millis());
        AppHttp.Answer confirmed = http.postForm(confirm, Map.of());
        expect(run, "confirm POST", confirmed, 200);
        steps.put("confirm POST", confirmed.millis());
        long confirmedAt = System.nanoTime();

        long last = awaitMail(run, "provisioned, all mails", admin, ADMIN_MAILS).get(ADMIN_MAILS - 1).arrivedNanos();
        if (partnerMails) {
            Run flow = run;
            last = Math.max(last, awaitMail(run, "provisioned, all mails", partner.email(), PARTNER_MAILS,
                    flow::ofThisFlow).get(PARTNER_MAILS - 1).arrivedNanos());
        }
        steps.put("provisioned, all mails", Math.max(0, last - confirmedAt) / 1e6);
        steps.put("total", (Math.max(last, confirmedAt) - begin) / 1e6);
        return run;
    }

    private List<MailCatcher.Mail> awaitMail(Run run, String step, String address, int count) throws FlowFailed {
        return awaitMail(run, step, address, count, m -> true);
    }

    private List<MailCatcher.Mail> awaitMail(Run run, String step, String address, int count,
            java.util.function.Predicate<MailCatcher.Mail> which) throws FlowFailed {
        try {
            return mail.await(address, count, timeout, which);
        } catch (TimeoutException e) {
            throw new FlowFailed(run, step, e.getMessage());
        }
    }

    private static void expect(Run run, String step, AppHttp.Answer answer, int status) throws FlowFailed {
        if (answer.status() != status) {
            String body = answer.body() == null ? "" : answer.body();
            throw new FlowFailed(run, step, "HTTP " + answer.status() + " instead of " + status + ": "
                    + body.substring(0, Math.min(300, body.length())).replaceAll("\\s+", " "));
        }
    }
}
