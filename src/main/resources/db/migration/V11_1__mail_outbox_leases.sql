-- The mail outbox becomes the durable path of every mail sent outside a process (the accept page's confirmation):
-- a queued row holds what is needed to send it again (payload: the template's model and the ids of the links it
-- carries, never a link's URL), a sender holds a row through a lease (one sender per row at a time across nodes;
-- a row left SENDING by a dead process is taken over once its lease has run out), failed queued rows are retried
-- at next_attempt_at and given up (ABANDONED) when they are too old to matter. takeovers counts the attempts that
-- took over an expired lease: each one may have sent a duplicate (the crash window of an at-least-once sender).
alter table pc_mail add column payload varchar(20000);
alter table pc_mail add column lease_until timestamp;
alter table pc_mail add column claimed_by varchar(100);
alter table pc_mail add column next_attempt_at timestamp;
alter table pc_mail add column takeovers int default 0 not null;
alter table pc_mail drop constraint ck_mail_status;
alter table pc_mail add constraint ck_mail_status check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'ABANDONED'));
create index ix_mail_due on pc_mail (status, next_attempt_at);
