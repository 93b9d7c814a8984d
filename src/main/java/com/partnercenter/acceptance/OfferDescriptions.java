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

    public OfferDescriptions(RuntimeService runtime) {
        this.runtime = runtime;
    }

    public Offer describe(Link link) {
        if (link.type() != LinkType.TRIAL_INVITATION) {
            return new Offer(null, null);
        }
        Map<String, Object> terms = runtime.getVariables(link.processInstanceId(),
                List.of("skuName", "trialDays", "trialLicenses", "includeDelegatedAdmin", "delegatedAdminRole"));
        Trial trial = new Trial((String) terms.get("skuName"), ((Number) terms.get("trialDays")).intValue(),
                ((Number) terms.get("trialLicenses")).intValue());
        String delegated = Boolean.TRUE.equals(terms.get("includeDelegatedAdmin"))
                ? (String) terms.get("delegatedAdminRole") : null;
        return new Offer(trial, delegated);
    }
}
