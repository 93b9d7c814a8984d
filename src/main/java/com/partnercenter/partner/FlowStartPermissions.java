package com.partnercenter.partner;

import com.partnercenter.platform.AsApplication;
import com.partnercenter.platform.Language;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one answer to "may this user start this flow?": the user is a partner user, its partner holds every program
 * authorization the flow requires and, when the flow requires it, the user has admin access to the companies its
 * partner supports (Full or Limited). What a flow requires is read from its deployed model: the camunda:properties
 * {@code requiredAuthorizations} and {@code requireSupportedAccess} of its task "Check partner authorization"
 * ({@code ${checkPartnerAuthorization}}), which asks this class again inside the flow. Tasklist's start
 * authorizations and the partner pages' start links follow it.
 *
 * <p>(The trust branch's engine command guard owns the same public API under the same name; when it lands, its
 * class replaces this one and every caller stays as it is.)
 */
@Component
public class FlowStartPermissions {

    /** The answer; a refusal says why, in English and in French. */
    public record Decision(boolean allowed, String reasonEn, String reasonFr) {

        static final Decision ALLOWED = new Decision(true, null, null);

        public String reason(Language language) {
            return language == Language.FR ? reasonFr : reasonEn;
        }
    }

    /** What a flow requires of its starter (from its model). */
    public record Requirements(Set<ProgramAuthorization> authorizations, boolean supportedAccess) {}

    static final String CHECK_TASK = "${checkPartnerAuthorization}";

    private final PartnerRepository partners;
    private final ObjectProvider<RepositoryService> repository;
    private final ObjectProvider<IdentityService> identity;
    private final Map<String, Optional<Requirements>> byDefinition = new ConcurrentHashMap<>();

    public FlowStartPermissions(PartnerRepository partners, ObjectProvider<RepositoryService> repository,
            ObjectProvider<IdentityService> identity) {
        this.partners = partners;
        this.repository = repository;
        this.identity = identity;
    }

    /** May the user start the latest deployed version of the flow {@code processKey}? */
    public Decision decide(String userId, String processKey) {
        Optional<Requirements> requirements = requirements(processKey);
        if (requirements.isEmpty()) {
            return new Decision(false, "The flow " + processKey + " is not one partner users start.",
                    "Le processus " + processKey + " n'est pas de ceux que démarrent les utilisateurs partenaires.");
        }
        Optional<PartnerUser> user = userId == null ? Optional.empty() : partners.findUserByUserId(userId);
        if (user.isEmpty()) {
            return new Decision(false, "The flow was not started by a partner user"
                    + (userId == null ? "" : " ('" + userId + "' is not one)") + ".",
                    "Le processus n'a pas été démarré par un utilisateur partenaire"
                    + (userId == null ? "" : " ('" + userId + "' n'en est pas un)") + ".");
        }
        return decide(user.get(), partners.findById(user.get().partnerId()).orElseThrow(), requirements.get());
    }

    /** The rule itself, for a partner user of {@code partner}. */
    public Decision decide(PartnerUser user, Partner partner, Requirements requirements) {
        Decision authorizations = authorizationsOf(partner, requirements);
        if (!authorizations.allowed()) {
            return authorizations;
        }
        if (requirements.supportedAccess() && !user.supportedAccess().any()) {
            return new Decision(false, "Your user account has no admin access to companies you support "
                    + "(Full or Limited administration), which this flow requires.",
                    "Votre compte n'a pas d'accès administrateur aux entreprises que vous prenez en charge "
                    + "(administration complète ou limitée), requis pour ce processus.");
        }
        return Decision.ALLOWED;
    }

    /** The partner's part of the rule alone (a flow started by the application for a partner). */
    public Decision authorizationsOf(Partner partner, Requirements requirements) {
        List<String> missingEn = new ArrayList<>();
        List<String> missingFr = new ArrayList<>();
        for (ProgramAuthorization required : requirements.authorizations()) {
            if (!partner.has(required)) {
                missingEn.add(required.label("en"));
                missingFr.add(required.label("fr"));
            }
        }
        if (missingEn.isEmpty()) {
            return Decision.ALLOWED;
        }
        return new Decision(false, partner.name() + " does not hold the program authorization "
                + String.join(", ", missingEn) + ", which this flow requires.",
                partner.name() + " ne détient pas l'autorisation de programme " + String.join(", ", missingFr)
                        + ", requise pour ce processus.");
    }

    /** The keys of every deployed flow a partner user can start at all (it has the check task). */
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
    public Optional<Requirements> requirements(String processKey) {
        ProcessDefinition latest = AsApplication.run(identity.getObject(), () -> repository.getObject()
                .createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion().singleResult());
        return latest == null ? Optional.empty() : requirements(latest);
    }

    private Optional<Requirements> requirements(ProcessDefinition definition) {
        return byDefinition.computeIfAbsent(definition.getId(), id -> of(AsApplication.run(identity.getObject(),
                () -> repository.getObject().getBpmnModelInstance(id))));
    }

    /** The requirements a model's check task states, if it has one. */
    static Optional<Requirements> of(BpmnModelInstance model) {
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (!CHECK_TASK.equals(task.getCamundaDelegateExpression())) {
                continue;
            }
            Set<ProgramAuthorization> required = EnumSet.noneOf(ProgramAuthorization.class);
            boolean supportedAccess = false;
            if (task.getExtensionElements() != null) {
                for (CamundaProperties properties : task.getExtensionElements().getElementsQuery()
                        .filterByType(CamundaProperties.class).list()) {
                    for (CamundaProperty property : properties.getCamundaProperties()) {
                        if ("requiredAuthorizations".equals(property.getCamundaName())
                                && property.getCamundaValue() != null) {
                            for (String name : property.getCamundaValue().split(",")) {
                                if (!name.isBlank()) {
                                    required.add(ProgramAuthorization.valueOf(name.trim()));
                                }
                            }
                        }
                        if ("requireSupportedAccess".equals(property.getCamundaName())) {
                            supportedAccess = "true".equals(property.getCamundaValue());
                        }
                    }
                }
            }
            return Optional.of(new Requirements(required, supportedAccess));
        }
        return Optional.empty();
    }
}
