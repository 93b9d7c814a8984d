package com.partnercenter.acceptance;

import com.partnercenter.link.Link;
import com.partnercenter.link.LinkType;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.request.FlowRequests;
import org.springframework.stereotype.Component;

/** What an accept page offers, read from the request of the process that issued the link. */
@Component
public class OfferDescriptions {

    /**
     * @param trial          a trial offer (SKU, days, licenses), or null
     * @param delegatedAdmin FULL or LIMITED when the partner also asks for delegated administration, else null
     */
    public record Offer(Trial trial, String delegatedAdmin) {}

    public record Trial(String skuName, int days, int licenses) {}

    private final FlowRequests requests;
    private final com.partnercenter.catalogue.CatalogueRepository catalogue;
    private final com.partnercenter.partner.PartnerRepository partners;

    public OfferDescriptions(FlowRequests requests, com.partnercenter.catalogue.CatalogueRepository catalogue,
            com.partnercenter.partner.PartnerRepository partners) {
        this.requests = requests;
        this.catalogue = catalogue;
        this.partners = partners;
    }

    /** The SKU code of a trial invitation (its instance's choice, checked against the catalogue when it started). */
    public String trialSkuCode(Link link) {
        return requests.find(link.processInstanceId()).map(com.partnercenter.request.FlowRequest::skuCode).orElse(null);
    }

    public Offer describe(Link link) {
        if (link.type() != LinkType.TRIAL_INVITATION) {
            return new Offer(null, null);
        }
        return trialOffer(link);
    }

    /**
     * The terms of a trial invitation, from the invitation's request (its SKU, delegated administration asked for),
     * the catalogue (licenses and length) and the partner's authorizations (delegated administration only while it
     * holds it): never from the invitation's variables.
     */
    public Offer trialOffer(Link invitation) {
        FlowRequest request = requests.find(invitation.processInstanceId()).orElseThrow(
                () -> new IllegalStateException("the invitation " + invitation.businessKey() + " has no request"));
        if (request.partnerId() != invitation.partnerId()) {
            throw new IllegalStateException("the request of " + invitation.businessKey() + " is another partner's");
        }
        var sku = catalogue.find(request.skuCode())
                .filter(s -> s.trialAllowed() && s.sellable())
                .orElseThrow(() -> new IllegalStateException("the invitation's SKU offers no trial"));
        Trial trial = new Trial(sku.name(), sku.trialDays(), sku.trialLicenses());
        String role = request.delegatedAdminRole();
        boolean delegated = role != null && partners.findById(invitation.partnerId()).map(p -> p.has(
                com.partnercenter.partner.ProgramAuthorization.DELEGATED_ADMIN)).orElse(false);
        return new Offer(trial, delegated ? role : null);
    }
}
