-- The values of an audit row's reader sentence (AuditLog.args): the customer page shows its activity in plain
-- words in the reader's language; details stays the operator's line.
alter table pc_audit add column args varchar(2000);
