CREATE TABLE `digest_entry_translations` (
	`digest_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`lang` text NOT NULL,
	`headline` text DEFAULT '' NOT NULL,
	`blurb` text DEFAULT '' NOT NULL,
	`image_alt` text DEFAULT '' NOT NULL,
	`machine_fields` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`digest_id`, `lang`, `item_id`),
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `digest_translations` (
	`digest_id` integer NOT NULL,
	`lang` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`intro` text DEFAULT '' NOT NULL,
	`machine_fields` text DEFAULT '[]' NOT NULL,
	`reviewed_version` integer,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`correction_note` text,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	PRIMARY KEY(`digest_id`, `lang`),
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE no action
);
