-- A language of a published digest saved where a second person must review it before its readers get it.
ALTER TABLE `digest_translations` ADD `held` integer DEFAULT false NOT NULL;