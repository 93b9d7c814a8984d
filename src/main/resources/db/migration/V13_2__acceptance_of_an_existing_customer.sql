-- The existing customer an acceptance was taken for by its signed-in administrator (null for a new organization,
-- which its confirmation from the admin's mailbox creates). The flow's first step records it as the request's
-- customer: nothing a caller sends decides it.
alter table pc_acceptance add column customer_id bigint;
alter table pc_acceptance add constraint fk_acceptance_customer foreign key (customer_id) references pc_customer (id);
