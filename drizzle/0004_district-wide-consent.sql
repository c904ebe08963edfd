ALTER TABLE `schools` ADD `district_wide` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `consent_schools` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `pending_email` text;