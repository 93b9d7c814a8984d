package com.partnercenter.servicerequest;

import static com.partnercenter.platform.Rows.instant;

import com.partnercenter.platform.EngineClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class ServiceRequestRepository {

    private static final String COLUMNS = "id, customer_id, partner_id, subject, description, severity, status, "
            + "created_by, created_at, updated_at, business_key, status_changes";

    private final JdbcClient jdbc;

    public ServiceRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new OPEN request; {@code businessKey} is the key of the process that mails its opening. */
    public long insert(long customerId, long partnerId, String subject, String description,
            ServiceRequest.Severity severity, String createdBy, String businessKey) {
        var keys = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(EngineClock.now());
        jdbc.sql("insert into pc_service_request (customer_id, partner_id, subject, description, severity, status, "
                        + "created_by, created_at, updated_at, business_key) values (?,?,?,?,?,'OPEN',?,?,?,?)")
                .params(customerId, partnerId, subject, description, severity.name(), createdBy, now, now,
                        businessKey)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The partner's requests for the customer, newest first. */
    public List<ServiceRequest> findOf(long customerId, long partnerId) {
        return jdbc.sql("select " + COLUMNS + " from pc_service_request where customer_id = ? and partner_id = ? "
                        + "order by created_at desc, id desc")
                .params(customerId, partnerId).query(ServiceRequestRepository::row).list();
    }

    public Optional<ServiceRequest> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from pc_service_request where id = ?").param(id)
                .query(ServiceRequestRepository::row).optional();
    }

    /**
     * Sets the status and counts the change, unless another change came in since {@code request} was read; true
     * when this change was written (its number is {@code request.statusChanges() + 1}).
     */
    public boolean updateStatus(ServiceRequest request, ServiceRequest.Status status) {
        return jdbc.sql("update pc_service_request set status = ?, status_changes = status_changes + 1, updated_at = ? "
                        + "where id = ? and status_changes = ?")
                .params(status.name(), Timestamp.from(EngineClock.now()), request.id(), request.statusChanges())
                .update() == 1;
    }

    static ServiceRequest row(ResultSet rs, int n) throws SQLException {
        return new ServiceRequest(rs.getLong("id"), rs.getLong("customer_id"), rs.getLong("partner_id"),
                rs.getString("subject"), rs.getString("description"),
                ServiceRequest.Severity.valueOf(rs.getString("severity")),
                ServiceRequest.Status.valueOf(rs.getString("status")), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("business_key"),
                rs.getInt("status_changes"));
    }
}
