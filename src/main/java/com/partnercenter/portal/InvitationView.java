package com.partnercenter.portal;

import static com.partnercenter.platform.Rows.instant;

import com.partnercenter.acceptance.AcceptanceService;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.delegation.CustomerAccess;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.AsApplication;
import com.partnercenter.platform.EngineClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the invitations pages show about links ({@link InvitationDirectory} rows): what was offered (the trial's SKU,
 * the offer's lines), who issued it, who was sent it, and each acceptance with where it stands — waiting for its
 * e-mail confirmation, not confirmed in time, confirmed and being set up, provisioned, or refused and why.
 * Provisioned: a trial's subscription exists (it names its trial instance); an offer's or a sign-up's instance ended
 * without refusal. Refused: the instance of the acceptance left a step by an error (a domain registered meanwhile, a
 * count out of bounds, a trial already taken), named by the text {@code invitations.refusal.<boundary event id>}.
 */
@Component
public class InvitationView {

    /** What an acceptance became. */
    public enum AcceptanceState { PENDING_CONFIRMATION, NOT_CONFIRMED, SETTING_UP, PROVISIONED, REFUSED }

    /** What a link offers: a trial (SKU, days, licenses) or lines (SKU name × count); delegated administration. */
    public record Offering(String trialSku, String trialSkuCode, Integer trialDays, Integer trialLicenses,
            List<Line> lines, String delegatedAdminRole) {
        public boolean trial() {
            return trialSku != null;
        }
    }

    public record Line(String skuCode, String skuName, int licenses) {}

    public record Recipient(String address, String status, Instant sentAt) {}

    /**
     * One acceptance; {@code refusal} names why (a message key), {@code customerId} when the partner serves it,
     * {@code managed} when the partner manages it ({@link CustomerAccess#manages}: its customer page opens).
     */
    public record AcceptanceRow(long id, String organizationName, String domain, String adminEmail, Instant submittedAt,
            Instant confirmedAt, AcceptanceState state, String refusal, Long customerId, boolean managed,
            boolean trialRunning) {}

    private final JdbcClient jdbc;
    private final com.partnercenter.link.LinkService links;
    private final HistoryService history;
    private final IdentityService identity;
    private final CatalogueRepository catalogue;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final CustomerAccess access;

    public InvitationView(JdbcClient jdbc, HistoryService history, IdentityService identity,
            CatalogueRepository catalogue, PartnerRepository partners, CustomerRepository customers,
            com.partnercenter.link.LinkService links, CustomerAccess access) {
        this.access = access;
        this.links = links;
        this.jdbc = jdbc;
        this.history = history;
        this.identity = identity;
        this.catalogue = catalogue;
        this.partners = partners;
        this.customers = customers;
    }

    /** What each link offers, by link id (one look-up per kind for the whole page). */
    public Map<Long, Offering> offerings(Collection<InvitationDirectory.Row> rows) {
        Map<Long, Offering> out = new HashMap<>();
        List<String> trialInstances = rows.stream().filter(r -> r.kind() == InvitationDirectory.Kind.TRIAL)
                .map(InvitationDirectory.Row::processInstanceId).filter(id -> id != null).toList();
        Map<String, Map<String, Object>> trialTerms = variables(trialInstances, "skuCode", "includeDelegatedAdmin",
                "delegatedAdminRole");
        for (InvitationDirectory.Row row : rows) {
            switch (row.kind()) {
                case TRIAL -> {
                    Map<String, Object> terms = trialTerms.getOrDefault(row.processInstanceId(), Map.of());
                    Optional<Sku> sku = terms.get("skuCode") == null ? Optional.empty()
                            : catalogue.find(terms.get("skuCode").toString());
                    String role = Boolean.TRUE.equals(terms.get("includeDelegatedAdmin"))
                            ? (String) terms.get("delegatedAdminRole") : null;
                    out.put(row.linkId(), new Offering(sku.map(Sku::name).orElse(String.valueOf(terms.get("skuCode"))),
                            sku.map(Sku::code).orElse(null), sku.map(Sku::trialDays).orElse(null),
                            sku.map(Sku::trialLicenses).orElse(null), List.of(), role));
                }
                case OFFER -> out.put(row.linkId(), new Offering(null, null, null, null, lines(row.offerId()),
                        row.offerId() == null ? null : jdbc.sql("select delegated_admin_role from pc_purchase_offer "
                                + "where id = ?").param(row.offerId()).query(String.class).optional().orElse(null)));
                case SIGNUP -> out.put(row.linkId(), new Offering(null, null, null, null, List.of(), null));
            }
        }
        return out;
    }

    /** Who started the link's flow (its display name), by link id. */
    public Map<Long, String> issuers(Collection<InvitationDirectory.Row> rows) {
        Map<String, Long> byInstance = new HashMap<>();
        rows.forEach(r -> {
            if (r.processInstanceId() != null) {
                byInstance.put(r.processInstanceId(), r.linkId());
            }
        });
        Map<Long, String> out = new HashMap<>();
        if (byInstance.isEmpty()) {
            return out;
        }
        List<HistoricProcessInstance> instances = AsApplication.run(identity, () -> history
                .createHistoricProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(byInstance.keySet()))
                .list());
        for (HistoricProcessInstance instance : instances) {
            String user = instance.getStartUserId();
            if (user != null) {
                out.put(byInstance.get(instance.getId()), partners.findUserByUserId(user)
                        .map(u -> u.displayName()).orElse(user));
            }
        }
        return out;
    }

    /** The invitation mails of the link, one per address. */
    public List<Recipient> recipients(InvitationDirectory.Row row) {
        return jdbc.sql("select recipient, status, sent_at from pc_mail where business_key = ? and template in "
                        + "('trial-invitation', 'offer-invitation', 'signup-invitation') order by recipient")
                .param(row.businessKey())
                .query((rs, n) -> new Recipient(rs.getString("recipient"), rs.getString("status"), instant(rs, "sent_at")))
                .list();
    }

    /** The acceptances of the link, newest first, with where each stands. */
    public List<AcceptanceRow> acceptances(long partnerId, InvitationDirectory.Row row, Offering offering) {
        record Stored(long id, String org, String domain, String email, Instant submitted, Instant confirmed,
                String status) {}
        List<Stored> stored = jdbc.sql("select id, organization_name, domain, admin_email, created_at, confirmed_at, "
                        + "status from pc_acceptance where link_id = ? order by created_at desc, id desc")
                .param(row.linkId())
                .query((rs, n) -> new Stored(rs.getLong("id"), rs.getString("organization_name"), rs.getString("domain"),
                        rs.getString("admin_email"), instant(rs, "created_at"), instant(rs, "confirmed_at"),
                        rs.getString("status")))
                .list();
        Optional<com.partnercenter.partner.Partner> partner = partners.findById(partnerId);
        Map<String, Long> keyToAcceptance = new HashMap<>();
        for (Stored s : stored) {
            if ("CONFIRMED".equals(s.status())) {
                keyToAcceptance.put(row.kind() == InvitationDirectory.Kind.SIGNUP ? row.businessKey()
                        : row.businessKey() + "-A" + s.id(), s.id());
            }
        }
        Map<Long, HistoricProcessInstance> instances = new HashMap<>();
        if (!keyToAcceptance.isEmpty()) {
            for (HistoricProcessInstance instance : AsApplication.run(identity, () -> history
                    .createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKeyIn(keyToAcceptance.keySet().toArray(String[]::new)).list())) {
                Long acceptance = keyToAcceptance.get(instance.getBusinessKey());
                if (acceptance != null && (row.kind() != InvitationDirectory.Kind.SIGNUP
                        || instance.getId().equals(row.processInstanceId()))) {
                    instances.put(acceptance, instance);
                }
            }
        }
        Instant window = EngineClock.now().minus(AcceptanceService.CONFIRMATION_VALIDITY);
        List<AcceptanceRow> out = new ArrayList<>();
        for (Stored s : stored) {
            AcceptanceState state;
            String refusal = null;
            if (!"CONFIRMED".equals(s.status())) {
                state = s.submitted() != null && s.submitted().isAfter(window) ? AcceptanceState.PENDING_CONFIRMATION
                        : AcceptanceState.NOT_CONFIRMED;
            } else {
                HistoricProcessInstance instance = instances.get(s.id());
                Optional<String> failed = instance == null ? Optional.empty() : refusal(instance.getId());
                if (failed.isPresent()) {
                    state = AcceptanceState.REFUSED;
                    refusal = "invitations.refusal." + failed.get();
                } else if (instance != null && provisioned(row, instance)) {
                    state = AcceptanceState.PROVISIONED;
                } else {
                    state = AcceptanceState.SETTING_UP;
                }
            }
            Long served = customers.findByDomain(s.domain()).map(c -> c.id())
                    .filter(id -> customers.isPartnerOf(partnerId, id)).orElse(null);
            boolean trialRunning = served != null && offering.trialSkuCode() != null && jdbc.sql(
                    "select count(*) from pc_subscription where customer_id = ? and sku_code = ? and status = 'TRIAL'")
                    .params(served, offering.trialSkuCode()).query(Long.class).single() > 0;
            // the customer's page is linked only when the partner may open it
            boolean managed = served != null && partner.isPresent() && access.manages(partner.get(), served);
            out.add(new AcceptanceRow(s.id(), s.org(), s.domain(), s.email(), s.submitted(), s.confirmed(), state,
                    refusal, served, managed, trialRunning));
        }
        return out;
    }

    /**
     * The link's address, for the partner to copy and publish, while its flow runs (an open link).
     */
    public Optional<String> publishedUrl(long partnerId, InvitationDirectory.Row row) {
        if (row.status() != InvitationDirectory.Status.OPEN || row.processInstanceId() == null) {
            return Optional.empty();
        }
        // rebuilt from the link (a URL is never stored usable, nor kept in a variable)
        return links.partnerLinkUrl(partnerId, row.linkId());
    }

    private boolean provisioned(InvitationDirectory.Row row, HistoricProcessInstance instance) {
        if (row.kind() == InvitationDirectory.Kind.TRIAL) {
            return jdbc.sql("select count(*) from pc_subscription where process_instance_id = ?")
                    .param(instance.getId()).query(Long.class).single() > 0;
        }
        return instance.getEndTime() != null;
    }

    /** The error boundary event the acceptance's instance left a step by, if any. */
    private Optional<String> refusal(String processInstanceId) {
        return AsApplication.run(identity, () -> history.createHistoricActivityInstanceQuery()
                        .processInstanceId(processInstanceId).activityType("boundaryError").list())
                .stream().map(HistoricActivityInstance::getActivityId).findFirst();
    }

    private List<Line> lines(Long offerId) {
        if (offerId == null) {
            return List.of();
        }
        return jdbc.sql("select l.sku_code, s.name, l.licenses from pc_purchase_offer_line l join pc_sku s "
                        + "on s.code = l.sku_code where l.offer_id = ? order by l.line_no")
                .param(offerId)
                .query((rs, n) -> new Line(rs.getString("sku_code"), rs.getString("name"), rs.getInt("licenses")))
                .list();
    }

    private Map<String, Map<String, Object>> variables(List<String> instanceIds, String... names) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (instanceIds.isEmpty()) {
            return out;
        }
        List<HistoricVariableInstance> found = AsApplication.run(identity, () -> history
                .createHistoricVariableInstanceQuery().processInstanceIdIn(instanceIds.toArray(String[]::new))
                .variableNameIn(names).list());
        for (HistoricVariableInstance v : found) {
            if (v.getActivityInstanceId() != null && v.getActivityInstanceId().equals(v.getProcessInstanceId())) {
                out.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
            } else {
                out.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).putIfAbsent(v.getName(), v.getValue());
            }
        }
        return out;
    }
}
