-- Sources added by the command line or an API token without a name recorded the adder as their authorizer.
-- Nobody is recorded now (the adder stays in the audit log), so the Sources page asks for the name.
UPDATE `sources` SET `authorized_by` = NULL WHERE `authorized_by` = 'command line' OR `authorized_by` LIKE 'API token “%';
