-- When an entry's picture alone was taken down, so feeds can say the entry changed then.
ALTER TABLE `digest_entries` ADD `picture_removed_at` integer;