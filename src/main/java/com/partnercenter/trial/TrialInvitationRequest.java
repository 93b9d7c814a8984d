package com.partnercenter.trial;

import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.delegation.RequestedRole;
import com.partnercenter.guard.StartCheck;
import com.partnercenter.guard.StartRequest;
import com.partnercenter.invitation.InvitationRequest;
import com.partnercenter.partner.Partner;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The rule of a trial invitation ({@value #PROCESS}): one SKU of the catalogue that may be tried, delegated
 * administration only for a partner holding it (Full or Limited), e-mail recipients, a personal message and a link
 * validity within their bounds. The start check of a partner user's start and the step "Check the invitation".
 */
@Component
public class TrialInvitationRequest implements StartCheck {

    public static final String PROCESS = "trialInvitation";

    private final CatalogueRepository catalogue;
    private final InvitationRequest invitation;
    private final Messages messages;

    public TrialInvitationRequest(CatalogueRepository catalogue, InvitationRequest invitation, Messages messages) {
        this.catalogue = catalogue;
        this.invitation = invitation;
        this.messages = messages;
    }

    @Override
    public String processKey() {
        return PROCESS;
    }

    @Override
    public List<String> problems(StartRequest request) {
        return problems(request.partner(), request::value, request.language());
    }

    public List<String> problems(Partner partner, Function<String, Object> variables, Language language) {
        List<String> problems = new ArrayList<>();
        Object code = variables.apply("skuCode");
        if (code == null || code.toString().isBlank()) {
            problems.add(messages.text(language, "request.sku.missing"));
        } else {
            Optional<Sku> sku = catalogue.find(code.toString().trim());
            if (sku.isEmpty()) {
                problems.add(messages.text(language, "request.sku.unknown", code.toString()));
            } else if (!sku.get().trialAllowed() || !sku.get().sellable()) {
                problems.add(messages.text(language, "request.sku.noTrial", sku.get().name()));
            }
        }
        RequestedRole.problem(partner, variables.apply("includeDelegatedAdmin"), variables.apply("delegatedAdminRole"),
                "request.what.invitation", messages, language).ifPresent(problems::add);
        problems.addAll(invitation.recipientsProblems(variables.apply("recipientEmails"), language));
        invitation.messageProblem(variables.apply("personalMessage"), language).ifPresent(problems::add);
        invitation.validityProblem(variables.apply("linkValidityDays"), language).ifPresent(problems::add);
        return problems;
    }
}
