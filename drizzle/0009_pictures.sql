CREATE TABLE `picture_files` (
	`name` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`purpose` text NOT NULL,
	`type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob,
	`removed_at` integer
);
--> statement-breakpoint
CREATE INDEX `picture_files_key_idx` ON `picture_files` (`key`);--> statement-breakpoint
CREATE TABLE `pictures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_url` text NOT NULL,
	`state` text NOT NULL,
	`reason` text,
	`key` text,
	`width` integer,
	`height` integer,
	`fetched_at` integer NOT NULL,
	`removed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pictures_source_url_unique` ON `pictures` (`source_url`);--> statement-breakpoint
CREATE INDEX `pictures_key_idx` ON `pictures` (`key`);