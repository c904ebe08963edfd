DROP INDEX `deliveries_once_idx`;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `correction_id` integer REFERENCES digest_corrections(id);--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_once_idx` ON `deliveries` (`digest_id`,`subscriber_id`,`kind`,coalesce(`correction_id`, 0));
