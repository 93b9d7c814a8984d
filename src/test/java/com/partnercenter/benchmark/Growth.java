package com.partnercenter.benchmark;

import com.partnercenter.link.LinkTokens;
import com.partnercenter.platform.PartnerTenantIdProvider;
import com.partnercenter.support.http.CustomerFlowOverHttp;
import com.partnercenter.support.http.CustomerFlowOverHttp.Kind;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Growth: what one confirmation costs with many offers waiting. Waiting purchase offers are added through the
 * engine's API, each a copy of a real open offer (started by a partner over REST): an instance of the
 * {@code purchaseOffer} model started at "Manage the offer" with that offer's variables (so it holds the same
 * runtime rows: user task, expiry timer, three message subscriptions, variables, the assignee's authorization,
 * and history), plus its link, offer and line rows written by SQL. Then real purchase offers are driven over
 * HTTP, one client, and their confirmation (the confirm POST) and the time from it to the last mail are
 * measured — at each size in turn.
 */
final class Growth {

    /** The confirmation's cost at one size. */
    record Size(int waiting, double loadSeconds, Map<String, double[]> steps) {}

    private final BenchmarkApp app;
    private final FlowBenchmark bench;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private int waiting;
    private Map<String, Object> template;

    Growth(BenchmarkApp app, FlowBenchmark bench) {
        this.app = app;
        this.bench = bench;
        this.runtime = app.bean(RuntimeService.class);
        this.tx = app.bean(TransactionTemplate.class);
        this.jdbc = app.bean(JdbcClient.class);
    }

    /** Adds waiting offers until {@code total} of this benchmark's wait; returns the seconds it took. */
    double fillTo(int total) {
        if (template == null) {
            // a real open offer, whose variables every copy gets
            CustomerFlowOverHttp.PartnerLogin login = bench.partnerUser();
            String id = com.partnercenter.support.http.AppHttp.Rest.id(bench.http().startProcess("purchaseOffer",
                    Map.of("line1Sku", bench.sku().code(), "line1Licenses", 10L, "linkValidityDays", 30L),
                    login.userId(), login.password()).body());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                    runtime.createProcessInstanceQuery().processInstanceId(id).activityIdIn("Task_ManageOffer").count() == 1);
            template = new HashMap<>(runtime.getVariables(id));
            template.put(PartnerTenantIdProvider.TENANT_VARIABLE, bench.partner().tenantId());
            waiting = 1;
        }
        long start = System.nanoTime();
        int from = waiting;
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(from);
        java.util.concurrent.ExecutorService loaders = java.util.concurrent.Executors.newFixedThreadPool(LOADERS);
        List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
        for (int t = 0; t < LOADERS; t++) {
            running.add(loaders.submit(() -> load(next, total)));
        }
        try {
            for (var loader : running) {
                loader.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("loading waiting offers failed", e);
        } finally {
            loaders.shutdown();
        }
        waiting = Math.max(waiting, total);
        jdbc.sql("analyze").update();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Loader threads (the machine's cores): each takes chunks of 250 copies, one transaction each. */
    static final int LOADERS = Integer.getInteger("bench.growthLoaders", 2);

    private void load(java.util.concurrent.atomic.AtomicInteger next, int total) {
        // as an operator would in Cockpit, in the partner's tenant (a start at an activity carries no variables
        // to the tenant provider, so the tenant comes from the authentication; it is per thread)
        var identity = app.bean(org.camunda.bpm.engine.IdentityService.class);
        identity.setAuthentication(bench.operator(), List.of(com.partnercenter.security.Groups.OPERATORS),
                List.of(bench.partner().tenantId()));
        try {
            for (int first = next.getAndAdd(250); first < total; first = next.getAndAdd(250)) {
                int from = first;
                int to = Math.min(total, first + 250);
                tx.executeWithoutResult(status -> {
                    for (int n = from; n < to; n++) {
                        copy(n);
                    }
                });
            }
        } finally {
            identity.clearAuthentication();
        }
    }

    private void copy(int n) {
        String businessKey = "OFFER-GROWTH-" + n;
        ProcessInstance copy = runtime.createProcessInstanceByKey("purchaseOffer").businessKey(businessKey)
                .startBeforeActivity("Task_ManageOffer").setVariables(template).execute();
        var partner = bench.partner();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into pc_link (link_type, partner_id, advisor_code, token_hash, process_instance_id, business_key, "
                        + "single_use, expires_at) values ('PURCHASE_OFFER', ?, ?, ?, ?, ?, false, ?)")
                .params(partner.id(), partner.advisorCode(), LinkTokens.hash(LinkTokens.newToken()), copy.getId(),
                        businessKey, new Timestamp(((java.util.Date) template.get("linkExpiresAt")).getTime()))
                .update(keys, "id");
        long linkId = keys.getKey().longValue();
        var offerKeys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into pc_purchase_offer (process_instance_id, business_key, partner_id, link_id) values (?,?,?,?)")
                .params(copy.getId(), businessKey, partner.id(), linkId).update(offerKeys, "id");
        jdbc.sql("insert into pc_purchase_offer_line (offer_id, line_no, sku_code, licenses) values (?, 1, ?, 10)")
                .params(offerKeys.getKey().longValue(), bench.sku().code()).update();
        runtime.setVariables(copy.getId(), Map.of("linkId", linkId, "offerId", offerKeys.getKey().longValue()));
    }

    /** {@code flows} real purchase offers over HTTP, one client: the steps' samples (ms). */
    Size measure(int flows, double loadSeconds) {
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        for (int i = 0; i < flows; i++) {
            FlowChecks.Flow flow = bench.one(Kind.PURCHASE_OFFER.label, bench.partnerUser(), steps);
            if (flow.failure() != null) {
                throw new IllegalStateException("growth flow failed: " + flow.failure());
            }
        }
        Map<String, double[]> sorted = new LinkedHashMap<>();
        steps.forEach((step, ms) -> sorted.put(step, Report.sorted(ms)));
        return new Size(waiting, loadSeconds, sorted);
    }

    static final List<String> MEASURED = List.of("accept POST", "confirm GET", "confirm POST", "provisioned, all mails");

    static void print(Report report, Size small, Size large) {
        report.line("%-24s %12s %12s %12s %12s %8s", "step (p50 / p95 ms)", small.waiting() + " p50",
                small.waiting() + " p95", large.waiting() + " p50", large.waiting() + " p95", "ratio");
        for (String step : MEASURED) {
            double[] a = small.steps().getOrDefault(step, new double[0]);
            double[] b = large.steps().getOrDefault(step, new double[0]);
            report.line("%-24s %12.1f %12.1f %12.1f %12.1f %8.2f", step, Report.quantile(a, 0.5),
                    Report.quantile(a, 0.95), Report.quantile(b, 0.5), Report.quantile(b, 0.95),
                    Report.quantile(b, 0.5) / Report.quantile(a, 0.5));
        }
        report.line("ratio: p50 at %,d waiting offers over p50 at %,d; loading took %.0f s and %.0f s",
                large.waiting(), small.waiting(), small.loadSeconds(), large.loadSeconds());
    }

    /** Counts the instances of the model that wait at "Manage the offer" (for the report). */
    long waitingOffers() {
        return runtime.createProcessInstanceQuery().processDefinitionKey("purchaseOffer").activityIdIn("Task_ManageOffer")
                .count();
    }
}
