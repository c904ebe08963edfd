-- The version a contributor submitted for review: the desk says when the draft was changed since.
ALTER TABLE `digests` ADD `submitted_version` integer;