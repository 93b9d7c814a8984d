-- The agreed duration is part of the relationship, not of a process variable a task could overwrite.
alter table pc_delegated_admin_relationship add column duration_days int;
