-- One trial per SKU and customer, enforced by customer (not only by the domain of a new organization): every
-- subscription that started as a trial carries customer_id:sku_code, unique. H2 has no partial indexes, hence a
-- column that is null for the others (as pc_delegated_admin_relationship.open_pair).
alter table pc_subscription add column trial_key varchar(100);
update pc_subscription set trial_key = cast(customer_id as varchar(20)) || ':' || sku_code
 where origin = 'TRIAL_INVITATION'
   and id = (select min(s2.id) from pc_subscription s2 where s2.customer_id = pc_subscription.customer_id
             and s2.sku_code = pc_subscription.sku_code and s2.origin = 'TRIAL_INVITATION');
alter table pc_subscription add constraint uq_subscription_trial unique (trial_key);
