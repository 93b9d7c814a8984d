-- The loop execution that works on an accepted offer line ("Read the line" binds it): later steps of the line and the
-- provisioning worker find the line by the execution they run in, never by a variable naming its SKU.
alter table pc_offer_acceptance_line add column execution_id varchar(64);
