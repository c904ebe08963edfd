CREATE TABLE `social_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network` text NOT NULL,
	`server` text NOT NULL,
	`login` text DEFAULT '' NOT NULL,
	`remote_id` text NOT NULL,
	`name` text NOT NULL,
	`secret` text,
	`status` text DEFAULT 'active' NOT NULL,
	`status_reason` text,
	`connected_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `social_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`digest_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`key` text NOT NULL,
	`correction_id` integer,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`remote_id` text,
	`remote_url` text,
	`remote_cid` text,
	`queued_at` integer NOT NULL,
	`posted_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `social_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`correction_id`) REFERENCES `digest_corrections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `social_posts_once_idx` ON `social_posts` (`digest_id`,`account_id`,`key`);--> statement-breakpoint
CREATE INDEX `social_posts_state_idx` ON `social_posts` (`state`,`next_attempt_at`);