package com.partnercenter.productkey;

import static com.partnercenter.platform.Rows.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ProductKeyRepository {

    private static final String COLUMNS = "id, key_code, partner_id, sku_code, licenses, term_months, loaded_at, "
            + "reserved_by, reserved_at, redeemed_at, redeemed_customer_id, redeemed_subscription_id";

    private final JdbcClient jdbc;

    public ProductKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String normalizedKey, long partnerId, String skuCode, int licenses, int termMonths) {
        insert(normalizedKey, partnerId, skuCode, licenses, termMonths, null);
    }

    public void insert(String normalizedKey, long partnerId, String skuCode, int licenses, int termMonths,
            String loadedBy) {
        jdbc.sql("insert into pc_product_key (key_code, partner_id, sku_code, licenses, term_months, loaded_by) "
                        + "values (?,?,?,?,?,?)")
                .params(normalizedKey, partnerId, skuCode, licenses, termMonths, loadedBy).update();
    }

    public long countUnused(long partnerId) {
        return jdbc.sql("select count(*) from pc_product_key where partner_id = ? and redeemed_at is null "
                        + "and reserved_by is null")
                .param(partnerId).query(Long.class).single();
    }

    public Optional<ProductKey> find(String normalizedKey) {
        return jdbc.sql("select " + COLUMNS + " from pc_product_key where key_code = ?").param(normalizedKey)
                .query(ProductKeyRepository::row).optional();
    }

    /** The keys of those given that are in the table (normalized form). */
    public List<String> existing(Collection<String> normalizedKeys) {
        if (normalizedKeys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select key_code from pc_product_key where key_code in (:keys)")
                .param("keys", normalizedKeys).query(String.class).list();
    }

    public List<ProductKey> findByPartner(long partnerId) {
        return jdbc.sql("select " + COLUMNS + " from pc_product_key where partner_id = ? order by loaded_at, id")
                .param(partnerId).query(ProductKeyRepository::row).list();
    }

    /** Keys reserved (and possibly redeemed) by one setup, in key order. */
    public List<ProductKey> findReservedBy(String reservation) {
        return jdbc.sql("select " + COLUMNS + " from pc_product_key where reserved_by = ? order by key_code")
                .param(reservation).query(ProductKeyRepository::row).list();
    }

    /**
     * Reserves an unused key of the partner for one setup: a conditional update, so that of concurrent
     * setups exactly one gets the key. True when this call reserved it (or the same setup holds it already).
     */
    public boolean reserve(String normalizedKey, long partnerId, String reservation, Instant at) {
        int updated = jdbc.sql("update pc_product_key set reserved_by = ?, reserved_at = ? where key_code = ? "
                        + "and partner_id = ? and reserved_by is null and redeemed_at is null")
                .params(reservation, Timestamp.from(at), normalizedKey, partnerId).update();
        if (updated == 1) {
            return true;
        }
        return find(normalizedKey).map(k -> reservation.equals(k.reservedBy()) && k.redeemedAt() == null)
                .orElse(false);
    }

    /** Gives back every key the setup reserved and did not redeem; returns how many. */
    public int release(String reservation) {
        return jdbc.sql("update pc_product_key set reserved_by = null, reserved_at = null where reserved_by = ? "
                        + "and redeemed_at is null")
                .param(reservation).update();
    }

    /** Marks a key reserved by the setup as redeemed; false when the setup does not hold it. */
    public boolean redeem(String normalizedKey, String reservation, long customerId, long subscriptionId, Instant at) {
        return jdbc.sql("update pc_product_key set redeemed_at = ?, redeemed_customer_id = ?, "
                        + "redeemed_subscription_id = ? where key_code = ? and reserved_by = ? and redeemed_at is null")
                .params(Timestamp.from(at), customerId, subscriptionId, normalizedKey, reservation).update() == 1;
    }

    static ProductKey row(ResultSet rs, int n) throws SQLException {
        return new ProductKey(rs.getLong("id"), rs.getString("key_code").trim(), rs.getLong("partner_id"),
                rs.getString("sku_code"), rs.getInt("licenses"), rs.getInt("term_months"),
                instant(rs, "loaded_at"), rs.getString("reserved_by"), instant(rs, "reserved_at"),
                instant(rs, "redeemed_at"), rs.getObject("redeemed_customer_id", Long.class),
                rs.getObject("redeemed_subscription_id", Long.class));
    }
}
