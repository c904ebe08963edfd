-- A correction waiting for a second person's approval, where the district requires one.
ALTER TABLE `digests` ADD `pending_correction` text;--> statement-breakpoint
ALTER TABLE `digests` ADD `pending_correction_by` integer;--> statement-breakpoint
ALTER TABLE `digests` ADD `pending_correction_at` integer;