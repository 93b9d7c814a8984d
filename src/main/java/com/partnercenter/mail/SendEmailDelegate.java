package com.partnercenter.mail;

import com.partnercenter.platform.ModelProperties;
import com.partnercenter.platform.ReaderFormat;
import com.partnercenter.request.FlowRequests;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The BPMN "send an e-mail" step. Use it on a service task that is asynchronous, so that a failed delivery is
 * retried and then shows up as an incident in Cockpit:
 *
 * <pre>{@code
 * <bpmn:serviceTask id="SendWelcome" camunda:delegateExpression="${sendEmail}" camunda:asyncBefore="true">
 *   <bpmn:extensionElements>
 *     <camunda:properties>
 *       <camunda:property name="mailTemplate" value="customer-welcome" />
 *       <camunda:property name="mailTo" value="${adminEmail}" />
 *     </camunda:properties>
 *     <camunda:failedJobRetryTimeCycle>R3/PT1M</camunda:failedJobRetryTimeCycle>
 *   </bpmn:extensionElements>
 * </bpmn:serviceTask>
 * }</pre>
 *
 * Inputs, camunda:properties of the step (a constant or an expression, evaluated when the step runs, see
 * {@link ModelProperties#input}; a step without the property reads the variable of that name):
 * {@code mailTemplate} (required), {@code mailTo} (required, one address), {@code mailLanguage}
 * ("en"/"fr", optional: else the partner's default language), {@code mailKey} (optional: distinguishes several
 * mails of the same activity to the same recipient in one instance, e.g. one per acceptance); any other property of
 * the step is a value of the template's model ({@code offerRefusal}: {@code COUNTS}). Inputs write no variable. The partner whose company
 * info the mail carries is the flow's ({@link FlowRequests#partnerIdOf}: its request's, or its tenant's), never a
 * variable. The template sees all variables of the execution as {@code vars}, plus {@code partner} and
 * {@code baseUrl}; when the instance has a variable {@code linkId} (its invitation link), also {@code invitationUrl},
 * rebuilt from the link at send time (a URL is never a variable), and {@code linkExpiresAtText}, the link's last day
 * ({@link ReaderFormat#isoDay}) when the instance has a variable {@code linkExpiresAt}, and {@code processKey} (the key of the flow it is
 * sent from: for a called process, such as the refusal path, the flow at the top of the call chain). The mail is sent once per processInstanceId/activityId[/mailKey]/recipient, however often the
 * job is retried.
 */
@Component("sendEmail")
public class SendEmailDelegate implements JavaDelegate {

    public static final String TEMPLATE = "mailTemplate";
    public static final String TO = "mailTo";
    public static final String LANGUAGE = "mailLanguage";
    public static final String KEY = "mailKey";
    public static final String LINK_ID = "linkId";
    public static final String LINK_EXPIRES_AT = "linkExpiresAt";

    private final MailService mails;
    private final FlowRequests requests;

    public SendEmailDelegate(MailService mails, FlowRequests requests) {
        this.mails = mails;
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String template = requiredString(execution, TEMPLATE);
        String to = requiredString(execution, TO);
        String language = optionalString(execution, LANGUAGE);
        String mailKey = optionalString(execution, KEY);
        String key = MailService.processMailKey(execution.getProcessInstanceId(), execution.getCurrentActivityId(),
                mailKey, to);
        Map<String, Object> variables = templateModel(execution);
        if (variables.get(LINK_EXPIRES_AT) instanceof Date expiresAt) {
            variables.put("linkExpiresAtText", ReaderFormat.isoDay(expiresAt.toInstant()));
        }
        // the flow a mail comes from, by key: templates name it in the reader's language (mail text flow.<key>)
        variables.put("processKey", flowKey(execution));
        OutgoingMail mail = new OutgoingMail(key, template, language, to, variables, requests.partnerIdOf(execution),
                execution.getProcessBusinessKey());
        if (execution.getVariable(LINK_ID) instanceof Number linkId) {
            mail = mail.withLink("invitationUrl", MailLink.of(linkId.longValue()));
        }
        mails.send(mail);
    }

    /**
     * What a mail step's template reads: the execution's variables, and the step's inputs that are not the mail's own
     * settings ({@code mail…}: template, recipient, language, key), such as {@code offerRefusal} or
     * {@code customerCreated} as the step names them.
     */
    public static Map<String, Object> templateModel(DelegateExecution execution) {
        Map<String, Object> model = new HashMap<>(execution.getVariables());
        model.putAll(ModelProperties.inputs(execution, name -> !name.startsWith("mail")));
        return model;
    }

    /** The key of the flow the reader started: a called process (the refusal path) names its caller's. */
    private static String flowKey(DelegateExecution execution) {
        DelegateExecution instance = execution.getProcessInstance();
        while (instance.getSuperExecution() != null) {
            instance = instance.getSuperExecution().getProcessInstance();
        }
        return instance.getProcessDefinitionId().split(":")[0];
    }

    private static String requiredString(DelegateExecution execution, String name) {
        String value = optionalString(execution, name);
        if (value == null) {
            throw new IllegalArgumentException("Process variable '" + name + "' is required to send an e-mail (task '"
                    + execution.getCurrentActivityId() + "')");
        }
        return value;
    }

    private static String optionalString(DelegateExecution execution, String name) {
        Object value = ModelProperties.input(execution, name);
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("Process variable '" + name + "' must be a text, not "
                    + value.getClass().getSimpleName() + " (task '" + execution.getCurrentActivityId() + "')");
        }
        return s;
    }
}
