package com.partnercenter.productkey;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.request.FlowRequests;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN "Record the key redeemed" ({@code ${redeemProductKey}}, in the loop over the keys after "Create the
 * subscription"): the loop's key, held by this instance, gets the request's customer, the subscription and the time
 * (the subscription was created with the key's term). The subscription must be the customer's; a retry after the key
 * was recorded for the same subscription changes nothing.
 */
@Component("redeemProductKey")
public class RedeemProductKeyDelegate implements JavaDelegate {

    private final ProductKeyRepository keys;
    private final SubscriptionRepository subscriptions;
    private final CatalogueRepository catalogue;
    private final FlowRequests requests;
    private final ProductKeySteps steps;
    private final AuditLog audit;

    public RedeemProductKeyDelegate(ProductKeyRepository keys, SubscriptionRepository subscriptions,
            CatalogueRepository catalogue, FlowRequests requests, ProductKeySteps steps, AuditLog audit) {
        this.keys = keys;
        this.subscriptions = subscriptions;
        this.catalogue = catalogue;
        this.requests = requests;
        this.steps = steps;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ProductKey key = heldKey(execution);
        long customerId = requests.customerIdOf(execution);
        long subscriptionId = ProcessVariables.number(execution, "subscriptionId");
        Subscription subscription = subscriptions.findById(subscriptionId).orElseThrow(
                () -> new IllegalStateException("subscription " + subscriptionId + " does not exist"));
        if (subscription.customerId() != customerId) {
            throw new IllegalStateException("subscription " + subscriptionId + " is not customer " + customerId + "'s");
        }
        if (key.redeemedAt() == null) {
            if (!keys.redeem(key.keyCode(), execution.getProcessInstanceId(), customerId, subscriptionId,
                    EngineClock.now())) {
                throw new IllegalStateException("product key " + key.formatted() + " is no longer reserved by "
                        + execution.getProcessBusinessKey());
            }
            audit.record(steps.actor(execution), "PRODUCT_KEY_REDEEMED", key.partnerId(), customerId,
                    execution.getProcessBusinessKey(), key.formatted() + " → subscription " + subscriptionId + " ("
                            + key.skuCode() + " × " + key.licenses() + ", " + key.termMonths() + " months)",
                    AuditLog.plain(key.formatted()), AuditLog.plain(catalogue.find(key.skuCode())
                            .map(Sku::name).orElse(key.skuCode())),
                    AuditLog.number(key.licenses()), AuditLog.number(key.termMonths()));
        } else if (!Long.valueOf(subscriptionId).equals(key.redeemedSubscriptionId())) {
            throw new IllegalStateException("product key " + key.formatted() + " was redeemed for subscription "
                    + key.redeemedSubscriptionId() + ", not " + subscriptionId);
        }
    }

    /** The loop's key, held by this instance. */
    private ProductKey heldKey(DelegateExecution execution) {
        String code = String.valueOf(execution.getVariable("productKey"));
        ProductKey key = keys.find(code).orElseThrow(
                () -> new IllegalStateException("product key " + code + " does not exist"));
        if (!execution.getProcessInstanceId().equals(key.reservedBy())) {
            throw new IllegalStateException("product key " + key.formatted() + " is not reserved by "
                    + execution.getProcessBusinessKey() + " (reserved by " + key.reservedBy() + ")");
        }
        return key;
    }
}
