ALTER TABLE `sources` ADD `welcomed_owner` text;--> statement-breakpoint
-- Owners of the feeds already read are not welcomed on upgrade: only an owner added, changed or authorized from now on.
UPDATE `sources` SET `welcomed_owner` = lower(trim(`owner_email`)) WHERE `owner_email` IS NOT NULL AND `owner_email` <> '' AND `authorization` <> 'pending';
