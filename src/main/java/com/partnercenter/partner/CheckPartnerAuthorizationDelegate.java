package com.partnercenter.partner;

import com.partnercenter.platform.BusinessKeys;
import com.partnercenter.platform.CommandUser;
import com.partnercenter.platform.ModelProperties;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN "Check partner authorization": may this partner and this user start this flow?
 *
 * <p>Inputs: the signed-in user who started the instance (must run in the start transaction; the
 * {@code initiator} variable only counts for starts by the application itself and may not name anyone
 * else than the signed-in user); as camunda:properties of the task (or variables):
 * {@code requiredAuthorizations} (comma-separated {@link ProgramAuthorization} names),
 * {@code requireSupportedAccess} (true/false), {@code businessKeyPrefix}.
 * Outputs: {@code partnerAuthorized}, {@code refusalReason} (in the user's language), and the partner's
 * and user's details ({@code partnerId}, {@code partnerName}, {@code partnerAdvisorCode},
 * {@code partnerUserEmail}, {@code partnerUserLanguage}). Sets a readable business key when there is
 * none. A refusal is a normal outcome for the process to model, never an exception.
 */
@Component("checkPartnerAuthorization")
public class CheckPartnerAuthorizationDelegate implements JavaDelegate {

    private final PartnerRepository partners;
    private final IdentityService identity;
    private final FlowStartPermissions permissions;

    public CheckPartnerAuthorizationDelegate(PartnerRepository partners, IdentityService identity,
            FlowStartPermissions permissions) {
        this.partners = partners;
        this.identity = identity;
        this.permissions = permissions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("processName", processName(execution));
        if (execution.getSuperExecution() != null
                || (CommandUser.id() == null && execution.getVariable("initiator") == null
                        && execution.getVariable("partnerId") != null)) {
            // called by another flow, or started by the application itself for a partner
            checkCalledFlow(execution);
            return;
        }
        String initiator = (String) execution.getVariable("initiator");
        String authenticated = CommandUser.id();
        if (authenticated != null && initiator != null && !authenticated.equals(initiator)) {
            // a start variable "initiator" may not name someone else: the signed-in user is who starts
            execution.setVariable("partnerUserEmail", emailOf(authenticated));
            execution.setVariable("partnerUserLanguage", "en");
            refuse(execution, "en", "The flow was started by '" + authenticated + "' on behalf of '" + initiator
                    + "', which is not allowed.", "Le processus a été démarré par '" + authenticated
                    + "' au nom de '" + initiator + "', ce qui n'est pas permis.");
            return;
        }
        String userId = authenticated != null ? authenticated : initiator;
        Optional<PartnerUser> user = userId == null ? Optional.empty() : partners.findUserByUserId(userId);
        if (user.isEmpty()) {
            // tell the starter by e-mail when the engine knows their address
            execution.setVariable("partnerUserEmail", userId == null ? null : emailOf(userId));
            execution.setVariable("partnerUserLanguage", "en");
            refuse(execution, "en", "The flow was not started by a partner user"
                    + (userId == null ? "" : " ('" + userId + "' is not one)") + ".",
                    "Le processus n'a pas été démarré par un utilisateur partenaire"
                    + (userId == null ? "" : " ('" + userId + "' n'en est pas un)") + ".");
            return;
        }
        PartnerUser partnerUser = user.get();
        Partner partner = partners.findById(partnerUser.partnerId()).orElseThrow();
        String lang = partnerUser.language();
        describePartner(execution, partner);
        execution.setVariable("partnerUserEmail", partnerUser.email());
        execution.setVariable("partnerUserLanguage", lang);
        if (execution.getTenantId() != null && !execution.getTenantId().equals(partner.tenantId())) {
            refuse(execution, lang, "This flow runs for another partner than yours.",
                    "Ce processus est lancé pour un autre partenaire que le vôtre.");
            return;
        }
        FlowStartPermissions.Decision decision = permissions.decide(partnerUser, partner, requirements(execution));
        if (!decision.allowed()) {
            refuse(execution, lang, decision.reasonEn(), decision.reasonFr());
            return;
        }
        authorize(execution);
    }

    /**
     * A flow called by another one (call activity), or started by the application itself (never by a
     * signed-in user, whose starts always take the path above): the caller already checked its user and passes
     * {@code partnerId} (and {@code partnerUserEmail}/{@code partnerUserLanguage} of the user to tell);
     * the partner's program authorizations are checked again, they may have changed.
     */
    private void checkCalledFlow(DelegateExecution execution) {
        Object partnerId = execution.getVariable("partnerId");
        Optional<Partner> found = partnerId instanceof Number n ? partners.findById(n.longValue()) : Optional.empty();
        if (found.isEmpty()) {
            refuse(execution, "en", "The calling flow did not name its partner (variable partnerId).",
                    "Le processus appelant n'a pas indiqué son partenaire (variable partnerId).");
            return;
        }
        Partner partner = found.get();
        if (execution.getVariable("partnerUserEmail") == null) {
            execution.setVariable("partnerUserEmail", partner.supportEmail());
        }
        if (execution.getVariable("partnerUserLanguage") == null) {
            execution.setVariable("partnerUserLanguage", partner.defaultLanguage());
        }
        String lang = (String) execution.getVariable("partnerUserLanguage");
        describePartner(execution, partner);
        FlowStartPermissions.Decision decision = permissions.authorizationsOf(partner, requirements(execution));
        if (decision.allowed()) {
            authorize(execution);
        } else {
            refuse(execution, lang, decision.reasonEn(), decision.reasonFr());
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

    private static void authorize(DelegateExecution execution) {
        execution.setVariable("partnerAuthorized", true);
        execution.setVariable("refusalReason", null);
    }

    private String emailOf(String userId) {
        org.camunda.bpm.engine.identity.User user = identity.createUserQuery().userId(userId).singleResult();
        return user == null ? null : user.getEmail();
    }

    private static String processName(DelegateExecution execution) {
        String key = execution.getProcessDefinitionId().split(":")[0];
        return execution.getBpmnModelInstance().getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
                .stream().filter(p -> key.equals(p.getId())).map(p -> p.getName()).filter(n -> n != null)
                .findFirst().orElse(key);
    }

    /** What this flow's model requires ({@link FlowStartPermissions}, the one rule). */
    private static FlowStartPermissions.Requirements requirements(DelegateExecution execution) {
        Object value = ModelProperties.get(execution, "requiredAuthorizations");
        Set<ProgramAuthorization> set = EnumSet.noneOf(ProgramAuthorization.class);
        if (value != null) {
            for (String name : value.toString().split(",")) {
                if (!name.isBlank()) {
                    set.add(ProgramAuthorization.valueOf(name.trim()));
                }
            }
        }
        return new FlowStartPermissions.Requirements(set,
                "true".equals(String.valueOf(ModelProperties.get(execution, "requireSupportedAccess"))));
    }

    private static void refuse(DelegateExecution execution, String lang, String en, String fr) {
        execution.setVariable("partnerAuthorized", false);
        execution.setVariable("refusalReason", "fr".equals(lang) ? fr : en);
    }
}
