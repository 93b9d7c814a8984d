package com.partnercenter.partner;

import com.partnercenter.platform.AsApplication;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one answer to "may this user start this flow?": the user is a partner user, its partner holds every program
 * authorization the flow requires and, when the flow requires it, the user has admin access to the companies its
 * partner supports (Full or Limited). What a flow requires is read from its deployed model
 * ({@link FlowRequirements}: the camunda:properties of its task "Check partner authorization").
 *
 * <p>The engine command guard asks it before a user's start (nothing exists yet when it refuses), and the check task
 * asks it again inside the flow (a flow started by the application for a partner still ends on its refusal path).
 * Other callers: {@link #flowsStartableBy} (the flows to offer a user), {@link #partnerFlows} (every flow a partner
 * user can start at all).
 */
@Component
public class FlowStartPermissions {

    /** The answer; a refusal says why, in every language of the program. */
    public record Decision(boolean allowed, Map<Language, String> reasons) {

        static final Decision ALLOWED = new Decision(true, Map.of());

        public Decision {
            reasons = Map.copyOf(reasons);
        }

        /** Why it is refused, in {@code language}; null when it is allowed. */
        public String reason(Language language) {
            return reasons.get(language);
        }
    }

    private final PartnerRepository partners;
    private final Messages messages;
    private final ObjectProvider<RepositoryService> repository;
    private final ObjectProvider<IdentityService> identity;
    private final Map<String, Optional<FlowRequirements>> byDefinition = new ConcurrentHashMap<>();

    public FlowStartPermissions(PartnerRepository partners, Messages messages,
            ObjectProvider<RepositoryService> repository, ObjectProvider<IdentityService> identity) {
        this.partners = partners;
        this.messages = messages;
        this.repository = repository;
        this.identity = identity;
    }

    /** May the user start the latest deployed version of the flow {@code processKey}? */
    public Decision decide(String userId, String processKey) {
        return requirements(processKey).map(r -> decide(userId, r))
                .orElseGet(() -> refuse("start.refused.notAPartnerFlow", processKey));
    }

    /** As {@link #decide(String, String)}, for requirements the caller read from the model it starts. */
    public Decision decide(String userId, FlowRequirements requirements) {
        Optional<PartnerUser> user = userId == null ? Optional.empty() : partners.findUserByUserId(userId);
        if (user.isEmpty()) {
            return refuse("start.refused.notPartnerUser", userId == null ? "?" : userId);
        }
        return decide(user.get(), partners.findById(user.get().partnerId()).orElseThrow(), requirements);
    }

    /** The rule itself, for a partner user of {@code partner}. */
    public Decision decide(PartnerUser user, Partner partner, FlowRequirements requirements) {
        if (user.partnerId() != partner.id()) {
            return refuse("start.refused.otherPartner");
        }
        Decision authorizations = authorizationsOf(partner, requirements);
        if (!authorizations.allowed()) {
            return authorizations;
        }
        if (requirements.supportedAccess() && !user.supportedAccess().any()) {
            return refuse("start.refused.noSupportedAccess");
        }
        return Decision.ALLOWED;
    }

    /** The partner's part of the rule alone (a flow started by the application for a partner). */
    public Decision authorizationsOf(Partner partner, FlowRequirements requirements) {
        List<ProgramAuthorization> missing = requirements.authorizations().stream().filter(a -> !partner.has(a))
                .toList();
        if (missing.isEmpty()) {
            return Decision.ALLOWED;
        }
        return new Decision(false, reasons(language -> messages.text(language, "start.refused.missingAuthorization",
                partner.name(), String.join(", ", missing.stream()
                        .map(a -> messages.text(language, a.messageKey())).toList()))));
    }

    /** The keys of every deployed flow a partner user can start at all (it has a check task). */
    public List<String> partnerFlows() {
        return AsApplication.run(identity.getObject(), () -> repository.getObject().createProcessDefinitionQuery()
                .latestVersion().active().list().stream()
                .filter(d -> requirements(d).isPresent()).map(ProcessDefinition::getKey).distinct().sorted().toList());
    }

    /** The flows {@link #partnerFlows} the user may start now. */
    public List<String> flowsStartableBy(String userId) {
        return partnerFlows().stream().filter(key -> decide(userId, key).allowed()).toList();
    }

    /** What the latest deployed version of the flow requires; empty when it is no flow a partner user starts. */
    public Optional<FlowRequirements> requirements(String processKey) {
        ProcessDefinition latest = AsApplication.run(identity.getObject(), () -> repository.getObject()
                .createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion().singleResult());
        return latest == null ? Optional.empty() : requirements(latest);
    }

    /** What the deployed model of the definition requires (read once per definition). */
    public Optional<FlowRequirements> requirements(String processDefinitionId, BpmnModelInstance model, String key) {
        return byDefinition.computeIfAbsent(processDefinitionId, id -> FlowRequirements.of(model, key));
    }

    private Optional<FlowRequirements> requirements(ProcessDefinition definition) {
        return byDefinition.computeIfAbsent(definition.getId(), id -> FlowRequirements.of(
                AsApplication.run(identity.getObject(), () -> repository.getObject().getBpmnModelInstance(id)),
                definition.getKey()));
    }

    private Decision refuse(String code, Object... args) {
        return new Decision(false, reasons(language -> messages.text(language, code, args)));
    }

    /** A reason in each language of the program. */
    private static Map<Language, String> reasons(java.util.function.Function<Language, String> text) {
        Map<Language, String> reasons = new java.util.EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            reasons.put(language, text.apply(language));
        }
        return reasons;
    }
}
