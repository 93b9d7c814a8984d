package com.partnercenter.catalogue;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CatalogueRepository {

    private static final String COLUMNS = "code, name, trial_allowed, trial_days, trial_licenses, min_licenses, "
            + "max_licenses, term_months, sellable";

    private final JdbcClient jdbc;

    public CatalogueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Sku> find(String code) {
        return jdbc.sql("select " + COLUMNS + " from pc_sku where code = ?").param(code)
                .query(Sku.class).optional();
    }

    public List<Sku> findAll() {
        return jdbc.sql("select " + COLUMNS + " from pc_sku order by name").query(Sku.class).list();
    }

    /** Changes every field of an existing SKU (its code stays). */
    public void update(Sku s) {
        jdbc.sql("update pc_sku set name = ?, trial_allowed = ?, trial_days = ?, trial_licenses = ?, min_licenses = ?, "
                        + "max_licenses = ?, term_months = ?, sellable = ? where code = ?")
                .params(s.name(), s.trialAllowed(), s.trialDays(), s.trialLicenses(), s.minLicenses(), s.maxLicenses(),
                        s.termMonths(), s.sellable(), s.code())
                .update();
    }

    public void insert(Sku s) {
        jdbc.sql("insert into pc_sku (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?)")
                .params(s.code(), s.name(), s.trialAllowed(), s.trialDays(), s.trialLicenses(), s.minLicenses(),
                        s.maxLicenses(), s.termMonths(), s.sellable())
                .update();
    }
}
