package com.partnercenter.offer;

import com.partnercenter.platform.EngineClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Purchase offers, their lines, and what each customer accepted (tables of V6). */
@Repository
public class OfferRepository {

    private static final String COLUMNS = "id, process_instance_id, business_key, partner_id, customer_id, link_id, "
            + "delegated_admin_role, status";

    /** What a customer accepted on one line, and what the acceptance flow did with it. */
    public record AcceptedLine(int lineNo, String skuCode, int licenses, String action, Long subscriptionId) {}

    /** One customer's acceptance of an offer: the existing customer, if an admin of it accepted. */
    public record OfferAcceptance(long acceptanceId, long offerId, Long customerId) {}

    private final JdbcClient jdbc;

    public OfferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the offer of a process instance once (a second call returns the first one's id). */
    public long insert(String processInstanceId, String businessKey, long partnerId, Long customerId, long linkId,
            String delegatedAdminRole, List<PurchaseOffer.Line> lines) {
        Optional<PurchaseOffer> existing = findByProcessInstance(processInstanceId);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into pc_purchase_offer (process_instance_id, business_key, partner_id, customer_id, link_id, "
                        + "delegated_admin_role, created_at) values (?,?,?,?,?,?,?)")
                .params(processInstanceId, businessKey, partnerId, customerId, linkId, delegatedAdminRole,
                        Timestamp.from(EngineClock.now()))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (PurchaseOffer.Line line : lines) {
            jdbc.sql("insert into pc_purchase_offer_line (offer_id, line_no, sku_code, licenses) values (?,?,?,?)")
                    .params(id, line.lineNo(), line.skuCode(), line.licenses()).update();
        }
        return id;
    }

    public Optional<PurchaseOffer> findById(long id) {
        return one("id = ?", id);
    }

    public Optional<PurchaseOffer> findByProcessInstance(String processInstanceId) {
        return one("process_instance_id = ?", processInstanceId);
    }

    public Optional<PurchaseOffer> findByLink(long linkId) {
        return one("link_id = ?", linkId);
    }

    /**
     * The partner's other open offers to the same customer that share a SKU with {@code skuCodes}: the ones a
     * new offer supersedes.
     */
    public List<PurchaseOffer> findOpenOverlapping(long partnerId, long customerId, long exceptOfferId,
            Collection<String> skuCodes) {
        return jdbc.sql("select " + COLUMNS + " from pc_purchase_offer o where partner_id = ? and customer_id = ? "
                        + "and status = 'OPEN' and id <> ? and exists (select 1 from pc_purchase_offer_line l "
                        + "where l.offer_id = o.id and l.sku_code in (:skus)) order by id"
                        .replace(":skus", String.join(",", skuCodes.stream().map(s -> "?").toList())))
                .params(partnerId, customerId, exceptOfferId).params(List.copyOf(skuCodes))
                .query(this::row).list().stream().map(this::withLines).toList();
    }

    /** OPEN → {@code status}; true for exactly one caller. */
    public boolean close(long id, PurchaseOffer.Status status, Long supersededBy) {
        return jdbc.sql("update pc_purchase_offer set status = ?, superseded_by = ?, closed_at = ? "
                        + "where id = ? and status = 'OPEN'")
                .params(status.name(), supersededBy, Timestamp.from(EngineClock.now()), id).update() == 1;
    }

    /** Locks the offer's row until the end of the transaction (confirmations of one offer wait for each other). */
    public void lock(long id) {
        jdbc.sql("select id from pc_purchase_offer where id = ? for update").param(id).query(Long.class).optional();
    }

    // ---- acceptances

    public void insertAcceptance(long acceptanceId, long offerId, Long customerId, List<PurchaseOffer.Line> counts) {
        jdbc.sql("insert into pc_offer_acceptance (acceptance_id, offer_id, customer_id) values (?,?,?)")
                .params(acceptanceId, offerId, customerId).update();
        for (PurchaseOffer.Line line : counts) {
            jdbc.sql("insert into pc_offer_acceptance_line (acceptance_id, line_no, sku_code, licenses) values (?,?,?,?)")
                    .params(acceptanceId, line.lineNo(), line.skuCode(), line.licenses()).update();
        }
    }

    /** Whether an admin of {@code customerId} has confirmed an acceptance of the offer (other than {@code except}). */
    public boolean confirmedByCustomer(long offerId, long customerId, Long except) {
        return jdbc.sql("select count(*) from pc_offer_acceptance oa join pc_acceptance a on a.id = oa.acceptance_id "
                        + "where oa.offer_id = ? and oa.customer_id = ? and a.status = 'CONFIRMED' and a.id <> ?")
                .params(offerId, customerId, except == null ? -1L : except).query(Long.class).single() > 0;
    }

    public Optional<OfferAcceptance> findAcceptance(long acceptanceId) {
        return jdbc.sql("select acceptance_id, offer_id, customer_id from pc_offer_acceptance where acceptance_id = ?")
                .param(acceptanceId)
                .query((rs, n) -> new OfferAcceptance(rs.getLong("acceptance_id"), rs.getLong("offer_id"),
                        rs.getObject("customer_id", Long.class)))
                .optional();
    }

    public List<AcceptedLine> acceptedLines(long acceptanceId) {
        return jdbc.sql("select line_no, sku_code, licenses, action, subscription_id from pc_offer_acceptance_line "
                        + "where acceptance_id = ? order by line_no")
                .param(acceptanceId)
                .query((rs, n) -> new AcceptedLine(rs.getInt("line_no"), rs.getString("sku_code"),
                        rs.getInt("licenses"), rs.getString("action"), rs.getObject("subscription_id", Long.class)))
                .list();
    }

    /** The accepted line the loop execution {@code executionId} works on ({@link #bindNextLine}). */
    public Optional<AcceptedLine> lineOf(long acceptanceId, String executionId) {
        return jdbc.sql("select line_no, sku_code, licenses, action, subscription_id from pc_offer_acceptance_line "
                        + "where acceptance_id = ? and execution_id = ?")
                .params(acceptanceId, executionId)
                .query((rs, n) -> new AcceptedLine(rs.getInt("line_no"), rs.getString("sku_code"),
                        rs.getInt("licenses"), rs.getString("action"), rs.getObject("subscription_id", Long.class)))
                .optional();
    }

    /**
     * The line the acceptance's loop works on now: the last one a loop execution took ({@link #bindNextLine}; the
     * loop runs its lines one after the other, in line order). Empty before the loop took any.
     */
    public Optional<AcceptedLine> currentLine(long acceptanceId) {
        List<AcceptedLine> taken = jdbc.sql("select line_no, sku_code, licenses, action, subscription_id "
                        + "from pc_offer_acceptance_line where acceptance_id = ? and execution_id is not null "
                        + "order by line_no")
                .param(acceptanceId)
                .query((rs, n) -> new AcceptedLine(rs.getInt("line_no"), rs.getString("sku_code"),
                        rs.getInt("licenses"), rs.getString("action"), rs.getObject("subscription_id", Long.class)))
                .list();
        return taken.isEmpty() ? Optional.empty() : Optional.of(taken.get(taken.size() - 1));
    }

    /**
     * Binds the first accepted line (in line order) that no loop execution works on yet to {@code executionId}, and
     * returns it; the line it holds already when it holds one (a step run again). Empty when every line is taken.
     */
    public Optional<AcceptedLine> bindNextLine(long acceptanceId, String executionId) {
        Optional<AcceptedLine> held = lineOf(acceptanceId, executionId);
        if (held.isPresent()) {
            return held;
        }
        for (AcceptedLine line : acceptedLines(acceptanceId)) {
            int bound = jdbc.sql("update pc_offer_acceptance_line set execution_id = ? where acceptance_id = ? "
                            + "and line_no = ? and execution_id is null")
                    .params(executionId, acceptanceId, line.lineNo()).update();
            if (bound == 1) {
                return lineOf(acceptanceId, executionId);
            }
        }
        return Optional.empty();
    }

    public void planLine(long acceptanceId, String skuCode, String action, Long subscriptionId) {
        jdbc.sql("update pc_offer_acceptance_line set action = ?, subscription_id = ? where acceptance_id = ? "
                        + "and sku_code = ?")
                .params(action, subscriptionId, acceptanceId, skuCode).update();
    }

    public long countAccepted(long offerId) {
        return jdbc.sql("select count(*) from pc_offer_acceptance oa join pc_acceptance a on a.id = oa.acceptance_id "
                        + "where oa.offer_id = ? and a.status = 'CONFIRMED'")
                .param(offerId).query(Long.class).single();
    }

    private Optional<PurchaseOffer> one(String condition, Object param) {
        return jdbc.sql("select " + COLUMNS + " from pc_purchase_offer where " + condition).param(param)
                .query(this::row).optional().map(this::withLines);
    }

    /**
     * An offer's row without its lines. The lines are read after the row's query has returned its connection:
     * a query inside a row mapper holds the first connection while it waits for a second one, and enough
     * concurrent readers (the accept page under load) then hold the whole pool and wait on each other.
     */
    private PurchaseOffer row(ResultSet rs, int n) throws SQLException {
        return new PurchaseOffer(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("business_key"),
                rs.getLong("partner_id"), rs.getObject("customer_id", Long.class), rs.getLong("link_id"),
                rs.getString("delegated_admin_role"), PurchaseOffer.Status.valueOf(rs.getString("status")), List.of());
    }

    private PurchaseOffer withLines(PurchaseOffer offer) {
        List<PurchaseOffer.Line> lines = jdbc.sql("select line_no, sku_code, licenses from pc_purchase_offer_line "
                        + "where offer_id = ? order by line_no").param(offer.id())
                .query((r, i) -> new PurchaseOffer.Line(r.getInt("line_no"), r.getString("sku_code"), r.getInt("licenses")))
                .list();
        return new PurchaseOffer(offer.id(), offer.processInstanceId(), offer.businessKey(), offer.partnerId(),
                offer.customerId(), offer.linkId(), offer.delegatedAdminRole(), offer.status(), lines);
    }
}
