package com.partnercenter.partner;

import com.partnercenter.platform.BusinessKeys;
import com.partnercenter.request.FlowRequests;
import com.partnercenter.platform.CommandUser;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.springframework.stereotype.Component;

/**
 * BPMN "Check partner authorization": may this partner and this user start this flow?
 *
 * <p>Inputs: the signed-in user who started the instance (must run in the start transaction; the
 * {@code initiator} variable only counts for starts by the application itself and may not name anyone
 * else than the signed-in user); as camunda:properties of the task: {@code requiredAuthorizations}
 * (comma-separated {@link ProgramAuthorization} names), {@code requireSupportedAccess} (true/false) — the rule is
 * {@link FlowStartPermissions}', which the engine command guard also applies before a user's start —, and
 * {@code businessKeyPrefix}.
 * Outputs: {@code partnerAuthorized}, {@code refusalReason} (in the user's language), and the partner's
 * and user's details ({@code partnerId}, {@code partnerName}, {@code partnerAdvisorCode},
 * {@code partnerUserEmail}, {@code partnerUserLanguage}). Sets a readable business key when there is
 * none, and records the flow's request (partner, the user who asked: {@code request.FlowRequests}) when it may go
 * on. A refusal is a normal outcome for the process to model, never an exception.
 */
@Component("checkPartnerAuthorization")
public class CheckPartnerAuthorizationDelegate implements JavaDelegate {

    private final PartnerRepository partners;
    private final IdentityService identity;
    private final FlowStartPermissions permissions;
    private final FlowRequests requests;
    private final Messages messages;

    public CheckPartnerAuthorizationDelegate(PartnerRepository partners, IdentityService identity,
            FlowStartPermissions permissions, FlowRequests requests, Messages messages) {
        this.messages = messages;
        this.requests = requests;
        this.partners = partners;
        this.identity = identity;
        this.permissions = permissions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String processName = processName(execution);
        execution.setVariable("processName", processName);
        FlowRequirements requirements = FlowRequirements.of((BaseElement) execution.getBpmnModelElementInstance(),
                processKey(execution), processName);
        if (execution.getSuperExecution() != null
                || (CommandUser.id() == null && execution.getVariable("initiator") == null
                        && execution.getVariable("partnerId") != null)) {
            // called by another flow, or started by the application itself for a partner
            checkCalledFlow(execution, requirements);
            return;
        }
        String initiator = (String) execution.getVariable("initiator");
        String authenticated = CommandUser.id();
        if (authenticated != null && initiator != null && !authenticated.equals(initiator)) {
            // a start variable "initiator" may not name someone else: the signed-in user is who starts
            execution.setVariable("partnerUserEmail", emailOf(authenticated));
            execution.setVariable("partnerUserLanguage", "en");
            refuse(execution, Language.EN, "start.refused.onBehalf", authenticated, initiator);
            return;
        }
        String userId = authenticated != null ? authenticated : initiator;
        Optional<PartnerUser> user = userId == null ? Optional.empty() : partners.findUserByUserId(userId);
        if (user.isEmpty()) {
            // tell the starter by e-mail when the engine knows their address
            execution.setVariable("partnerUserEmail", userId == null ? null : emailOf(userId));
            execution.setVariable("partnerUserLanguage", "en");
            refuse(execution, Language.EN, permissions.decide(userId, requirements));
            return;
        }
        PartnerUser partnerUser = user.get();
        Partner partner = partners.findById(partnerUser.partnerId()).orElseThrow();
        Language language = Language.orDefault(partnerUser.language(), Language.EN);
        describePartner(execution, partner);
        execution.setVariable("partnerUserEmail", partnerUser.email());
        execution.setVariable("partnerUserLanguage", language.code());
        if (execution.getTenantId() != null && !execution.getTenantId().equals(partner.tenantId())) {
            refuse(execution, language, "start.refused.otherPartner");
            return;
        }
        FlowStartPermissions.Decision decision = permissions.decide(partnerUser, partner, requirements);
        if (!decision.allowed()) {
            refuse(execution, language, decision);
            return;
        }
        authorize(execution, partner, partnerUser.userId());
    }

    /**
     * A flow called by another one (call activity), or started by the application itself (never by a
     * signed-in user, whose starts always take the path above): the caller already checked its user. The partner is
     * the one whose tenant the instance runs in (never a variable: a {@code partnerId} naming another partner is
     * refused); {@code requestedBy} is recorded only when it names a user of that partner;
     * {@code partnerUserEmail}/{@code partnerUserLanguage} say whom to tell. The partner's program authorizations
     * are checked again, they may have changed.
     */
    private void checkCalledFlow(DelegateExecution execution, FlowRequirements requirements) {
        Optional<Partner> found = partners.findByTenantId(execution.getTenantId());
        Object named = execution.getVariable("partnerId");
        if (found.isEmpty() || !(named instanceof Number n) || n.longValue() != found.get().id()) {
            refuse(execution, Language.EN, "start.refused.callerNamedNoPartner");
            return;
        }
        Partner partner = found.get();
        if (execution.getVariable("partnerUserEmail") == null) {
            execution.setVariable("partnerUserEmail", partner.supportEmail());
        }
        if (execution.getVariable("partnerUserLanguage") == null) {
            execution.setVariable("partnerUserLanguage", partner.defaultLanguage());
        }
        Language language = Language.orDefault((String) execution.getVariable("partnerUserLanguage"), Language.EN);
        describePartner(execution, partner);
        FlowStartPermissions.Decision decision = permissions.authorizationsOf(partner, requirements);
        if (decision.allowed()) {
            Object requestedBy = execution.getVariable("requestedBy");
            authorize(execution, partner, requestedBy instanceof String userId && partners.findUserByUserId(userId)
                    .filter(user -> user.partnerId() == partner.id()).isPresent() ? userId : null);
        } else {
            refuse(execution, language, decision);
        }
    }

    /** The partner's details for the steps and mails that follow, and a readable business key if none. */
    private static void describePartner(DelegateExecution execution, Partner partner) {
        execution.setVariable("partnerId", partner.id());
        execution.setVariable("partnerName", partner.name());
        execution.setVariable("partnerAdvisorCode", partner.advisorCode());
        if (execution.getProcessBusinessKey() == null) {
            Object flow = ModelProperties.get(execution, "businessKeyPrefix");
            execution.setProcessBusinessKey(BusinessKeys.next(flow == null ? "FLOW" : flow.toString(),
                    partner.advisorCode()));
        }
    }

    /** The flow may go on: its request is recorded (partner, the user who asked), bound to the instance. */
    private void authorize(DelegateExecution execution, Partner partner, String requestedBy) {
        requests.record(execution, partner.id(), requestedBy);
        execution.setVariable("partnerAuthorized", true);
        execution.setVariable("refusalReason", null);
    }

    private String emailOf(String userId) {
        org.camunda.bpm.engine.identity.User user = identity.createUserQuery().userId(userId).singleResult();
        return user == null ? null : user.getEmail();
    }

    private static String processKey(DelegateExecution execution) {
        return execution.getProcessDefinitionId().split(":")[0];
    }

    private static String processName(DelegateExecution execution) {
        String key = processKey(execution);
        return execution.getBpmnModelInstance().getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
                .stream().filter(p -> key.equals(p.getId())).map(p -> p.getName()).filter(n -> n != null)
                .findFirst().orElse(key);
    }

    private static void refuse(DelegateExecution execution, Language language, FlowStartPermissions.Decision decision) {
        execution.setVariable("partnerAuthorized", false);
        execution.setVariable("refusalReason", decision.reason(language));
    }

    private void refuse(DelegateExecution execution, Language language, String code, Object... args) {
        execution.setVariable("partnerAuthorized", false);
        execution.setVariable("refusalReason", messages.text(language, code, args));
    }
}
