package com.partnercenter.partnerofrecord;

import static com.partnercenter.support.Mailbox.body;
import static com.partnercenter.support.Mailbox.subject;
import static com.partnercenter.support.Mailbox.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerService;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partnerofrecord.PartnerOfRecordService.ChangeRequest;
import com.partnercenter.partnerofrecord.SubscriptionChange.Kind;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Every kind of subscription change reaches its partner of record once, in the partner's language. */
@IntegrationTest
class PartnerOfRecordNotificationTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @Autowired PartnerOfRecordService service;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired PartnerService partnerService;
    @Autowired TestData data;

    private Partner partner;
    private Customer customer;
    private Subscription subscription;

    @BeforeEach
    void setUp() {
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        customer = data.customer();
        Sku sku = data.sku(true, 1, 300);
        subscription = subscriptions.insert(customer.id(), sku.code(), 10, Subscription.Status.ACTIVE,
                Subscription.Origin.PRODUCT_KEY, LocalDate.now(), LocalDate.now().plusYears(1), partner.id(), null);
    }

    @Test
    void eachKindOfChangeSendsOneMailToThePartnerOfRecordAndIsRecordedOnce() throws Exception {
        record("licenses", Kind.LICENSES_CHANGED, "10", "15");
        record("trial", Kind.TRIAL_CONVERTED, "TRIAL", "ACTIVE");
        record("renewal", Kind.RENEWED, "2026-01-01", "2027-01-01");
        record("expiry", Kind.EXPIRED, null, null);
        record("cancel", Kind.CANCELLED, "ACTIVE", "CANCELLED");
        // the same changes reported again (a retried job): nothing new
        record("licenses", Kind.LICENSES_CHANGED, "10", "15");
        record("cancel", Kind.CANCELLED, "ACTIVE", "CANCELLED");

        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(5);
        assertThat(received).allSatisfy(m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo(partner.supportEmail()));
        assertThat(List.of(received).stream().map(Mailbox::subject).toList())
                .anyMatch(s -> s.startsWith("License count changed"))
                .anyMatch(s -> s.startsWith("Trial converted"))
                .anyMatch(s -> s.startsWith("Subscription renewed"))
                .anyMatch(s -> s.startsWith("Subscription expired"))
                .anyMatch(s -> s.startsWith("Subscription cancelled"));
        assertThat(GreenMailUtil.getBody(received[0]).replaceAll("=\\r?\\n", "")).contains("from 10 to 15");
        List<SubscriptionChange> history = service.history(subscription.id());
        assertThat(history).extracting(SubscriptionChange::kind).containsExactly(Kind.LICENSES_CHANGED,
                Kind.TRIAL_CONVERTED, Kind.RENEWED, Kind.EXPIRED, Kind.CANCELLED);
        assertThat(history).allSatisfy(c -> {
            assertThat(c.partnerOfRecordId()).isEqualTo(partner.id());
            assertThat(c.notifiedAt()).isNotNull();
        });
    }

    @Test
    void aChangeOfPartnerOfRecordIsRecordedAndToldToBothInTheirLanguages() throws Exception {
        Partner french = partnerService.createPartner(new Partner(0, TestData.unique("F").toUpperCase(Locale.ROOT), null,
                "Partenaire Français", "1 rue de Test", "75001", "Paris", "FR", "+33 1 00 00 00 00",
                TestData.unique("support") + "@fr.example", null, "fr", EnumSet.of(ProgramAuthorization.SUBSCRIPTION_ADVISOR)));

        var outcome = service.changePartnerOfRecord(subscription.id(), french.id(), "por-change-1", "operator");
        service.changePartnerOfRecord(subscription.id(), french.id(), "por-change-1", "operator");

        assertThat(outcome.registered()).isTrue();
        assertThat(subscriptions.findById(subscription.id()).orElseThrow().partnerOfRecordId()).isEqualTo(french.id());
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage toNew = List.of(received).stream().filter(m -> recipient(m).equals(french.supportEmail()))
                .findFirst().orElseThrow();
        assertThat(toNew.getSubject()).startsWith("Partenaire attitré modifié");
        MimeMessage toOld = List.of(received).stream().filter(m -> recipient(m).equals(partner.supportEmail()))
                .findFirst().orElseThrow();
        assertThat(GreenMailUtil.getBody(toOld).replaceAll("=\\r?\\n", "")).contains("until this change");
        SubscriptionChange change = service.history(subscription.id()).get(0);
        assertThat(change.kind()).isEqualTo(Kind.POR_CHANGED);
        assertThat(change.oldValue()).isEqualTo(partner.advisorCode());
        assertThat(change.newValue()).isEqualTo(french.advisorCode());

        // later changes go to the new partner of record only
        record("after", Kind.LICENSES_CHANGED, "10", "12");
        assertThat(List.of(mail.getReceivedMessages()).stream().map(PartnerOfRecordNotificationTest::recipient).toList())
                .hasSize(3).containsOnlyOnce(partner.supportEmail());
    }

    @Test
    void anIneligiblePartnerIsNotRegisteredAndTheHistorySaysWhy() {
        Partner notAdvisor = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        var outcome = service.changePartnerOfRecord(subscription.id(), notAdvisor.id(), "por-refused", "someone");
        assertThat(outcome.registered()).isFalse();
        assertThat(outcome.reason()).contains("Subscription advisor");
        assertThat(subscriptions.findById(subscription.id()).orElseThrow().partnerOfRecordId()).isEqualTo(partner.id());
        assertThat(service.history(subscription.id())).extracting(SubscriptionChange::kind)
                .containsExactly(Kind.POR_NOT_REGISTERED);
        assertThat(mail.getReceivedMessages()).isEmpty();
        assertThatThrownBy(() -> record("x", Kind.POR_CHANGED, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutPartnerOfRecordTheChangeIsRecordedAndNobodyIsMailed() {
        Subscription orphan = subscriptions.insert(customer.id(), subscription.skuCode(), 3, Subscription.Status.ACTIVE,
                Subscription.Origin.PURCHASE_OFFER, LocalDate.now(), LocalDate.now().plusYears(1), null, null);
        service.record(new ChangeRequest(TestData.unique("orphan"), orphan.id(), Kind.CANCELLED, "ACTIVE", "CANCELLED",
                "customer asked", "tester"));
        assertThat(service.history(orphan.id())).hasSize(1);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    private void record(String id, Kind kind, String oldValue, String newValue) {
        service.record(new ChangeRequest(subscription.id() + "/" + id, subscription.id(), kind, oldValue, newValue,
                null, "tester"));
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
