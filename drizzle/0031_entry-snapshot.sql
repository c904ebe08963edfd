ALTER TABLE `digest_entries` ADD `source_title` text;--> statement-breakpoint
ALTER TABLE `digest_entries` ADD `post_url` text;