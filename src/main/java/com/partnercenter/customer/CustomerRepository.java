package com.partnercenter.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class CustomerRepository {

    private static final String COLUMNS = "id, name, domain, country, language";
    private static final String ADMIN_COLUMNS = "id, customer_id, user_id, first_name, last_name, email, global_admin";

    private final JdbcClient jdbc;

    public CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Customer> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from pc_customer where id = ?").param(id)
                .query(CustomerRepository::customer).optional();
    }

    public Optional<Customer> findByDomain(String domain) {
        return jdbc.sql("select " + COLUMNS + " from pc_customer where domain = ?")
                .param(domain.toLowerCase(Locale.ROOT)).query(CustomerRepository::customer).optional();
    }

    public Optional<Customer> findByRequestKey(String requestKey) {
        return jdbc.sql("select " + COLUMNS + " from pc_customer where request_key = ?").param(requestKey)
                .query(CustomerRepository::customer).optional();
    }

    /**
     * Inserts a customer.
     * The unique constraints on domain and request key guard against duplicates.
     */
    public Customer insert(String name, String domain, String country, String language, String requestKey) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into pc_customer (name, name_lower, domain, country, language, request_key) "
                        + "values (?,?,?,?,?,?)")
                .params(name, name.toLowerCase(Locale.ROOT), domain.toLowerCase(Locale.ROOT),
                        country.toUpperCase(Locale.ROOT), language, requestKey)
                .update(keys, "id");
        return new Customer(keys.getKey().longValue(), name, domain.toLowerCase(Locale.ROOT),
                country.toUpperCase(Locale.ROOT), language);
    }

    /** The customer's administrators (who get its mails and tasks). */
    public List<CustomerAdmin> findAdmins(long customerId) {
        return jdbc.sql("select " + ADMIN_COLUMNS + " from pc_customer_admin where customer_id = ? and global_admin "
                        + "order by id")
                .param(customerId).query(CustomerRepository::admin).list();
    }

    /** The administrator row of a sign-in id, if the user is a customer's administrator. */
    public Optional<CustomerAdmin> findAdminByUserId(String userId) {
        return jdbc.sql("select " + ADMIN_COLUMNS + " from pc_customer_admin where user_id = ? and global_admin")
                .param(userId).query(CustomerRepository::admin).optional();
    }

    /** The row of a sign-in id of a customer's user, administrator or not. */
    public Optional<CustomerAdmin> findUserByUserId(String userId) {
        return jdbc.sql("select " + ADMIN_COLUMNS + " from pc_customer_admin where user_id = ?")
                .param(userId).query(CustomerRepository::admin).optional();
    }

    /** True when a user of any customer has this sign-in id. */
    public boolean userIdTaken(String userId) {
        return jdbc.sql("select count(*) from pc_customer_admin where user_id = ?").param(userId).query(Long.class)
                .single() > 0;
    }

    /** Every user of the customer: its administrators and the users who are not ({@code globalAdmin} false). */
    /** Sign-in ids of every customer administrator (their accounts may not exist yet). */
    public List<String> findAdminUserIds() {
        return jdbc.sql("select user_id from pc_customer_admin where global_admin = true order by id")
                .query(String.class).list();
    }

    public List<CustomerAdmin> findUsers(long customerId) {
        return jdbc.sql("select " + ADMIN_COLUMNS + " from pc_customer_admin where customer_id = ? order by id")
                .param(customerId).query(CustomerRepository::admin).list();
    }

    public Optional<CustomerAdmin> findAdminByEmail(long customerId, String email) {
        return jdbc.sql("select " + ADMIN_COLUMNS + " from pc_customer_admin where customer_id = ? and email_lower = ?")
                .params(customerId, email.toLowerCase(Locale.ROOT)).query(CustomerRepository::admin).optional();
    }

    public CustomerAdmin insertAdmin(long customerId, String userId, String firstName, String lastName, String email,
            boolean globalAdmin) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into pc_customer_admin (customer_id, user_id, first_name, last_name, email, email_lower, "
                        + "global_admin) values (?,?,?,?,?,?,?)")
                .params(customerId, userId, firstName, lastName, email, email.toLowerCase(Locale.ROOT), globalAdmin)
                .update(keys, "id");
        return new CustomerAdmin(keys.getKey().longValue(), customerId, userId, firstName, lastName, email,
                globalAdmin);
    }

    /** An admin row for a sign-in id chosen by the caller (demo data and imports). */
    public CustomerAdmin insertAdminWithUserId(Customer customer, String userId, String firstName, String lastName,
            String email) {
        return insertAdmin(customer.id(), userId, firstName, lastName, email, true);
    }

    /** Records that a partner manages a customer (partner of record or authorized service provider). */
    public void linkPartner(long partnerId, long customerId) {
        jdbc.sql("insert into pc_partner_customer (partner_id, customer_id) select ?, ? where not exists "
                        + "(select 1 from pc_partner_customer where partner_id = ? and customer_id = ?)")
                .params(partnerId, customerId, partnerId, customerId).update();
    }

    /** Language of the customer whose admin has this address, if it is one. */
    public Optional<String> languageOfAdmin(String email) {
        return jdbc.sql("select c.language from pc_customer c join pc_customer_admin a on a.customer_id = c.id "
                        + "where a.email_lower = ? order by a.id")
                .param(email.toLowerCase(Locale.ROOT)).query(String.class).list().stream().map(String::trim).findFirst();
    }

    public boolean isPartnerOf(long partnerId, long customerId) {
        return jdbc.sql("select count(*) from pc_partner_customer where partner_id = ? and customer_id = ?")
                .params(partnerId, customerId).query(Long.class).single() > 0;
    }

    public long countForPartner(long partnerId) {
        return jdbc.sql("select count(*) from pc_partner_customer where partner_id = ?").param(partnerId)
                .query(Long.class).single();
    }

    static Customer customer(ResultSet rs, int row) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("name"), rs.getString("domain"),
                rs.getString("country").trim(), rs.getString("language").trim());
    }

    static CustomerAdmin admin(ResultSet rs, int row) throws SQLException {
        return new CustomerAdmin(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("user_id"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"),
                rs.getBoolean("global_admin"));
    }
}
