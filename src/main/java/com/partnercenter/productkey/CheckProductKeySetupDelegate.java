package com.partnercenter.productkey;

import static com.partnercenter.platform.FlowErrors.INVALID_REQUEST;

import com.partnercenter.customer.Customer;
import com.partnercenter.customer.NewCustomerFields;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.TypedVariables;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.request.FlowRequests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN "Check the keys and the customer" ({@code ${checkProductKeySetup}}): the typed texts by the text rule first,
 * then the setup's rule ({@link ProductKeySetupRequest}). A refusal is the BPMN error {@code INVALID_REQUEST} with a
 * message for the partner user in its language ({@code partnerUserLanguage}), one line per problem.
 *
 * <p>Inputs {@code productKeys} (text, one key per line), {@code customerType} (EXISTING/NEW), {@code customerDomain},
 * for a new customer {@code customerName}, {@code customerCountry}, {@code customerLanguage}, {@code adminFirstName},
 * {@code adminLastName}, {@code adminEmail}; {@code delegatedAdmin} (NONE/FULL/LIMITED). Outputs
 * {@code productKeyCodes} (comma-separated normalized keys), {@code productKeyCount}, {@code newCustomer},
 * {@code customerId} (existing), normalized customer fields, {@code offerDelegatedAdmin}, {@code adminRole}; the
 * request records the customer (existing or new) and the delegated administration asked for.
 */
@Component("checkProductKeySetup")
public class CheckProductKeySetupDelegate implements JavaDelegate {

    /** The start form's typed fields and their kinds (the text rule, checked before anything else). */
    static final Map<String, HumanText.Kind> TYPED_FIELDS = new LinkedHashMap<>();

    static {
        TYPED_FIELDS.put("productKeys", HumanText.Kind.multiLine(2000));
        // a new customer's fields by their rule's kinds; the language is chosen, never typed
        ProductKeySetupRequest.NEW_CUSTOMER_VARIABLES.forEach((field, variable) -> {
            if (field != NewCustomerFields.Field.LANGUAGE) {
                TYPED_FIELDS.put(variable, field.kind());
            }
        });
    }

    private final ProductKeySetupRequest request;
    private final ProductKeySteps steps;
    private final FlowRequests requests;
    private final TypedVariables typed;

    public CheckProductKeySetupDelegate(ProductKeySetupRequest request, ProductKeySteps steps, FlowRequests requests,
            TypedVariables typed) {
        this.request = request;
        this.steps = steps;
        this.requests = requests;
        this.typed = typed;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> typedProblems = new ArrayList<>();
        TYPED_FIELDS.forEach((field, kind) -> typed.problem(execution, field, kind).ifPresent(typedProblems::add));
        if (!typedProblems.isEmpty()) {
            // a refused text is never echoed in the other checks' messages
            throw new BpmnError(INVALID_REQUEST, String.join("\n", typedProblems));
        }
        ProductKeySetupRequest.Checked checked = request.check(steps.partner(execution), execution::getVariable,
                ProductKeySteps.language(execution));
        if (!checked.problems().isEmpty()) {
            throw new BpmnError(INVALID_REQUEST, String.join("\n", checked.problems()));
        }
        String instance = execution.getProcessInstanceId();
        if (checked.newCustomer()) {
            requests.setNewCustomer(instance, new FlowRequest.NewCustomer(checked.name(), checked.domain(),
                    checked.country(), checked.language(), checked.adminFirstName(), checked.adminLastName(),
                    checked.adminEmail()));
            execution.setVariable("newCustomer", true);
            execution.setVariable("customerDomain", checked.domain());
            execution.setVariable("customerCountry", checked.country());
            execution.setVariable("customerLanguage", checked.language());
            execution.setVariable("customerName", checked.name());
            execution.setVariable("adminFirstName", checked.adminFirstName());
            execution.setVariable("adminLastName", checked.adminLastName());
            execution.setVariable("adminEmail", checked.adminEmail());
        } else {
            Customer c = checked.customer();
            requests.setCustomer(instance, c.id());
            execution.setVariable("newCustomer", false);
            execution.setVariable("customerId", c.id());
            execution.setVariable("customerName", c.name());
            execution.setVariable("customerDomain", c.domain());
            execution.setVariable("customerLanguage", c.language());
            execution.setVariable("customerCreated", false);
        }
        requests.setDelegatedAdminRole(instance, checked.delegatedAdmin());
        execution.setVariable("productKeyCodes", String.join(",", checked.codes()));
        execution.setVariable("productKeyCount", checked.codes().size());
        execution.setVariable("offerDelegatedAdmin", checked.offerDelegatedAdmin());
        execution.setVariable("adminRole", checked.delegatedAdmin());
    }
}
