package com.partnercenter.partner;

import com.partnercenter.platform.CommandCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class PartnerRepository {

    private static final String PARTNER_COLUMNS = "id, advisor_code, tenant_id, name, address_line, postal_code, city, "
            + "country, phone, support_email, website, default_language, subscription_advisor, delegated_admin, "
            + "authorized_service_provider";
    private static final String USER_COLUMNS =
            "id, partner_id, user_id, first_name, last_name, email, language, company_role, supported_access";

    private static final String PARTNER = "pc_partner";
    private static final String PARTNER_USER = "pc_partner_user";

    private final JdbcClient jdbc;

    public PartnerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        return jdbc.sql("select count(*) from pc_partner").query(Long.class).single();
    }

    /** The partner; read once per engine command ({@link CommandCache}), evicted by the writes here. */
    public Optional<Partner> findById(long id) {
        return CommandCache.get(PARTNER, id, () -> jdbc.sql("select " + PARTNER_COLUMNS + " from pc_partner where id = ?")
                .param(id).query(PartnerRepository::partner).optional());
    }

    public Optional<Partner> findByAdvisorCode(String advisorCode) {
        return jdbc.sql("select " + PARTNER_COLUMNS + " from pc_partner where advisor_code = ?")
                .param(advisorCode).query(PartnerRepository::partner).optional();
    }

    /** The partner of a tenant (each partner has its own). */
    public Optional<Partner> findByTenantId(String tenantId) {
        return tenantId == null ? Optional.empty()
                : jdbc.sql("select " + PARTNER_COLUMNS + " from pc_partner where tenant_id = ?")
                        .param(tenantId).query(PartnerRepository::partner).optional();
    }

    public List<Partner> findAll() {
        return jdbc.sql("select " + PARTNER_COLUMNS + " from pc_partner order by name")
                .query(PartnerRepository::partner).list();
    }

    public long insert(Partner p) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into pc_partner (advisor_code, tenant_id, name, address_line, postal_code, city, country, "
                        + "phone, support_email, website, default_language, subscription_advisor, delegated_admin, "
                        + "authorized_service_provider) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(p.advisorCode(), p.tenantId(), p.name(), p.addressLine(), p.postalCode(), p.city(),
                        p.country(), p.phone(), p.supportEmail(), p.website(), p.defaultLanguage(),
                        p.has(ProgramAuthorization.SUBSCRIPTION_ADVISOR), p.has(ProgramAuthorization.DELEGATED_ADMIN),
                        p.has(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The partner user; read once per engine command ({@link CommandCache}), evicted by the writes here. */
    public Optional<PartnerUser> findUserByUserId(String userId) {
        return CommandCache.get(PARTNER_USER, userId, () -> jdbc.sql("select " + USER_COLUMNS
                + " from pc_partner_user where user_id = ?").param(userId).query(PartnerRepository::user).optional());
    }

    public Optional<PartnerUser> findUserById(long id) {
        return jdbc.sql("select " + USER_COLUMNS + " from pc_partner_user where id = ?")
                .param(id).query(PartnerRepository::user).optional();
    }

    /** Changes the company profile (name, address, phone, support e-mail, website); true when the row exists. */
    public boolean updateProfile(Partner p) {
        CommandCache.evict(PARTNER, p.id());
        return jdbc.sql("update pc_partner set name = ?, address_line = ?, postal_code = ?, city = ?, country = ?, "
                        + "phone = ?, support_email = ?, website = ? where id = ?")
                .params(p.name(), p.addressLine(), p.postalCode(), p.city(), p.country(), p.phone(),
                        p.supportEmail(), p.website(), p.id())
                .update() == 1;
    }

    /** Sets the partner's program authorizations (operators only; see ProgramAuthorizationsApiController). */
    public void updateAuthorizations(long partnerId, java.util.Set<ProgramAuthorization> authorizations) {
        CommandCache.evict(PARTNER, partnerId);
        jdbc.sql("update pc_partner set subscription_advisor = ?, delegated_admin = ?, authorized_service_provider = ? "
                        + "where id = ?")
                .params(authorizations.contains(ProgramAuthorization.SUBSCRIPTION_ADVISOR),
                        authorizations.contains(ProgramAuthorization.DELEGATED_ADMIN),
                        authorizations.contains(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER), partnerId)
                .update();
    }

    /** Changes a user's name, e-mail, language and both access settings. */
    public void updateUser(PartnerUser u) {
        CommandCache.evict(PARTNER_USER, u.userId());
        jdbc.sql("update pc_partner_user set first_name = ?, last_name = ?, email = ?, language = ?, company_role = ?, "
                        + "supported_access = ? where id = ?")
                .params(u.firstName(), u.lastName(), u.email(), u.language(), u.companyRole().name(),
                        u.supportedAccess().name(), u.id())
                .update();
    }

    /**
     * Locks the partner's row until the end of the transaction: changes of its users' access are serialized, so
     * two admins demoting each other at once cannot leave the partner without a global admin.
     */
    public void lock(long partnerId) {
        jdbc.sql("select id from pc_partner where id = ? for update").param(partnerId).query(Long.class).optional();
    }

    public long countGlobalAdmins(long partnerId) {
        return jdbc.sql("select count(*) from pc_partner_user where partner_id = ? and company_role = 'GLOBAL_ADMIN'")
                .param(partnerId).query(Long.class).single();
    }

    public List<PartnerUser> findUsers(long partnerId) {
        return jdbc.sql("select " + USER_COLUMNS + " from pc_partner_user where partner_id = ? order by last_name, first_name")
                .param(partnerId).query(PartnerRepository::user).list();
    }

    public long insertUser(PartnerUser u) {
        CommandCache.evict(PARTNER_USER, u.userId());
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into pc_partner_user (partner_id, user_id, first_name, last_name, email, language, "
                        + "company_role, supported_access) values (?,?,?,?,?,?,?,?)")
                .params(u.partnerId(), u.userId(), u.firstName(), u.lastName(), u.email(), u.language(),
                        u.companyRole().name(), u.supportedAccess().name())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    static Partner partner(ResultSet rs, int row) throws SQLException {
        return new Partner(rs.getLong("id"), rs.getString("advisor_code"), rs.getString("tenant_id"),
                rs.getString("name"), rs.getString("address_line"), rs.getString("postal_code"),
                rs.getString("city"), rs.getString("country").trim(), rs.getString("phone"),
                rs.getString("support_email"), rs.getString("website"), rs.getString("default_language").trim(),
                Partner.authorizations(rs.getBoolean("subscription_advisor"), rs.getBoolean("delegated_admin"),
                        rs.getBoolean("authorized_service_provider")));
    }

    static PartnerUser user(ResultSet rs, int row) throws SQLException {
        return new PartnerUser(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("user_id"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"),
                rs.getString("language").trim(), CompanyRole.valueOf(rs.getString("company_role")),
                SupportedAccess.valueOf(rs.getString("supported_access")));
    }
}
