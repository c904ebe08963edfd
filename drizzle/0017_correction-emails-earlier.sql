-- Correction emails queued before 0016 told of the digest's one emailed correction (the desk allowed only one):
-- name it, so each is sent about that correction, not whichever is latest when it goes out.
UPDATE `deliveries` SET `correction_id` = (SELECT max(`id`) FROM `digest_corrections` WHERE `digest_corrections`.`digest_id` = `deliveries`.`digest_id` AND `digest_corrections`.`emailed` = 1) WHERE `kind` = 'correction' AND `correction_id` IS NULL;
