CREATE TABLE `no_release_names` (
	`hash` text PRIMARY KEY NOT NULL
);
