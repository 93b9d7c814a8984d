package com.partnercenter.delegation;

import static com.partnercenter.platform.FlowErrors.INVALID_REQUEST;

import com.partnercenter.customer.Customer;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.request.FlowRequests;
import com.partnercenter.security.IdentityAdmin;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * BPMN "Record the pending request": checks the request and stores a PENDING relationship.
 *
 * <p>Inputs: the request's partner (recorded by the check before it); the customer as {@code customerId} (callers) or {@code customerDomain}
 * (start form); {@code adminRole} FULL/LIMITED; {@code durationDays}; {@code autoExtend} — the rule is
 * {@link DelegatedAdminRequest}, also the start check of a partner user's start. Any refusal is BPMN error
 * {@code INVALID_REQUEST} with the reasons for the partner, in {@code partnerUserLanguage}. Outputs: {@code relationshipId},
 * {@code customerId}, {@code customerName}, {@code customerGroupId}, normalized request variables. The
 * customer's admins may then see the review task: their group joins the partner's tenant. With
 * {@code preApproved=true} (application starts only) the customer already agreed: no review task.
 */
@Component("recordDelegatedAdminRequest")
public class RecordDelegatedAdminRequestDelegate implements JavaDelegate {


    private final RelationshipRepository relationships;
    private final PartnerRepository partners;
    private final IdentityAdmin identity;
    private final DelegatedAdminRequest request;
    private final FlowRequests requests;
    private final com.partnercenter.platform.TypedVariables typed;

    public RecordDelegatedAdminRequestDelegate(RelationshipRepository relationships, PartnerRepository partners,
            IdentityAdmin identity, DelegatedAdminRequest request, FlowRequests requests,
            com.partnercenter.platform.TypedVariables typed) {
        this.requests = requests;
        this.typed = typed;
        this.relationships = relationships;
        this.partners = partners;
        this.identity = identity;
        this.request = request;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long partnerId = requests.of(execution).partnerId();
        Partner partner = partners.findById(partnerId).orElseThrow();
        // typed in the start form (the text rule), before it is looked up or echoed in a refusal
        typed.require(execution, "customerDomain", com.partnercenter.platform.HumanText.Kind.LINE);
        Language language = Language.orDefault((String) execution.getVariable("partnerUserLanguage"), Language.EN);
        List<String> problems = request.problems(partner, execution::getVariable, language);
        if (!problems.isEmpty()) {
            throw new BpmnError(INVALID_REQUEST, String.join("\n", problems));
        }
        AdminRole role = DelegatedAdminRequest.role(execution.getVariable("adminRole"));
        int days = DelegatedAdminRequest.days(execution.getVariable("durationDays"));
        boolean autoExtend = DelegatedAdminRequest.autoExtend(execution.getVariable("autoExtend"));
        Customer customer = request.customer(partner, execution.getVariable("customerId"),
                execution.getVariable("customerDomain")).orElseThrow();
        long id;
        try {
            id = relationships.insertPending(partnerId, customer.id(), role, autoExtend, days,
                    execution.getProcessInstanceId());
        } catch (DuplicateKeyException race) {
            // another request for the same customer was recorded meanwhile: the rule now says why
            throw new BpmnError(INVALID_REQUEST, String.join("\n", request.problems(partner, execution::getVariable,
                    language)));
        }
        requests.setCustomer(execution.getProcessInstanceId(), customer.id());
        requests.setDelegatedAdminRole(execution.getProcessInstanceId(), role.name());
        identity.ensureGroupInTenant(partner.tenantId(), customer.groupId());
        // a customer that already agreed (ticked it on an accept page confirmed from its admin mailbox) is not
        // asked again; only the application may say so, never a signed-in user starting the flow
        boolean userStart = com.partnercenter.platform.CommandUser.id() != null;
        boolean preApproved = !userStart && Boolean.TRUE.equals(execution.getVariable("preApproved"));
        execution.setVariable("preApproved", preApproved);
        if (preApproved) {
            execution.setVariable("reviewedBy", execution.getVariable("approvedBy"));
        }
        execution.setVariable("relationshipId", id);
        execution.setVariable("customerId", customer.id());
        execution.setVariable("customerName", customer.name());
        execution.setVariable("customerDomain", customer.domain());
        execution.setVariable("customerLanguage", customer.language());
        execution.setVariable("customerGroupId", customer.groupId());
        execution.setVariable("adminRole", role.name());
        execution.setVariable("durationDays", days);
        execution.setVariable("autoExtend", autoExtend);
    }
}
