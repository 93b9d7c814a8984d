package com.partnercenter.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.partnercenter.acceptance.AcceptanceRepository;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.request.FlowRequests;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

/**
 * How the worker reports each kind of outcome (the engine turns retries 0 into an incident), and that it takes who,
 * for whom and what from the instance's request, in the task's tenant, never from a variable.
 */
class ProvisioningWorkerTest {

    private final ProvisioningService service = mock(ProvisioningService.class);
    private final FlowRequests requests = mock(FlowRequests.class);
    private final AcceptanceRepository acceptances = mock(AcceptanceRepository.class);
    private final ProvisioningWorker worker = new ProvisioningWorker(service, requests, acceptances, List.of(), 20_000);

    @BeforeEach
    void aRequestWithANewCustomer() {
        when(requests.of("pi-1", "partnerTEST")).thenReturn(new FlowRequest(1, "pi-1", "productKeySetup",
                "partnerTEST", "PK-1", 3L, "alice", null, false, null, null, null,
                new FlowRequest.NewCustomer("Acme", "acme.example", "FR", "fr", "Ada", "Lovelace", "ada@acme.example")));
    }

    @Test
    void completesWithTheCreatedCustomerOfTheRequest() {
        when(service.createCustomer(any(), eq("pi-1/Task_CreateCustomer")))
                .thenReturn(new ProvisioningService.CustomerResult(42, "adac42", true));
        FakeTask task = customerTask(null);
        // variables cannot change who is created for which partner
        task.vars.put("customerDomain", "victim.example");
        task.vars.put("partnerId", 99L);
        Recorded out = run(task);
        assertThat(out.completed).containsEntry("customerId", 42L).containsEntry("customerAdminUserId", "adac42")
                .containsEntry("customerCreated", true);
        verify(service).createCustomer(new CustomerRequest("Acme", "acme.example", "FR", "fr", "Ada", "Lovelace",
                "ada@acme.example", 3L), "pi-1/Task_CreateCustomer");
        verify(requests).setCreatedCustomer("pi-1", 42L);
    }

    @Test
    void aRequestOfAnotherTenantOrNoneIsRefusedAtOnce() {
        when(requests.of("pi-1", "partnerTEST")).thenThrow(new IllegalStateException(
                "the request of instance pi-1 belongs to tenant partnerOTHER, not to the instance's tenant partnerTEST"));
        Recorded out = run(customerTask(null));
        assertThat(out.retries).isZero();
        assertThat(out.failure).contains("belongs to tenant partnerOTHER");
    }

    @Test
    void onlyTheModelChoosesTheOperationAndTheSubscriptionSource() {
        FakeTask byVariable = customerTask(null);
        byVariable.property = null;
        byVariable.vars.put("provisioningOperation", "CREATE_CUSTOMER");
        assertThat(run(byVariable).failure).contains("no camunda:property provisioningOperation");

        FakeTask subscription = customerTask(null);
        subscription.property = "CREATE_SUBSCRIPTION";
        subscription.vars.put("subscriptionFrom", "trial");
        assertThat(run(subscription).failure).contains("names no known subscription source");
    }

    /** A task that runs longer than half its lock has its lock extended while it runs, so no other worker takes it. */
    @Test
    void aLongTaskHasItsLockExtendedWhileItRuns() throws Exception {
        var extended = new java.util.concurrent.CountDownLatch(1);
        var service2 = mock(ProvisioningService.class);
        var slowWorker = new ProvisioningWorker(service2, requests, acceptances, List.of(), 2_000);
        var client = mock(org.camunda.bpm.client.task.ExternalTaskService.class);
        var task = mock(org.camunda.bpm.client.task.ExternalTask.class);
        org.mockito.Mockito.doAnswer(call -> {
            extended.countDown();
            return null;
        }).when(client).extendLock(task, 2_000L);
        when(task.getExtensionProperty("provisioningOperation")).thenReturn("CREATE_CUSTOMER");
        when(task.getProcessInstanceId()).thenReturn("pi-1");
        when(task.getTenantId()).thenReturn("partnerTEST");
        when(task.getActivityId()).thenReturn("Task_CreateCustomer");
        when(service2.createCustomer(any(), any())).thenAnswer(call -> {
            // the work outlasts half the lock: it ends only once the lock was extended (or fails the test)
            assertThat(extended.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            return new ProvisioningService.CustomerResult(9, "u9", true);
        });
        slowWorker.execute(task, client);
        org.mockito.Mockito.verify(client).complete(org.mockito.ArgumentMatchers.eq(task), any());
        org.mockito.Mockito.verify(client, org.mockito.Mockito.atLeastOnce()).extendLock(task, 2_000L);
        slowWorker.stopKeepingLocks();
    }

    @Test
    void aTaskIsFetchedWithTheVariablesTheWorkerReadsAndNoOther() {
        var subscription = ProvisioningWorker.class.getAnnotation(
                org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription.class);
        assertThat(subscription.variableNames()).containsExactlyInAnyOrderElementsOf(ProvisioningWorker.INPUTS);
        assertThat(ProvisioningWorker.fetched("provisioningKey")).isEqualTo("provisioningKey");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProvisioningWorker.fetched("customerId"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fetched without variable 'customerId'");
    }

    @Test
    void explicitProvisioningKeyWins() {
        when(service.createCustomer(any(), eq("acceptance-7")))
                .thenReturn(new ProvisioningService.CustomerResult(7, "u", false));
        FakeTask task = customerTask(null);
        task.vars.put("provisioningKey", "acceptance-7");
        assertThat(run(task).completed).containsEntry("customerId", 7L);
    }

    @Test
    void domainTakenIsABpmnError() {
        when(service.createCustomer(any(), any())).thenThrow(new DomainTakenException("acme.example"));
        Recorded out = run(customerTask(null));
        assertThat(out.errorCode).isEqualTo("DOMAIN_TAKEN");
        assertThat(out.errorMessage).contains("acme.example");
    }

    @Test
    void technicalFailuresCountDownRetriesWithGrowingBackoff() {
        when(service.createCustomer(any(), any())).thenThrow(new QueryTimeoutException("database timeout"));
        Recorded first = run(customerTask(null));
        assertThat(first.retries).isEqualTo(2);
        assertThat(first.failure).isEqualTo("Provisioning failed: QueryTimeoutException: database timeout");
        assertThat(first.details).contains("QueryTimeoutException");
        Recorded second = run(customerTask(2));
        assertThat(second.retries).isEqualTo(1);
        assertThat(second.timeout).isGreaterThan(first.timeout);
        assertThat(run(customerTask(1)).retries).isZero();
    }

    @Test
    void badInputFailsAtOnceWithoutRetries() {
        when(requests.of("pi-1", "partnerTEST")).thenReturn(new FlowRequest(1, "pi-1", "productKeySetup",
                "partnerTEST", "PK-1", 3L, "alice", null, false, null, null, null, null));
        Recorded out = run(customerTask(null));
        assertThat(out.retries).isZero();
        assertThat(out.failure).isEqualTo("Provisioning refused: the request of pi-1 names no customer to create");

        FakeTask unknown = customerTask(null);
        unknown.property = "DELETE_EVERYTHING";
        assertThat(run(unknown).failure).contains("unknown provisioningOperation 'DELETE_EVERYTHING'");
    }

    /** A new customer and the subscriptions its source orders, in one task, each under the source's own key. */
    @Test
    void aNewCustomerComesWithTheSubscriptionsItsSourceOrdersUnderTheirKeys() {
        var told = new java.util.ArrayList<String>();
        SubscriptionSource lines = new SubscriptionSource() {
            public String name() { return "lines"; }
            public SubscriptionOrder order(FlowRequest request, ProvisioningWorker.Task task) {
                throw new AssertionError("not a per-line step");
            }
            @Override
            public List<Keyed> ordersWithNewCustomer(FlowRequest request, long customerId) {
                return List.of(new Keyed("L/1/A", create(customerId, "SKU-A", 3)), new Keyed("L/1/B",
                        create(customerId == 42 ? customerId : 42, "SKU-B", 4)));
            }
            @Override
            public void provisioned(FlowRequest request, Keyed ordered, com.partnercenter.subscription.Subscription s) {
                told.add(ordered.provisioningKey() + "=" + s.id());
            }
        };
        var withLines = new ProvisioningWorker(service, requests, acceptances, List.of(lines), 20_000);
        when(service.createCustomer(any(), eq("pi-1/Task_CreateCustomer")))
                .thenReturn(new ProvisioningService.CustomerResult(42, "adac42", true));
        when(service.createSubscription(eq(42L), any(), any(Integer.class), any(), any(), any(), any(), any()))
                .thenAnswer(call -> subscription(call.getArgument(7).equals("L/1/A") ? 1 : 2));
        FakeTask task = customerTask(null);
        task.vars.put(SubscriptionSource.WITH_NEW_CUSTOMER_PROPERTY, "lines");
        Recorded out = new Recorded();
        withLines.handle(task, out);
        assertThat(out.completed).containsEntry("customerId", 42L);
        verify(service).createSubscription(42L, "SKU-A", 3, com.partnercenter.subscription.Subscription.Status.ACTIVE,
                com.partnercenter.subscription.Subscription.Origin.PURCHASE_OFFER, 3L, null, "L/1/A");
        verify(service).createSubscription(42L, "SKU-B", 4, com.partnercenter.subscription.Subscription.Status.ACTIVE,
                com.partnercenter.subscription.Subscription.Origin.PURCHASE_OFFER, 3L, null, "L/1/B");
        assertThat(told).containsExactly("L/1/A=1", "L/1/B=2");

        // a source that orders for another customer than the one created is refused, at once, before anything is
        // ordered
        when(service.createCustomer(any(), eq("pi-1/Task_CreateCustomer")))
                .thenReturn(new ProvisioningService.CustomerResult(43, "adac43", true));
        Recorded refused = new Recorded();
        withLines.handle(task, refused);
        assertThat(refused.retries).isZero();
        assertThat(refused.failure).contains("orders for customer 42, not for the one created, 43");
        verify(service, org.mockito.Mockito.never()).createSubscription(eq(43L), any(), any(Integer.class), any(),
                any(), any(), any(), any());

        // a key that holds another customer's subscription: refused, nothing recorded as the new customer's
        when(service.createCustomer(any(), eq("pi-1/Task_CreateCustomer")))
                .thenReturn(new ProvisioningService.CustomerResult(42, "adac42", true));
        when(service.createSubscription(eq(42L), eq("SKU-B"), any(Integer.class), any(), any(), any(), any(), any()))
                .thenReturn(new com.partnercenter.subscription.Subscription(9, 77, "SKU-B", 4,
                        com.partnercenter.subscription.Subscription.Status.ACTIVE,
                        com.partnercenter.subscription.Subscription.Origin.PURCHASE_OFFER,
                        java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2027, 1, 1), 3L));
        told.clear();
        Recorded foreign = new Recorded();
        withLines.handle(task, foreign);
        assertThat(foreign.failure).contains("holds subscription 9 of customer 77, not of 42");
        assertThat(told).containsExactly("L/1/A=1");

        // a request about an existing customer: refused before anything is created
        when(requests.of("pi-1", "partnerTEST")).thenReturn(new FlowRequest(1, "pi-1", "purchaseOfferAcceptance",
                "partnerTEST", "OFFER-1-A1", 3L, "alice", 5L, false, 1L, null, null, null));
        org.mockito.Mockito.clearInvocations(service);
        Recorded existing = new Recorded();
        withLines.handle(task, existing);
        assertThat(existing.retries).isZero();
        assertThat(existing.failure).contains("is for customer 5, not for a new one");
        verify(service, org.mockito.Mockito.never()).createCustomer(any(), any());
        verify(service, org.mockito.Mockito.never()).createSubscription(org.mockito.ArgumentMatchers.anyLong(), any(),
                any(Integer.class), any(), any(), any(), any(), any());

        // a source that orders nothing with a new customer, or none named
        FakeTask none = customerTask(null);
        none.vars.put(SubscriptionSource.WITH_NEW_CUSTOMER_PROPERTY, "trial");
        Recorded unknown = new Recorded();
        withLines.handle(none, unknown);
        assertThat(unknown.failure).contains("names no known subscription source", "newCustomerSubscriptionsFrom = trial");
    }

    private static SubscriptionOrder.Create create(long customerId, String sku, int licenses) {
        return new SubscriptionOrder.Create(customerId, sku, licenses,
                com.partnercenter.subscription.Subscription.Status.ACTIVE,
                com.partnercenter.subscription.Subscription.Origin.PURCHASE_OFFER, 3L, null);
    }

    private static com.partnercenter.subscription.Subscription subscription(long id) {
        return new com.partnercenter.subscription.Subscription(id, 42, "SKU", 1,
                com.partnercenter.subscription.Subscription.Status.ACTIVE,
                com.partnercenter.subscription.Subscription.Origin.PURCHASE_OFFER, java.time.LocalDate.of(2026, 1, 1),
                java.time.LocalDate.of(2027, 1, 1), 3L);
    }

    private Recorded run(FakeTask task) {
        Recorded recorded = new Recorded();
        worker.handle(task, recorded);
        return recorded;
    }

    private static FakeTask customerTask(Integer retries) {
        FakeTask t = new FakeTask();
        t.retries = retries;
        t.property = "CREATE_CUSTOMER";
        return t;
    }

    static class FakeTask implements ProvisioningWorker.Task {
        Integer retries;
        String property;
        Map<String, Object> vars = new HashMap<>();

        public String processInstanceId() { return "pi-1"; }
        public String tenantId() { return "partnerTEST"; }
        public String activityId() { return "Task_CreateCustomer"; }
        public Integer retries() { return retries; }
        public String extensionProperty(String name) {
            return "provisioningOperation".equals(name) ? property : (String) vars.get(name);
        }
        @SuppressWarnings("unchecked")
        public <T> T variable(String name) { return (T) vars.get(name); }
    }

    static class Recorded implements ProvisioningWorker.Outcome {
        Map<String, Object> completed;
        String errorCode, errorMessage, failure, details;
        Integer retries;
        long timeout;

        public void complete(Map<String, Object> variables) { completed = variables; }
        public void bpmnError(String code, String message) { errorCode = code; errorMessage = message; }
        public void failure(String message, String details, int retries, long timeout) {
            this.failure = message;
            this.details = details;
            this.retries = retries;
            this.timeout = timeout;
        }
    }
}
