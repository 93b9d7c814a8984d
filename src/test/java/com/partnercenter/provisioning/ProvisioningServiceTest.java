package com.partnercenter.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Idempotent provisioning of customers and subscriptions, with the catalogue's rules. */
@IntegrationTest
class ProvisioningServiceTest {

    @Autowired ProvisioningService provisioning;
    @Autowired CustomerRepository customers;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired TestData data;

    @Test
    void theSameCustomerRequestTwiceGivesOneCustomerAnotherRequestForItsDomainIsRefused() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        String domain = TestData.unique("idem") + ".example";
        CustomerRequest request = new CustomerRequest("Idem Co", domain, "FR", "fr", "Ida", "Em", "ida@" + domain,
                partner.id());
        var first = provisioning.createCustomer(request, "req-" + domain);
        var again = provisioning.createCustomer(request, "req-" + domain);
        assertThat(again).isEqualTo(first);
        assertThat(first.created()).isTrue();
        assertThat(customers.findAdmins(first.customerId())).hasSize(1);
        assertThat(customers.countForPartner(partner.id())).isEqualTo(1);

        assertThatThrownBy(() -> provisioning.createCustomer(request, "other-" + domain))
                .isInstanceOf(DomainTakenException.class).hasMessageContaining(domain);
    }

    @Test
    void aTrialTakesTheSkusTrialLicensesAndLength() {
        Sku sku = data.sku(true, 1, 300);
        long customer = data.customer().id();
        Subscription trial = provisioning.createSubscription(customer, sku.code(), 999, Subscription.Status.TRIAL,
                Subscription.Origin.TRIAL_INVITATION, null, "trial-" + customer);
        assertThat(trial.licenses()).isEqualTo(sku.trialLicenses());
        assertThat(trial.endDate()).isEqualTo(trial.startDate().plusDays(sku.trialDays()));
        assertThat(trial.partnerOfRecordId()).isNull();
        assertThat(subscriptions.findById(trial.id()).orElseThrow().partnerOfRecordId()).isNull();

        Sku noTrial = data.sku(false, 1, 10);
        assertThatThrownBy(() -> provisioning.createSubscription(customer, noTrial.code(), 5,
                Subscription.Status.TRIAL, Subscription.Origin.TRIAL_INVITATION, null, "t2-" + customer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not allow trials");
    }

    @Test
    void aCustomerGetsOneTrialPerSkuEvenWhenItsConvertedOrTheCheckIsRaced() {
        Sku sku = data.sku(true, 1, 300);
        long customer = data.customer().id();
        Subscription first = provisioning.createSubscription(customer, sku.code(), 1, Subscription.Status.TRIAL,
                Subscription.Origin.TRIAL_INVITATION, null, "first-" + customer);
        assertThat(provisioning.createSubscription(customer, sku.code(), 1, Subscription.Status.TRIAL,
                Subscription.Origin.TRIAL_INVITATION, null, "first-" + customer)).as("a replay").isEqualTo(first);
        provisioning.convertTrial(first.id(), 10, "convert-" + customer);

        assertThatThrownBy(() -> provisioning.createSubscription(customer, sku.code(), 1, Subscription.Status.TRIAL,
                Subscription.Origin.TRIAL_INVITATION, null, "second-" + customer))
                .isInstanceOf(TrialTakenException.class).hasMessageContaining("one trial per SKU and customer");
        // the database holds the rule too (two confirmations checked at the same moment)
        assertThatThrownBy(() -> subscriptions.insert(customer, sku.code(), 25, Subscription.Status.TRIAL,
                Subscription.Origin.TRIAL_INVITATION, java.time.LocalDate.now(), java.time.LocalDate.now().plusDays(30),
                null, "raced-" + customer)).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        // another SKU, or a purchase of the same one, is not a trial
        assertThat(provisioning.createSubscription(customer, data.sku(true, 1, 300).code(), 1,
                Subscription.Status.TRIAL, Subscription.Origin.TRIAL_INVITATION, null, "other-" + customer)).isNotNull();
        assertThat(subscriptions.hadTrial(data.customer().id(), sku.code())).isFalse();
    }

    @Test
    void aPurchaseStaysWithinTheSkuBoundsAndRecordsThePartnerOfRecordOnce() {
        Sku sku = data.sku(false, 5, 50);
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        long customer = data.customer().id();
        for (int outside : new int[] {4, 51, 0}) {
            assertThatThrownBy(() -> provisioning.createSubscription(customer, sku.code(), outside,
                    Subscription.Status.ACTIVE, Subscription.Origin.PURCHASE_OFFER, partner.id(), "out-" + outside))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5..50");
        }
        assertThat(subscriptions.findByCustomer(customer)).isEmpty();

        Subscription bought = provisioning.createSubscription(customer, sku.code(), 50, Subscription.Status.ACTIVE,
                Subscription.Origin.PURCHASE_OFFER, partner.id(), "buy-" + customer);
        Subscription replay = provisioning.createSubscription(customer, sku.code(), 50, Subscription.Status.ACTIVE,
                Subscription.Origin.PURCHASE_OFFER, partner.id(), "buy-" + customer);
        assertThat(replay.id()).isEqualTo(bought.id());
        assertThat(subscriptions.findByCustomer(customer)).hasSize(1);
        assertThat(bought.endDate()).isEqualTo(bought.startDate().plusMonths(sku.termMonths()));
        assertThat(bought.partnerOfRecordId()).isEqualTo(partner.id());
        assertThat(customers.countForPartner(partner.id())).isEqualTo(1);

        assertThatThrownBy(() -> provisioning.createSubscription(customer, "NO_SUCH_SKU", 5,
                Subscription.Status.ACTIVE, Subscription.Origin.PURCHASE_OFFER, null, "x-" + customer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown SKU 'NO_SUCH_SKU'");
    }

    @Test
    void aProductKeysTermReplacesTheSkusTermFromTheStart() {
        Sku sku = data.sku(false, 1, 50);
        long customer = data.customer().id();
        Subscription keyed = provisioning.createSubscription(customer, sku.code(), 10, Subscription.Status.ACTIVE,
                Subscription.Origin.PRODUCT_KEY, null, sku.termMonths() + 12, "key-" + customer);
        assertThat(keyed.endDate()).isEqualTo(keyed.startDate().plusMonths(sku.termMonths() + 12));
        assertThatThrownBy(() -> provisioning.createSubscription(customer, sku.code(), 10, Subscription.Status.ACTIVE,
                Subscription.Origin.PRODUCT_KEY, null, 0, "key0-" + customer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive");
    }
}
