package com.partnercenter.productkey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ProductKeyRepository {

    private final JdbcClient jdbc;

    public ProductKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String normalizedKey, long partnerId, String skuCode, int licenses, int termMonths) {
        jdbc.sql("insert into pc_product_key (key_code, partner_id, sku_code, licenses, term_months) values (?,?,?,?,?)")
                .params(normalizedKey, partnerId, skuCode, licenses, termMonths).update();
    }

    public long countUnused(long partnerId) {
        return jdbc.sql("select count(*) from pc_product_key where partner_id = ? and redeemed_at is null")
                .param(partnerId).query(Long.class).single();
    }
}
