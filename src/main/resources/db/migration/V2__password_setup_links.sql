-- Set-password links of new customer admins: single-use links that name the account they open.
alter table pc_link add column user_id varchar(64);
alter table pc_link drop constraint ck_link_type;
alter table pc_link add constraint ck_link_type check (link_type in
    ('TRIAL_INVITATION', 'PURCHASE_OFFER', 'DELEGATED_ADMIN', 'EMAIL_CONFIRMATION', 'CUSTOMER_SIGNUP',
     'PASSWORD_SETUP'));
create index ix_link_user on pc_link (user_id);
alter table pc_link add constraint fk_link_acceptance foreign key (acceptance_id) references pc_acceptance (id);
