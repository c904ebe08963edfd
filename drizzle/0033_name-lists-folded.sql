ALTER TABLE `no_release_names` ADD `folded` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `roster_surnames` ADD `folded` integer DEFAULT false NOT NULL;