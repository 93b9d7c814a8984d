package com.partnercenter.signup;

import com.partnercenter.guard.StartCheck;
import com.partnercenter.guard.StartRequest;
import com.partnercenter.invitation.InvitationRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The rule of a customer sign-up ({@value #PROCESS}): one recipient address, a personal message and a link validity
 * within their bounds ({@link InvitationRequest}); the start check of a partner user's start. The flow's step "Issue
 * sign-up link" applies the same rules again.
 */
@Component
public class CustomerSignupRequest implements StartCheck {

    public static final String PROCESS = "customerSignup";

    private final InvitationRequest invitation;

    public CustomerSignupRequest(InvitationRequest invitation) {
        this.invitation = invitation;
    }

    @Override
    public String processKey() {
        return PROCESS;
    }

    @Override
    public List<String> problems(StartRequest request) {
        List<String> problems = new ArrayList<>();
        invitation.recipientProblem(request.value("recipientEmail"), request.language()).ifPresent(problems::add);
        invitation.messageProblem(request.value("personalMessage"), request.language()).ifPresent(problems::add);
        invitation.validityProblem(request.value("linkValidityDays"), request.language()).ifPresent(problems::add);
        return problems;
    }
}
