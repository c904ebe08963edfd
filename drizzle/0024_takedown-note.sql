-- Takedown notes to a feed's owner: the post taken down, and the coordinator's words for them (if any).
ALTER TABLE `messages` ADD `item_id` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `note` text;