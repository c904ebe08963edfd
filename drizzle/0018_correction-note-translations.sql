CREATE TABLE `correction_note_translations` (
	`correction_id` integer NOT NULL,
	`lang` text NOT NULL,
	`note` text NOT NULL,
	PRIMARY KEY(`correction_id`, `lang`),
	FOREIGN KEY (`correction_id`) REFERENCES `digest_corrections`(`id`) ON UPDATE no action ON DELETE no action
);
