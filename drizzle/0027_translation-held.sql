-- A language of a published digest changed where a second person must review it before its readers get it:
-- who changed it since its last review (JSON array of user ids); null when not held.
ALTER TABLE `digest_translations` ADD `held_by` text;