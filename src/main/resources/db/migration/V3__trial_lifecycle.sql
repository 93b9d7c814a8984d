-- The process instance that follows a subscription's lifecycle (a trial's reminders and expiry):
-- a purchase converting the trial correlates to it by this id.
alter table pc_subscription add column process_instance_id varchar(64);
create index ix_subscription_process_instance on pc_subscription (process_instance_id);
