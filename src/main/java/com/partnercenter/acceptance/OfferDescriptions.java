package com.partnercenter.acceptance;

import com.partnercenter.link.Link;
import com.partnercenter.link.LinkType;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** What an accept page offers, read from the terms of the process that issued the link. */
@Component
public class OfferDescriptions {

    /**
     * @param trial          a trial offer (SKU, days, licenses), or null
     * @param delegatedAdmin FULL or LIMITED when the partner also asks for delegated administration, else null
     */
    public record Offer(Trial trial, String delegatedAdmin) {}

    public record Trial(String skuName, int days, int licenses) {}

    private final RuntimeService runtime;
    private final com.partnercenter.catalogue.CatalogueRepository catalogue;
    private final com.partnercenter.partner.PartnerRepository partners;

    public OfferDescriptions(RuntimeService runtime, com.partnercenter.catalogue.CatalogueRepository catalogue,
            com.partnercenter.partner.PartnerRepository partners) {
        this.runtime = runtime;
        this.catalogue = catalogue;
        this.partners = partners;
    }

    /** The SKU code of a trial invitation (its instance's choice, checked against the catalogue when it started). */
    public String trialSkuCode(Link link) {
        return (String) runtime.getVariable(link.processInstanceId(), "skuCode");
    }

    public Offer describe(Link link) {
        if (link.type() != LinkType.TRIAL_INVITATION) {
            return new Offer(null, null);
        }
        Map<String, Object> terms = runtime.getVariables(link.processInstanceId(),
                List.of("skuCode", "includeDelegatedAdmin", "delegatedAdminRole"));
        return trialOffer(link.partnerId(), terms);
    }

    /**
     * The terms of a trial invitation, from the catalogue and the partner's authorizations: the invitation's
     * variables only say which SKU and whether delegated administration is asked (its assignee could
     * change other variables, never what a customer is shown or given).
     */
    public Offer trialOffer(long partnerId, Map<String, Object> terms) {
        var sku = catalogue.find(String.valueOf(terms.get("skuCode")))
                .filter(s -> s.trialAllowed() && s.sellable())
                .orElseThrow(() -> new IllegalStateException("the invitation's SKU offers no trial"));
        Trial trial = new Trial(sku.name(), sku.trialDays(), sku.trialLicenses());
        Object role = terms.get("delegatedAdminRole");
        boolean delegated = Boolean.TRUE.equals(terms.get("includeDelegatedAdmin"))
                && partners.findById(partnerId).map(p -> p.has(
                        com.partnercenter.partner.ProgramAuthorization.DELEGATED_ADMIN)).orElse(false)
                && ("FULL".equals(role) || "LIMITED".equals(role));
        return new Offer(trial, delegated ? (String) role : null);
    }
}
