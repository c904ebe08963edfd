CREATE TABLE `roster_surnames` (
	`hash` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE `digests` ADD `submitted_by` integer;--> statement-breakpoint
ALTER TABLE `digests` ADD `submitted_at` integer;--> statement-breakpoint
ALTER TABLE `digests` ADD `approved_by` integer;--> statement-breakpoint
ALTER TABLE `digests` ADD `approved_version` integer;