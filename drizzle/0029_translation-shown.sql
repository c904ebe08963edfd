-- A language held for a second person's review: what its readers had when it was first held, which they keep
-- reading until the review (JSON); null when they had none of it or it is not held. A language held before
-- this migration keeps showing the district's own text until it is reviewed.
ALTER TABLE `digest_translations` ADD `shown` text;
