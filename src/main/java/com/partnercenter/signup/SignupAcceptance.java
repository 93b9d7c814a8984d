package com.partnercenter.signup;

import com.partnercenter.acceptance.Acceptance;
import com.partnercenter.acceptance.AcceptanceForm;
import com.partnercenter.acceptance.AcceptanceService;
import com.partnercenter.acceptance.Confirming;
import com.partnercenter.acceptance.FlowAcceptance;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkType;
import com.partnercenter.request.FlowRequests;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.ui.Model;

/**
 * The accept page of a customer sign-up: a new organization's form, nothing offered besides the account; the
 * confirmation reaches the waiting {@value CustomerSignupRequest#PROCESS} instance (message
 * {@value #CONFIRMED_MESSAGE}), which provisions what the acceptance says.
 */
@Service
public class SignupAcceptance implements FlowAcceptance {

    /** What a confirmed sign-up confirms: a new organization. */
    public static final String CONFIRMING = "SIGN_UP";

    /** The message the sign-up waits for (processes/customer-signup.bpmn). */
    public static final String CONFIRMED_MESSAGE = "AcceptanceConfirmed";

    private final AcceptanceService acceptances;
    private final FlowRequests requests;
    private final RuntimeService runtime;

    public SignupAcceptance(AcceptanceService acceptances, FlowRequests requests, RuntimeService runtime) {
        this.acceptances = acceptances;
        this.requests = requests;
        this.runtime = runtime;
    }

    @Override
    public boolean handles(Link link) {
        return link.type() == LinkType.CUSTOMER_SIGNUP;
    }

    /** Nothing beyond the account is offered: the page keeps {@code offer} as it is. */
    @Override
    public void describe(Link link, Model model) {}

    @Override
    public AcceptanceService.Submitted submit(Link link, AcceptanceForm form) {
        return acceptances.submitNewOrganization(link, form);
    }

    @Override
    public Confirming confirming(Link invitation, Acceptance acceptance) {
        return Confirming.of(CONFIRMING, acceptance.organizationName());
    }

    @Override
    public java.util.List<String> confirmingKinds() {
        return java.util.List.of(CONFIRMING);
    }

    /** The sign-up provisions what this acceptance says: its request names it. */
    @Override
    public void confirmed(Link invitation, Acceptance acceptance) {
        requests.setAcceptance(invitation.processInstanceId(), acceptance.id());
        runtime.createMessageCorrelation(CONFIRMED_MESSAGE)
                .processInstanceId(invitation.processInstanceId())
                .setVariables(AcceptanceService.variables(acceptance))
                .correlateWithResult();
    }
}
