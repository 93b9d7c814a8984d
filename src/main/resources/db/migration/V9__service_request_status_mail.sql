-- Service request status changes are mailed (customerServiceRequestStatus). Portable SQL: H2 2.x and PostgreSQL 12+.
-- business_key: the key of the opening's process; each status change runs under it plus -S{n}, n = status_changes
-- after the change (the counter also makes concurrent changes of one request fail instead of both mailing).
alter table pc_service_request add column business_key varchar(64);
alter table pc_service_request add column status_changes integer not null default 0;

-- Requests opened before: their key is on the audit entry of the opening ("#{id} ({severity}): {subject}").
update pc_service_request set business_key = (
    select min(a.business_key) from pc_audit a
    where a.action = 'SERVICE_REQUEST_OPENED' and a.customer_id = pc_service_request.customer_id
      and a.partner_id = pc_service_request.partner_id
      and a.details like '#' || cast(pc_service_request.id as varchar(20)) || ' (%');
