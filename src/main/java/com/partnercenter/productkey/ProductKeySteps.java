package com.partnercenter.productkey;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.Language;
import com.partnercenter.request.FlowRequests;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the steps of processes/product-key-setup.bpmn read alike, each from the setup's request, never from a
 * variable a caller could set: its partner, who the audit names, and the keys the check normalized. The bean keeps
 * the name the model's loop calls ({@code ${productKeySetupDelegates.keysOf(productKeyCodes)}}).
 */
@Component("productKeySetupDelegates")
public class ProductKeySteps {

    private final PartnerRepository partners;
    private final FlowRequests requests;

    public ProductKeySteps(PartnerRepository partners, FlowRequests requests) {
        this.partners = partners;
        this.requests = requests;
    }

    /** The loop of the model runs over the keys of the request. */
    public List<String> keysOf(String productKeyCodes) {
        return productKeyCodes == null || productKeyCodes.isBlank() ? List.of()
                : List.of(productKeyCodes.split(","));
    }

    /** The keys the step "Check the keys and the customer" normalized. */
    List<String> codes(DelegateExecution execution) {
        return keysOf((String) execution.getVariable("productKeyCodes"));
    }

    /** The partner of the setup's request. */
    Partner partner(DelegateExecution execution) {
        return partners.findById(requests.of(execution).partnerId()).orElseThrow();
    }

    /** Who the audit names: the user who asked for the setup (its request's), else the process. */
    String actor(DelegateExecution execution) {
        return AuditLog.actor(requests.requestedByOf(execution), execution.getProcessBusinessKey());
    }

    /** The partner user's language, for its messages ({@code partnerUserLanguage}, else the default). */
    static Language language(DelegateExecution execution) {
        return Language.exact(String.valueOf(execution.getVariable("partnerUserLanguage"))).orElse(Language.DEFAULT);
    }
}
