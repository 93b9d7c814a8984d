package com.partnercenter.guard;

import static com.partnercenter.guard.EngineLookups.unchecked;

import com.partnercenter.partner.FlowRequirements;
import com.partnercenter.partner.FlowStartPermissions;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A user's start of a flow ({@code [start]} commands): only a flow the user may start ({@link FlowStartPermissions},
 * from the flow's deployed model), at its start event (starts at a chosen activity are {@code [operator]} commands),
 * without a business key, tenant or case instance of the caller's choosing, with only the fields of the flow's
 * deployed start form ({@link FormPayloads}), and passing the flow's own {@link StartCheck}. A refusal comes before
 * the instance exists: nothing is stored.
 */
@Component
class StartRule {

    /** What a start asks for, whichever command carries it. */
    record Start(String definitionId, String definitionKey, String businessKey, Map<String, Object> variables,
            boolean options) {}

    private final FlowStartPermissions permissions;
    private final PartnerRepository partners;
    private final FormPayloads payloads;
    private final ObjectProvider<StartCheck> checks;
    private final Messages messages;

    StartRule(FlowStartPermissions permissions, PartnerRepository partners, FormPayloads payloads,
            ObjectProvider<StartCheck> checks, Messages messages) {
        this.permissions = permissions;
        this.partners = partners;
        this.payloads = payloads;
        this.checks = checks;
        this.messages = messages;
    }

    void check(Caller caller, Command<?> command, CommandContext context, Language language) {
        Start start = start(command);
        ProcessDefinitionEntity definition = definition(start, context);
        if (definition == null) {
            throw Refusals.notFound(messages.text(language, "guard.refused.notFound",
                    messages.text(language, "guard.noun.flow"),
                    start.definitionId() != null ? start.definitionId() : start.definitionKey()));
        }
        DeploymentCache cache = context.getProcessEngineConfiguration().getDeploymentCache();
        FlowRequirements requirements = permissions.requirements(definition.getId(),
                unchecked(context, () -> cache.findBpmnModelInstanceForProcessDefinition(definition)),
                definition.getKey()).orElseThrow(() -> Refusals.forbidden(
                        messages.text(language, "start.refused.notAPartnerFlow", definition.getKey())));
        // only a partner user starts a flow: anyone else (a customer admin, a user of no partner) is refused here
        Optional<PartnerUser> user = partners.findUserByUserId(caller.userId());
        Optional<Partner> partner = user.flatMap(u -> partners.findById(u.partnerId()));
        if (user.isEmpty() || partner.isEmpty()) {
            throw Refusals.forbidden(messages.text(language, "start.refused.notPartnerUser", caller.userId()));
        }
        FlowStartPermissions.Decision decision = permissions.decide(user.get(), partner.get(), requirements);
        if (!decision.allowed()) {
            throw Refusals.forbidden(decision.reason(language));
        }
        if (start.options()) {
            throw Refusals.forbidden(messages.text(language, "start.refused.instanceOptions"));
        }
        if (start.businessKey() != null && !start.businessKey().isBlank()) {
            throw Refusals.forbidden(messages.text(language, "start.refused.businessKey"));
        }
        List<String> problems = new ArrayList<>(payloads.problems(EngineLookups.startForm(context, definition.getId()),
                start.variables(), language, name -> null));
        if (problems.isEmpty()) {
            StartRequest request = new StartRequest(partner.get(), user.get(), language, start.variables());
            checks.orderedStream().filter(c -> c.processKey().equals(definition.getKey()))
                    .forEach(c -> problems.addAll(c.problems(request)));
        }
        if (!problems.isEmpty()) {
            throw Refusals.forbidden(String.join("\n", problems));
        }
    }

    private static Start start(Command<?> command) {
        if (command instanceof StartProcessInstanceCmd) {
            var builder = (ProcessInstantiationBuilderImpl) CommandFields.get(command, "instantiationBuilder");
            boolean options = builder.getTenantId() != null || builder.getProcessDefinitionTenantId() != null
                    || builder.getCaseInstanceId() != null || builder.getRestartedProcessInstanceId() != null;
            return new Start(builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(),
                    builder.getBusinessKey(), builder.getVariables() == null ? Map.of() : builder.getVariables(),
                    options);
        }
        if (command instanceof SubmitStartFormCmd) {
            return new Start(CommandFields.string(command, "processDefinitionId"), null,
                    CommandFields.string(command, "businessKey"), CommandFields.variables(command, "variables"), false);
        }
        throw new IllegalStateException(command.getClass().getName() + " is listed as [start] but the guard does "
                + "not know how to read it");
    }

    private static ProcessDefinitionEntity definition(Start start, CommandContext context) {
        DeploymentCache cache = context.getProcessEngineConfiguration().getDeploymentCache();
        try {
            return unchecked(context, () -> start.definitionId() != null
                    ? cache.findDeployedProcessDefinitionById(start.definitionId())
                    : cache.findDeployedLatestProcessDefinitionByKey(start.definitionKey()));
        } catch (ProcessEngineException notDeployed) {
            return null;
        }
    }
}
