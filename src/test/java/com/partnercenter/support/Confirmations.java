package com.partnercenter.support;

import com.partnercenter.acceptance.AcceptanceForm;
import com.partnercenter.acceptance.AcceptanceRepository;
import com.partnercenter.acceptance.AcceptanceService;
import com.partnercenter.link.IssuedLink;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkService;
import com.partnercenter.link.LinkType;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.EngineClock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * A customer's acceptance of a link without fields of its own (trial invitation, sign-up), stored as the accept page
 * stores it and confirmed as the click on the mailed confirmation link confirms it: the application then starts (or
 * moves) the flow, exactly as in production.
 */
@Component
public class Confirmations {

    private final AcceptanceRepository acceptances;
    private final AcceptanceService service;
    private final LinkService links;
    private final PartnerRepository partners;

    public Confirmations(AcceptanceRepository acceptances, AcceptanceService service, LinkService links,
            PartnerRepository partners) {
        this.acceptances = acceptances;
        this.service = service;
        this.links = links;
        this.partners = partners;
    }

    /** Stores and confirms the acceptance; returns its id (the started instance's key ends in -A and that id). */
    public long confirm(Link invitation, AcceptanceForm form) {
        long acceptanceId = acceptances.insert(invitation.id(), form.normalized());
        IssuedLink confirmation = links.issue(LinkType.EMAIL_CONFIRMATION,
                partners.findById(invitation.partnerId()).orElseThrow(), EngineClock.now().plus(Duration.ofHours(1)),
                invitation.processInstanceId(), invitation.businessKey(), acceptanceId, true);
        AcceptanceService.Confirmed outcome = service.confirm(links.findById(confirmation.id()).orElseThrow());
        if (outcome != AcceptanceService.Confirmed.CONFIRMED) {
            throw new IllegalStateException("acceptance " + acceptanceId + " was not confirmed: " + outcome);
        }
        return acceptanceId;
    }

    /** A new customer's form: organization of the domain, its admin admin@domain. */
    public static AcceptanceForm form(String domain, boolean delegatedAdminConsent) {
        AcceptanceForm form = new AcceptanceForm();
        form.setOrganizationName("Trial Co");
        form.setDomain(domain);
        form.setCountry("FR");
        form.setLanguage("fr");
        form.setAdminFirstName("Tia");
        form.setAdminLastName("Trial");
        form.setAdminEmail("admin@" + domain);
        form.setDelegatedAdminConsent(delegatedAdminConsent);
        return form;
    }
}
