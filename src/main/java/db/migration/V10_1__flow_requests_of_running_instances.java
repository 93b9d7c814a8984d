package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The request rows (V10) of the flow instances that were already running when V10 arrived: their later steps and the
 * provisioning worker read who, for whom and what from pc_flow_request, so each running instance of a flow that
 * records one gets its row, from what its first steps had set as variables (checked by those steps then): the
 * partner, the user who started it, the customer, the acceptance, a trial's SKU, delegated administration asked for,
 * a new customer's details. On a new database the engine's tables do not exist yet and there is nothing to do.
 */
public class V10_1__flow_requests_of_running_instances extends BaseJavaMigration {

    /** The flows whose steps read a request row. */
    static final Set<String> FLOWS = Set.of("customerSignup", "trialInvitation", "trialAcceptance", "purchaseOffer",
            "purchaseOfferAcceptance", "productKeySetup", "delegatedAdmin");

    @Override
    public void migrate(Context context) throws Exception {
        backfill(context.getConnection());
    }

    /** Adds the missing rows; returns how many. */
    public static int backfill(Connection connection) throws SQLException {
        if (!exists(connection.getMetaData(), "act_ru_execution")) {
            return 0;
        }
        record Instance(String id, String key, String tenant, String businessKey) {}
        List<Instance> instances = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select e.id_, d.key_, e.tenant_id_, "
                + "e.business_key_ from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_ "
                + "where e.id_ = e.proc_inst_id_ and e.tenant_id_ is not null and not exists "
                + "(select 1 from pc_flow_request r where r.process_instance_id = e.id_)");
                ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (FLOWS.contains(rs.getString(2))) {
                    instances.add(new Instance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        int added = 0;
        for (Instance instance : instances) {
            Map<String, Object> v = variables(connection, instance.id());
            Long partnerId = number(v.get("partnerId"));
            if (partnerId == null || !partnerExists(connection, partnerId)) {
                continue; // refused before its request was due: its refusal path reads no row
            }
            String role = bool(v.get("includeDelegatedAdmin")) ? text(v.get("delegatedAdminRole"))
                    : instance.key().equals("delegatedAdmin") || bool(v.get("offerDelegatedAdmin"))
                            ? text(v.get("adminRole")) : null;
            Long customer = number(v.get("customerId")) != null ? number(v.get("customerId"))
                    : number(v.get("targetCustomerId"));
            boolean newCustomer = bool(v.get("newCustomer"));
            try (PreparedStatement insert = connection.prepareStatement("insert into pc_flow_request "
                    + "(process_instance_id, process_key, tenant_id, business_key, partner_id, requested_by, "
                    + "customer_id, customer_created, acceptance_id, sku_code, delegated_admin_role, new_customer_name, "
                    + "new_customer_domain, new_customer_country, new_customer_language, admin_first_name, "
                    + "admin_last_name, admin_email) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                insert.setString(1, instance.id());
                insert.setString(2, instance.key());
                insert.setString(3, instance.tenant());
                insert.setString(4, instance.businessKey());
                insert.setLong(5, partnerId);
                insert.setString(6, text(v.get("initiator")));
                insert.setObject(7, customer);
                insert.setBoolean(8, bool(v.get("customerCreated")));
                insert.setObject(9, number(v.get("acceptanceId")));
                insert.setString(10, instance.key().startsWith("trial") ? text(v.get("skuCode")) : null);
                insert.setString(11, "FULL".equals(role) || "LIMITED".equals(role) ? role : null);
                insert.setString(12, newCustomer ? text(v.get("customerName")) : null);
                insert.setString(13, newCustomer ? text(v.get("customerDomain")) : null);
                insert.setString(14, newCustomer ? text(v.get("customerCountry")) : null);
                insert.setString(15, newCustomer ? text(v.get("customerLanguage")) : null);
                insert.setString(16, newCustomer ? text(v.get("adminFirstName")) : null);
                insert.setString(17, newCustomer ? text(v.get("adminLastName")) : null);
                insert.setString(18, newCustomer ? text(v.get("adminEmail")) : null);
                added += insert.executeUpdate();
            }
        }
        return added;
    }

    /** The instance's own variables (not those of its sub-executions): long, boolean and string values. */
    private static Map<String, Object> variables(Connection connection, String instanceId) throws SQLException {
        Map<String, Object> variables = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("select name_, type_, long_, text_ from "
                + "act_ru_variable where proc_inst_id_ = ? and execution_id_ = proc_inst_id_")) {
            query.setString(1, instanceId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    long number = rs.getLong(3);
                    boolean isNull = rs.wasNull();
                    Object value = switch (type == null ? "" : type) {
                        case "long", "integer", "short" -> isNull ? null : number;
                        case "boolean" -> isNull ? null : number == 1;
                        case "string" -> rs.getString(4);
                        default -> null;
                    };
                    variables.put(rs.getString(1), value);
                }
            }
        }
        return variables;
    }

    private static boolean partnerExists(Connection connection, long partnerId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select count(*) from pc_partner where id = ?")) {
            query.setLong(1, partnerId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static boolean exists(DatabaseMetaData metadata, String table) throws SQLException {
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = metadata.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static boolean bool(Object value) {
        return Boolean.TRUE.equals(value);
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
