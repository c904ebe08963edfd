ALTER TABLE `pictures` ADD `looks` text;--> statement-breakpoint
CREATE INDEX `pictures_state_idx` ON `pictures` (`state`);