CREATE TABLE `digest_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`digest_id` integer NOT NULL,
	`at` integer NOT NULL,
	`note` text NOT NULL,
	`user_id` integer,
	`emailed` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `digest_corrections_digest_idx` ON `digest_corrections` (`digest_id`,`at`);--> statement-breakpoint
CREATE TABLE `job_marks` (
	`key` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `site_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `digests` ADD `scheduled_for` integer;