CREATE TABLE `forgotten_addresses` (
	`key_hash` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
