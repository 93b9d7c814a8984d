package com.partnercenter.provisioning;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.customer.CustomerService;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates customer organizations, admin accounts and subscriptions. Every operation carries a request
 * key (unique in the schema): the same request twice gives the same result, never a second row.
 */
@Service
public class ProvisioningService {

    /** {@code created}: this request (first run or replay) created the customer and its admin account. */
    public record CustomerResult(long customerId, String adminUserId, boolean created) {}

    private final CustomerService customerService;
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final CatalogueRepository catalogue;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    public ProvisioningService(CustomerService customerService, CustomerRepository customers,
            SubscriptionRepository subscriptions, CatalogueRepository catalogue, TransactionTemplate tx,
            AuditLog audit) {
        this.audit = audit;
        this.customerService = customerService;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.catalogue = catalogue;
        this.tx = tx;
    }

    /**
     * Creates the customer and its admin account, or returns what the same request created before.
     *
     * @throws DomainTakenException when another request or customer holds the domain
     */
    public CustomerResult createCustomer(CustomerRequest request, String requestKey) {
        Optional<CustomerResult> previous = previousCustomer(requestKey, request.adminEmail());
        if (previous.isPresent()) {
            return previous.get();
        }
        try {
            return tx.execute(status -> {
                if (customers.findByDomain(request.domain()).isPresent()) {
                    throw new DomainTakenException(request.domain());
                }
                Customer customer = customerService.createCustomer(request.name(), request.domain(),
                        request.country(), request.language(), requestKey);
                CustomerAdmin admin = customerService.addAdmin(customer, request.adminFirstName(),
                        request.adminLastName(), request.adminEmail(), null);
                if (request.partnerId() != null) {
                    customerService.linkPartner(request.partnerId(), customer);
                }
                audit.record("provisioning", "CUSTOMER_CREATED", request.partnerId(), customer.id(), null,
                        customer.name() + " (" + customer.domain() + "), admin " + admin.userId(),
                        AuditLog.plain(customer.name()), AuditLog.plain(customer.domain()), AuditLog.plain(admin.userId()));
                return new CustomerResult(customer.id(), admin.userId(), true);
            });
        } catch (DuplicateKeyException race) {
            // a concurrent run of the same request (or the same domain) won the insert
            return previousCustomer(requestKey, request.adminEmail())
                    .orElseThrow(() -> new DomainTakenException(request.domain()));
        }
    }

    /** A replay of the same request: it created the customer, so it reports "created" again. */
    private Optional<CustomerResult> previousCustomer(String requestKey, String adminEmail) {
        return customers.findByRequestKey(requestKey).map(c -> new CustomerResult(c.id(),
                customers.findAdminByEmail(c.id(), adminEmail).map(CustomerAdmin::userId).orElse(null), true));
    }

    /** Creates a subscription, or returns the one the same request created before. */
    public Subscription createSubscription(long customerId, String skuCode, int licenses, Subscription.Status status,
            Subscription.Origin origin, Long partnerOfRecordId, String requestKey) {
        return createSubscription(customerId, skuCode, licenses, status, origin, partnerOfRecordId, null, requestKey);
    }

    /**
     * As above; a paid subscription runs {@code termMonths} when given (a product key's own term), else the
     * SKU's term.
     */
    public Subscription createSubscription(long customerId, String skuCode, int licenses, Subscription.Status status,
            Subscription.Origin origin, Long partnerOfRecordId, Integer termMonths, String requestKey) {
        Optional<Subscription> previous = subscriptions.findByRequestKey(requestKey);
        if (previous.isPresent()) {
            return previous.get();
        }
        Sku sku = catalogue.find(skuCode)
                .orElseThrow(() -> new IllegalArgumentException("Unknown SKU '" + skuCode + "'"));
        if (customers.findById(customerId).isEmpty()) {
            throw new IllegalArgumentException("Unknown customer " + customerId);
        }
        if (status == Subscription.Status.TRIAL) {
            if (!sku.trialAllowed()) {
                throw new IllegalArgumentException("SKU " + skuCode + " does not allow trials");
            }
            if (origin == Subscription.Origin.TRIAL_INVITATION && subscriptions.hadTrial(customerId, skuCode)) {
                throw new TrialTakenException(customerId, skuCode);
            }
        } else if (!sku.allows(licenses)) {
            throw new IllegalArgumentException("License count " + licenses + " for " + skuCode
                    + " is outside " + sku.minLicenses() + ".." + sku.maxLicenses());
        }
        LocalDate start = LocalDate.ofInstant(com.partnercenter.platform.EngineClock.now(), java.time.ZoneOffset.UTC);
        if (termMonths != null && termMonths < 1) {
            throw new IllegalArgumentException("Term of " + termMonths + " months for " + skuCode + " is not positive");
        }
        LocalDate end = status == Subscription.Status.TRIAL ? start.plusDays(sku.trialDays())
                : start.plusMonths(termMonths != null ? termMonths : sku.termMonths());
        int count = status == Subscription.Status.TRIAL ? sku.trialLicenses() : licenses;
        try {
            return tx.execute(s -> {
                Subscription created = subscriptions.insert(customerId, skuCode, count, status, origin, start, end,
                        partnerOfRecordId, requestKey);
                if (partnerOfRecordId != null) {
                    customerService.linkPartner(partnerOfRecordId, customers.findById(customerId).orElseThrow());
                }
                audit.record("provisioning", "SUBSCRIPTION_CREATED", partnerOfRecordId, customerId, null,
                        skuCode + " × " + count + " " + status + " until " + end, AuditLog.plain(sku.name()),
                        AuditLog.number(count), AuditLog.text("portal.status." + status), AuditLog.day(end));
                return created;
            });
        } catch (DuplicateKeyException race) {
            Optional<Subscription> same = subscriptions.findByRequestKey(requestKey);
            if (same.isEmpty() && origin == Subscription.Origin.TRIAL_INVITATION
                    && subscriptions.hadTrial(customerId, skuCode)) {
                // two trials of the SKU for the customer at once: the other one won
                throw new TrialTakenException(customerId, skuCode);
            }
            return same.orElseThrow(() -> race);
        }
    }

    /**
     * Converts a running trial into a paid subscription of {@code licenses} (within the SKU's bounds) for the
     * SKU's term from today: TRIAL → ACTIVE by a conditional update, so a replay of the same request returns the
     * converted subscription and never converts twice.
     *
     * @throws IllegalArgumentException the subscription is no trial (any more), or the count is out of bounds
     */
    public Subscription convertTrial(long subscriptionId, int licenses, String requestKey) {
        Subscription trial = subscriptions.findById(subscriptionId)
                .orElseThrow(() -> new IllegalArgumentException("Unknown subscription " + subscriptionId));
        if (trial.status() == Subscription.Status.ACTIVE && trial.licenses() == licenses) {
            return trial; // converted by this request before
        }
        if (trial.status() != Subscription.Status.TRIAL) {
            throw new IllegalArgumentException("Subscription " + subscriptionId + " is no longer a running trial ("
                    + trial.status() + "); create a new subscription instead");
        }
        Sku sku = catalogue.find(trial.skuCode()).orElseThrow();
        if (!sku.allows(licenses)) {
            throw new IllegalArgumentException("License count " + licenses + " for " + sku.code() + " is outside "
                    + sku.minLicenses() + ".." + sku.maxLicenses());
        }
        LocalDate start = LocalDate.ofInstant(com.partnercenter.platform.EngineClock.now(), java.time.ZoneOffset.UTC);
        LocalDate end = start.plusMonths(sku.termMonths());
        if (!subscriptions.convertTrial(subscriptionId, licenses, end)) {
            return convertTrial(subscriptionId, licenses, requestKey); // a concurrent replay won: look again
        }
        audit.record("provisioning", "TRIAL_CONVERTED", trial.partnerOfRecordId(), trial.customerId(), null,
                trial.skuCode() + " × " + licenses + " ACTIVE until " + end + " (request " + requestKey + ")",
                AuditLog.plain(sku.name()), AuditLog.number(licenses), AuditLog.day(end));
        return subscriptions.findById(subscriptionId).orElseThrow();
    }
}
