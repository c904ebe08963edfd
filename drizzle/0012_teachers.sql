CREATE TABLE `owner_opt_outs` (
	`email_key` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `messages` ADD `source_id` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `digest_id` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `once_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `messages_once_key_unique` ON `messages` (`once_key`);--> statement-breakpoint
ALTER TABLE `sources` ADD `renewed_by` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `renewed_at` integer;--> statement-breakpoint
ALTER TABLE `sources` ADD `broken_notice_open` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sources` ADD `broken_notice_at` integer;