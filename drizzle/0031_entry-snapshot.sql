ALTER TABLE `digest_entries` ADD `source_title` text;--> statement-breakpoint
ALTER TABLE `digest_entries` ADD `post_url` text;--> statement-breakpoint
ALTER TABLE `digest_entries` ADD `post_author` text;--> statement-breakpoint
UPDATE `digest_entries` SET
  `source_title` = coalesce((SELECT `sources`.`title` FROM `items` JOIN `sources` ON `sources`.`id` = `items`.`source_id` WHERE `items`.`id` = `digest_entries`.`item_id`), ''),
  `post_url` = coalesce((SELECT `items`.`url` FROM `items` WHERE `items`.`id` = `digest_entries`.`item_id`), ''),
  `post_author` = coalesce((SELECT `items`.`author` FROM `items` WHERE `items`.`id` = `digest_entries`.`item_id`), '');
