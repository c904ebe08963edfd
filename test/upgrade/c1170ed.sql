-- A district's database as Yesterday c1170ed (the first district day, migrations 0000-0006) wrote it, for
-- test/upgrade.test.ts. Made on 2026-12-05 by running that release's `demo` and then, through its JSON API and
-- public pages: the digest of 2026-12-04 saved with four posts and published (emailed to both subscribers), a
-- correction with a note, emailed, one post taken down, one parent unsubscribed by their email's one-click link,
-- and district_name set with `settings:set`. Dumped with Python's sqlite3 `iterdump`. The coordinator's password
-- is U5s8uLJ18klo, the API token yd_5qYhuk6uukgmteWJJ7mM1EAjp197xuJUbicRiI8obzg.
BEGIN TRANSACTION;
CREATE TABLE "__drizzle_migrations" (
				id SERIAL PRIMARY KEY,
				hash text NOT NULL,
				created_at numeric
			);
INSERT INTO "__drizzle_migrations" VALUES(NULL,'d633f76983614ae38e6be4e153fdd087dc8fca7a5890016d93d5edf2af6f7388',1795270180026);
INSERT INTO "__drizzle_migrations" VALUES(NULL,'4db44a3c120543584e743cb553813a8220ec2f1aea004a16bb2c53f0c3cf7153',1795272173985);
INSERT INTO "__drizzle_migrations" VALUES(NULL,'b7f388548ffc89402e1e5385414a742322dab0dc52ed7c42e977005689ef71a3',1795273156397);
INSERT INTO "__drizzle_migrations" VALUES(NULL,'0aba069938dad1ae7c374cfc47ec4def5ec4778c130bc595994f9bd83dee2a36',1795275798119);
INSERT INTO "__drizzle_migrations" VALUES(NULL,'7efc977bfcab43e61b922ad010b8bd785c1fce42e4fde3caca3b67e9a1fac8f9',1795278768342);
INSERT INTO "__drizzle_migrations" VALUES(NULL,'1180bd210a5e8d84621540dac2f54c29add99861871850b7e9bfddc7d5ed7ab1',1795323512476);
INSERT INTO "__drizzle_migrations" VALUES(NULL,'1335d0772fd546b4acdfaa215ede6771f2a50e5a545490a1e640f79a973956f1',1795323748652);
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
INSERT INTO "api_tokens" VALUES(1,'up','admin','430a9c77269c77c3fb199af6f1c35ae1c6135505d17ba60e7c35f210b483238c',1796505068758,1796505071590,NULL);
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text,
	`subject_id` text,
	`details` text DEFAULT '{}' NOT NULL,
	`ip` text
);
INSERT INTO "audit_log" VALUES(1,1796505051088,'cli',NULL,'command line','source.add','source','1','{"url":"http://127.0.0.1:3998/demo/feeds/rivera.xml","school":"Lincoln Elementary","mediaRelease":true}',NULL);
INSERT INTO "audit_log" VALUES(2,1796505051088,'cli',NULL,'command line','source.add','source','2','{"url":"http://127.0.0.1:3998/demo/feeds/library.xml","school":"Lincoln Elementary","mediaRelease":false}',NULL);
INSERT INTO "audit_log" VALUES(3,1796505051088,'cli',NULL,'command line','source.add','source','3','{"url":"http://127.0.0.1:3998/demo/feeds/science.xml","school":"Riverside Middle School","mediaRelease":true}',NULL);
INSERT INTO "audit_log" VALUES(4,1796505051088,'cli',NULL,'command line','source.add','source','4','{"url":"http://127.0.0.1:3998/demo/feeds/art.json","school":"Oak Hill High School","mediaRelease":true}',NULL);
INSERT INTO "audit_log" VALUES(5,1796505051088,'cli',NULL,'command line','source.add','source','5','{"url":"http://127.0.0.1:3998/demo/feeds/robotics.xml","school":"Oak Hill High School","mediaRelease":true}',NULL);
INSERT INTO "audit_log" VALUES(6,1796505051980,'cli',NULL,'command line','digest.publish','digest','1','{}',NULL);
INSERT INTO "audit_log" VALUES(7,1796505068758,'cli',NULL,'command line','api_token.create','api_token',NULL,'{"name":"up","role":"admin"}',NULL);
INSERT INTO "audit_log" VALUES(8,1796505079360,'api',1,'API token “up”','digest.publish','digest','2','{}','127.0.0.1');
INSERT INTO "audit_log" VALUES(9,1796505084151,'api',1,'API token “up”','digest.correct','digest','2','{"note":"The volcano lab was at Riverside, not Oak Hill; we fixed the school name.","removed":[],"email":true}','127.0.0.1');
INSERT INTO "audit_log" VALUES(10,1796505090852,'api',1,'API token “up”','entry.takedown','digest','2','{"itemId":5,"reason":"A family asked us to remove it."}','127.0.0.1');
INSERT INTO "audit_log" VALUES(11,1796505096382,'public',NULL,'subscriber 2','subscriber.unsubscribe','subscriber','2','{}','127.0.0.1');
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`digest_id` integer NOT NULL,
	`subscriber_id` integer NOT NULL,
	`kind` text DEFAULT 'digest' NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`message_id` text,
	`queued_at` integer NOT NULL,
	`sent_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
INSERT INTO "deliveries" VALUES(1,1,1,'digest','sent',1,0,NULL,'<digest-2026-12-03-1@localhost>',1796505051980,1796505052037,1796505052037);
INSERT INTO "deliveries" VALUES(2,1,2,'digest','sent',1,0,NULL,'<digest-2026-12-03-2@localhost>',1796505051980,1796505052036,1796505052036);
INSERT INTO "deliveries" VALUES(3,2,1,'digest','sent',1,0,NULL,'<digest-2026-12-04-3@localhost>',1796505079360,1796505079506,1796505079506);
INSERT INTO "deliveries" VALUES(4,2,2,'digest','sent',1,0,NULL,'<digest-2026-12-04-4@localhost>',1796505079360,1796505079507,1796505079507);
INSERT INTO "deliveries" VALUES(5,2,1,'correction','sent',1,0,NULL,'<correction-2026-12-04-5@localhost>',1796505084151,1796505084219,1796505084219);
INSERT INTO "deliveries" VALUES(6,2,2,'correction','sent',1,0,NULL,'<correction-2026-12-04-6@localhost>',1796505084151,1796505084219,1796505084219);
CREATE TABLE `digest_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`digest_id` integer NOT NULL,
	`at` integer NOT NULL,
	`note` text NOT NULL,
	`user_id` integer,
	`emailed` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE no action
);
INSERT INTO "digest_corrections" VALUES(1,2,1796505084151,'The volcano lab was at Riverside, not Oak Hill; we fixed the school name.',NULL,1);
CREATE TABLE `digest_entries` (
	`digest_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`position` integer NOT NULL,
	`headline` text NOT NULL,
	`blurb` text DEFAULT '' NOT NULL,
	`image_url` text,
	`image_alt` text,
	`removed_at` integer,
	`removed_reason` text,
	PRIMARY KEY(`digest_id`, `item_id`),
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
INSERT INTO "digest_entries" VALUES(1,3,0,'Counting by fives at the market','We set up a pretend market and paid for apples with nickels. Everyone can now count by fives to one hundred.',NULL,NULL,NULL,NULL);
INSERT INTO "digest_entries" VALUES(1,7,1,'Microscope day','We looked at onion skin cells under the microscope and drew what we saw.',NULL,NULL,NULL,NULL);
INSERT INTO "digest_entries" VALUES(2,1,0,'Our bean plants sprouted!','After two weeks of watering and measuring, every bean in our window garden has sprouted. Maya counted 14 leaves on the tallest plant and the class graphed the growth together.','http://127.0.0.1:3998/demo/images/sprouts.svg','Bean sprouts in cups',NULL,NULL);
INSERT INTO "digest_entries" VALUES(2,9,1,'Robotics team qualifies for regionals','Our team’s robot stacked 42 cones in the final match. Watch the highlights!','http://127.0.0.1:3998/demo/images/robot.svg','Our team’s robot stacked 42 cones in the final match. Watch the highlights!',NULL,NULL);
INSERT INTO "digest_entries" VALUES(2,6,2,'Volcano lab: measuring the eruption','The class measured the lava flow.','http://127.0.0.1:3998/demo/images/volcano.svg','A model volcano made of clay on a lab table',NULL,NULL);
INSERT INTO "digest_entries" VALUES(2,5,3,'Thank you to the families who volunteered at the book fair this week.','Thank you to the families who volunteered at the book fair this week. We raised enough for 60 new books.',NULL,NULL,1796505090852,'A family asked us to remove it.');
CREATE TABLE `digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`intro` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`write_token` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`published_at` integer,
	`published_by` integer,
	`corrected_at` integer,
	`correction_note` text,
	`unpublished_at` integer,
	`unpublish_reason` text
, `submitted_by` integer, `submitted_at` integer, `approved_by` integer, `approved_version` integer, `scheduled_for` integer);
INSERT INTO "digests" VALUES(1,'2026-12-03','published','','A quiet, busy day: markets, microscopes and more.',2,'4Q8PtUcSg7n001YM',1796505051088,1796505051980,NULL,1796505051980,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "digests" VALUES(2,'2026-12-04','published','Sprouts, robots and volcanoes','A busy Friday across the district.',4,'PPBX1Lx8Z0tM6Zh2',1796505079281,1796505090852,NULL,1796505079360,1,1796505084151,'The volcano lab was at Riverside, not Oak Hill; we fixed the school name.',NULL,NULL,NULL,NULL,NULL,NULL,NULL);
CREATE TABLE `finding_overrides` (
	`digest_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`user_id` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`digest_id`, `item_id`, `kind`),
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE no action
);
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`guid` text NOT NULL,
	`url` text,
	`canonical_url` text,
	`title` text NOT NULL,
	`title_derived` integer DEFAULT false NOT NULL,
	`author` text,
	`summary` text DEFAULT '' NOT NULL,
	`content_html` text DEFAULT '' NOT NULL,
	`image_url` text,
	`image_alt` text,
	`video_url` text,
	`categories` text DEFAULT '[]' NOT NULL,
	`published_at` integer NOT NULL,
	`date_estimated` integer DEFAULT false NOT NULL,
	`first_seen_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
INSERT INTO "items" VALUES(1,1,'http://127.0.0.1:3998/?p=100','http://127.0.0.1:3998/demo/posts/rivera-0','127.0.0.1:3998/demo/posts/rivera-0','Our bean plants sprouted!',0,'Mrs. Rivera','After two weeks of watering and measuring, every bean in our window garden has sprouted. Maya counted 14 leaves on the tallest plant and the class graphed the growth together.','<p>After two weeks of watering and measuring, every bean in our window garden has sprouted. Maya counted 14 leaves on the tallest plant and the class graphed the growth together.</p><figure><img src="http://127.0.0.1:3998/demo/images/sprouts.svg" alt="Bean sprouts in paper cups on a classroom windowsill" width="640" height="400" loading="lazy" decoding="async" referrerpolicy="no-referrer"></figure>','http://127.0.0.1:3998/demo/images/sprouts.svg','Bean sprouts in paper cups on a classroom windowsill',NULL,'["Science"]',1796400900000,0,1796505051840,1796505051840);
INSERT INTO "items" VALUES(2,1,'http://127.0.0.1:3998/?p=101','http://127.0.0.1:3998/demo/posts/rivera-1','127.0.0.1:3998/demo/posts/rivera-1','Reading buddies with the fifth grade',0,'Mrs. Rivera','Our second graders read picture books with their fifth-grade buddies this afternoon. Lots of giggles and some very dramatic voices.','<p>Our second graders read picture books with their fifth-grade buddies this afternoon. Lots of giggles and some very dramatic voices.</p><figure><img src="http://127.0.0.1:3998/demo/images/books.svg" alt="A stack of colourful picture books" width="640" height="400" loading="lazy" decoding="async" referrerpolicy="no-referrer"></figure>','http://127.0.0.1:3998/demo/images/books.svg','A stack of colourful picture books',NULL,'["Science"]',1796416800000,0,1796505051840,1796505051840);
INSERT INTO "items" VALUES(3,1,'http://127.0.0.1:3998/?p=102','http://127.0.0.1:3998/demo/posts/rivera-2','127.0.0.1:3998/demo/posts/rivera-2','Counting by fives at the market',0,'Mrs. Rivera','We set up a pretend market and paid for apples with nickels. Everyone can now count by fives to one hundred.','<p>We set up a pretend market and paid for apples with nickels. Everyone can now count by fives to one hundred.</p>',NULL,NULL,NULL,'["Science"]',1796317200000,0,1796505051840,1796505051840);
INSERT INTO "items" VALUES(4,2,'http://127.0.0.1:3998/demo/posts/library-0','http://127.0.0.1:3998/demo/posts/library-0','127.0.0.1:3998/demo/posts/library-0','New graphic novels just arrived in the Lincoln library!',1,NULL,'New graphic novels just arrived in the Lincoln library! Come find them on the display by the windows. #LincolnReads','<p>New graphic novels just arrived in the Lincoln library! Come find them on the display by the windows. <a href="https://lakeside.example/library" rel="noopener noreferrer nofollow" referrerpolicy="no-referrer">#LincolnReads</a></p>',NULL,NULL,NULL,'["LincolnReads"]',1796394000000,0,1796505051841,1796505051841);
INSERT INTO "items" VALUES(5,2,'http://127.0.0.1:3998/demo/posts/library-1','http://127.0.0.1:3998/demo/posts/library-1','127.0.0.1:3998/demo/posts/library-1','Thank you to the families who volunteered at the book fair this week.',1,NULL,'Thank you to the families who volunteered at the book fair this week. We raised enough for 60 new books.','<p>Thank you to the families who volunteered at the book fair this week. We raised enough for 60 new books.</p>',NULL,NULL,NULL,'["LincolnReads"]',1796424300000,0,1796505051841,1796505051841);
INSERT INTO "items" VALUES(6,3,'tag:blogger.com,1999:blog-77.post-500','http://127.0.0.1:3998/demo/posts/science-0','127.0.0.1:3998/demo/posts/science-0','Volcano lab: measuring the eruption',0,'Mr. Okafor','Room 12 built baking-soda volcanoes and measured how far each eruption travelled. Next week we compare our data with real lava flows.','<p>Room 12 built baking-soda volcanoes and measured how far each eruption travelled. Next week we compare our data with real lava flows.</p><img src="http://127.0.0.1:3998/demo/images/volcano.svg" alt="A model volcano made of clay on a lab table" loading="lazy" decoding="async" referrerpolicy="no-referrer">','http://127.0.0.1:3998/demo/images/volcano.svg','A model volcano made of clay on a lab table',NULL,'[]',1796411100000,0,1796505051841,1796505051841);
INSERT INTO "items" VALUES(7,3,'tag:blogger.com,1999:blog-77.post-501','http://127.0.0.1:3998/demo/posts/science-1','127.0.0.1:3998/demo/posts/science-1','Microscope day',0,'Mr. Okafor','We looked at onion skin cells under the microscope and drew what we saw.','<p>We looked at onion skin cells under the microscope and drew what we saw.</p>',NULL,NULL,NULL,'[]',1796311800000,0,1796505051841,1796505051841);
INSERT INTO "items" VALUES(8,4,'art-0','http://127.0.0.1:3998/demo/posts/art-0','127.0.0.1:3998/demo/posts/art-0','Color wheel murals',0,'Ms. Lindqvist','Oak Hill art students finished their color wheel murals in the main hallway. Stop by during conferences to see them.','<p>Oak Hill art students finished their color wheel murals in the main hallway. Stop by during conferences to see them.</p>','http://127.0.0.1:3998/demo/images/palette.svg',NULL,NULL,'["art"]',1796407800000,0,1796505051843,1796505051843);
INSERT INTO "items" VALUES(9,5,'yt:video:demoVideo0','http://127.0.0.1:3998/demo/posts/robotics-0','127.0.0.1:3998/demo/posts/robotics-0','Robotics team qualifies for regionals',0,'Oak Hill Robotics','Our team’s robot stacked 42 cones in the final match. Watch the highlights!','<p>Our team’s robot stacked 42 cones in the final match. Watch the highlights!</p>','http://127.0.0.1:3998/demo/images/robot.svg','Our team’s robot stacked 42 cones in the final match. Watch the highlights!',NULL,'[]',1796427000000,0,1796505051847,1796505051847);
CREATE TABLE `job_marks` (
	`key` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
CREATE TABLE `rate_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
CREATE TABLE `roster_surnames` (
	`hash` text PRIMARY KEY NOT NULL
);
CREATE TABLE `schools` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
, `district_wide` integer DEFAULT false NOT NULL);
INSERT INTO "schools" VALUES(1,'lincoln-elementary','Lincoln Elementary',1796505051088,0);
INSERT INTO "schools" VALUES(3,'riverside-middle-school','Riverside Middle School',1796505051088,0);
INSERT INTO "schools" VALUES(4,'oak-hill-high-school','Oak Hill High School',1796505051088,0);
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
INSERT INTO "settings" VALUES('signing_key','2S66TsRzN77W7n5sBv38JOMLeWSJ_msm3h8H_QhkgLY',1796505050586);
INSERT INTO "settings" VALUES('district_name','Lakeside Unified School District',1796505097402);
INSERT INTO "settings" VALUES('timezone','America/Chicago',1796505051088);
CREATE TABLE `site_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
INSERT INTO "site_state" VALUES('public_revision',7);
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`feed_url` text NOT NULL,
	`site_url` text,
	`title` text,
	`platform` text,
	`owner_name` text,
	`owner_email` text,
	`media_release` integer DEFAULT false NOT NULL,
	`authorization` text DEFAULT 'authorized' NOT NULL,
	`authorized_by` text,
	`authorized_at` integer,
	`review_at` integer,
	`paused` integer DEFAULT false NOT NULL,
	`etag` text,
	`last_modified` text,
	`last_fetched_at` integer,
	`last_success_at` integer,
	`next_fetch_at` integer DEFAULT 0 NOT NULL,
	`error_count` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`last_error_at` integer,
	`redirect_url` text,
	`redirect_seen` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL, `ttl_minutes` integer,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
INSERT INTO "sources" VALUES(1,1,'http://127.0.0.1:3998/demo/feeds/rivera.xml','http://127.0.0.1:3998/demo/posts','Mrs. Rivera’s Second Grade','wordpress',NULL,NULL,1,'authorized','command line',1796505051088,NULL,0,NULL,NULL,1796505051840,1796505051840,1796506856269,0,NULL,NULL,NULL,0,1796505051088,1796505051840,NULL);
INSERT INTO "sources" VALUES(2,1,'http://127.0.0.1:3998/demo/feeds/library.xml','http://127.0.0.1:3998/demo/posts','Lincoln Library','mastodon',NULL,NULL,0,'authorized','command line',1796505051088,NULL,0,NULL,NULL,1796505051841,1796505051841,1796506956469,0,NULL,NULL,NULL,0,1796505051088,1796505051841,NULL);
INSERT INTO "sources" VALUES(3,3,'http://127.0.0.1:3998/demo/feeds/science.xml','http://127.0.0.1:3998/demo/posts','Room 12 Science','blogger',NULL,NULL,1,'authorized','command line',1796505051088,NULL,0,NULL,NULL,1796505051841,1796505051841,1796506719626,0,NULL,NULL,NULL,0,1796505051088,1796505051841,NULL);
INSERT INTO "sources" VALUES(4,4,'http://127.0.0.1:3998/demo/feeds/art.json','http://127.0.0.1:3998/demo/posts','Oak Hill Art Studio','other',NULL,NULL,1,'authorized','command line',1796505051088,NULL,0,NULL,NULL,1796505051843,1796505051843,1796506692131,0,NULL,NULL,NULL,0,1796505051088,1796505051843,NULL);
INSERT INTO "sources" VALUES(5,4,'http://127.0.0.1:3998/demo/feeds/robotics.xml','http://127.0.0.1:3998/demo/posts','Oak Hill Robotics','other',NULL,NULL,1,'authorized','command line',1796505051088,NULL,0,NULL,NULL,1796505051847,1796505051847,1796507014258,0,NULL,NULL,NULL,0,1796505051088,1796505051847,NULL);
CREATE TABLE `subscriber_schools` (
	`subscriber_id` integer NOT NULL,
	`school_id` integer NOT NULL,
	PRIMARY KEY(`subscriber_id`, `school_id`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade
);
CREATE TABLE `subscribers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`email_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`token_nonce` text NOT NULL,
	`consent_at` integer,
	`consent_text` text,
	`consent_source` text,
	`confirm_sent_at` integer,
	`confirmed_at` integer,
	`unsubscribed_at` integer,
	`bounce_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
, `consent_schools` text, `pending_email` text);
INSERT INTO "subscribers" VALUES(1,'parent.one@example.org','parent.one@example.org','confirmed','DnIPBqe6_pUogKmm',1796505051088,'Demo subscriber','import',NULL,1796505051088,NULL,0,1796505051088,1796505051088,'[]',NULL);
INSERT INTO "subscribers" VALUES(2,'parent.two@example.org','parent.two@example.org','unsubscribed','ieE4rJ_iGPqmBDDI',1796505051088,'Demo subscriber','import',NULL,1796505051088,1796505096382,0,1796505051088,1796505096382,'[]',NULL);
CREATE TABLE `user_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`user_id` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`last_login_at` integer
);
INSERT INTO "users" VALUES(1,'coordinator@lakeside.example','Demo Coordinator','admin','scrypt$131072$8$1$GK8LKZ56TUQABqGcbM4jZw$nGQZVFktnUBZZr53OTz2RbLzfBLmljEcGXMCxfa9KsE',0,1796505051088,NULL);
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`,`at`);
CREATE UNIQUE INDEX `deliveries_once_idx` ON `deliveries` (`digest_id`,`subscriber_id`,`kind`);
CREATE INDEX `deliveries_state_idx` ON `deliveries` (`state`,`next_attempt_at`);
CREATE UNIQUE INDEX `digests_date_unique` ON `digests` (`date`);
CREATE UNIQUE INDEX `items_source_guid_idx` ON `items` (`source_id`,`guid`);
CREATE INDEX `items_published_idx` ON `items` (`published_at`);
CREATE INDEX `rate_events_key_idx` ON `rate_events` (`key`,`at`);
CREATE UNIQUE INDEX `schools_slug_unique` ON `schools` (`slug`);
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);
CREATE UNIQUE INDEX `sources_feed_url_unique` ON `sources` (`feed_url`);
CREATE INDEX `sources_next_fetch_idx` ON `sources` (`next_fetch_at`);
CREATE INDEX `sources_school_idx` ON `sources` (`school_id`);
CREATE UNIQUE INDEX `subscribers_email_key_unique` ON `subscribers` (`email_key`);
CREATE INDEX `subscribers_status_idx` ON `subscribers` (`status`,`id`);
CREATE UNIQUE INDEX `user_tokens_token_hash_unique` ON `user_tokens` (`token_hash`);
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);
CREATE INDEX `digest_corrections_digest_idx` ON `digest_corrections` (`digest_id`,`at`);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('users',1);
INSERT INTO "sqlite_sequence" VALUES('schools',5);
INSERT INTO "sqlite_sequence" VALUES('sources',5);
INSERT INTO "sqlite_sequence" VALUES('audit_log',11);
INSERT INTO "sqlite_sequence" VALUES('subscribers',2);
INSERT INTO "sqlite_sequence" VALUES('items',9);
INSERT INTO "sqlite_sequence" VALUES('digests',2);
INSERT INTO "sqlite_sequence" VALUES('deliveries',6);
INSERT INTO "sqlite_sequence" VALUES('api_tokens',1);
INSERT INTO "sqlite_sequence" VALUES('digest_corrections',1);
COMMIT;
