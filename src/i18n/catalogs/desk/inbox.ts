// The inbox: one day's digest being curated beside the day's posts, its status, toolbar, correction and
// conflict panels, what its buttons answer, and the words of its optional script.
export const inbox = {
  title: 'Inbox',
  heading: 'Inbox for {{date}}',
  previousDay: '← Previous day',
  day: 'Day',
  show: 'Show',
  nextDay: 'Next day →',
  days: 'Days run midnight to midnight, {{timezone}}.',
  digest: 'The digest',
  digestTitle: 'Title',
  intro: 'Intro',
  takenDown: {
    heading_one: 'Taken down since publishing: {{count, number}} post',
    heading_other: 'Taken down since publishing: {{count, number}} posts',
    when: 'Taken down {{at}}:',
    whenBare: 'Taken down {{at}}.',
  },
  titleHint:
    'Optional. Without one, the page is headed by the date, and the email and the feeds by the site’s title.',
  introHint: 'A sentence or two that opens the digest.',
  noEntries: 'No posts selected yet. Add posts from the list of the day’s posts.',
  allTakenDown:
    'Every post in this digest has been taken down, so it no longer shows on the site, in the feeds or in the embed.',
  entries: 'Posts in the digest, in order',
  takeDown: 'Take this digest down',
  askEditor:
    'This digest is published. Something in it wrong, or a post that should come down? An editor corrects it or takes it down: ask one, and say which post and why.',
  askEditorAt:
    'This digest is published. Something in it wrong, or a post that should come down? An editor corrects it or takes it down: write to {{address}}, and say which post and why.',
  why: 'Why (kept in the audit log)',
  unpublish: 'Unpublish',
  unpublishHint:
    'Unpublishing takes the whole digest off the site, the feeds and the embed at once, deletes its posts on the district’s social accounts and sends none of its emails still waiting. Its pictures come down everywhere, and stop showing in emails already delivered. It cannot be published again: to remove one post, use Take this post down on it instead.',
  unpublishShared_one: 'One other published post shows one of the same photos ({{days}}) and loses it too.',
  unpublishShared_other:
    '{{count, number}} other published posts show the same photos ({{days}}) and lose them too.',
  posts: 'The day’s posts',
  schoolsWithPosts_one: '{{count, number}} school posted: go to it',
  schoolsWithPosts_other: '{{count, number}} schools posted: go to one',
  noPosts: 'No posts from authorized accounts on this day. Feeds are checked every half hour; {{link}}.',
  checkNow: 'check them now',
  noPostsWaiting: 'No posts from authorized accounts on this day. Feeds are checked every half hour.',
  checks_one: '{{count, number}} open finding',
  checks_other: '{{count, number}} open findings',
  allPass: 'All checks pass',
  status: {
    nothing: 'Nothing saved for this day yet.',
    published: 'Published {{when}}',
    ready: 'Ready: goes out {{when}}',
    readyOverdue: 'Ready: was due out {{when}}, not sent yet',
    readyAt: 'Ready: goes out at {{time}}',
    takenDown: 'Taken down: {{reason}}',
    takenDownBare: 'Taken down.',
    draft: 'Draft',
    version: 'version {{version}}, saved {{when}}',
    versionBy: 'version {{version}}, saved {{when}} by {{name}}',
    submitted: 'submitted for review by {{name}} {{when}}',
    submittedChanged: 'submitted for review by {{name}} {{when}}, and changed since',
    approved: 'approved by {{name}}',
    needsApproval: 'needs a second person’s approval',
    someone: 'someone',
    api: 'the API',
    viewPublic: 'View it on the public site',
  },
  toolbar: {
    label: 'Digest actions',
    save: 'Save draft',
    preview: 'Preview',
    approve: 'Approve this version',
    publishSlot: 'Publish {{slot}}',
    publishAt: 'Publish at {{time}}',
    publishNow: 'Publish now',
    submit: 'Submit for review',
    publishWaits: 'Publishing waits until each open finding is resolved.',
    publishWaitsApproval: 'Publishing waits for a second person’s approval of this version.',
    // Why the Approve button is not offered to this person.
    approveNotYoursOriginal: 'You made the last changes to this version, so another editor approves it.',
    approveAfterYourReview:
      '{{name}} wrote the {{language}} text and no one else has marked it reviewed, so {{name}} cannot approve this version yet: you may check it on its tab and press Mark reviewed.',
    approveNotYoursLanguage:
      'You wrote the {{language}} text of this version and no one else has marked it reviewed, so another editor approves it (or marks {{language}} reviewed first, and then you may).',
    publishWaitsBoth:
      'Publishing waits until each open finding is resolved and a second person approves this version.',
    late: 'This digest is late: its publish time, {{since}}, has passed.',
    emailOff:
      'Email is off: no email provider is configured, so publishing puts the digest on the site and in the feeds, and sends no email.',
  },
  correction: {
    heading: 'Correct this digest',
    hint: 'It is published. Change the text below, then explain the correction and press Publish correction: readers see the note on the page, in the feeds and in the embed. Nothing is saved until then. To remove a post, use Take this post down on it.',
    scope:
      'A change to one school’s posts is shown on that school’s page and feeds and emailed to the people who follow it; a change to the title, the introduction or a district-wide post, or a note alone, to everyone. The digest’s own page shows every correction.',
    corrected: 'Corrected {{when}}: {{note}}',
    emailed: ' (emailed)',
    schools: ' (for readers of {{schools}})',
    note: 'Correction note',
    noteHint:
      'What was wrong and what changed, for example: “An earlier version gave a student’s full name. We are sorry.”',
    noteIn: 'Correction note in {{language}} (optional)',
    noteInHint:
      'Where it is left empty, readers in {{languages}} see the note in {{own}}, and so does a correction email sent now; it can be translated later on that language’s tab, for the pages.',
    emailOff: 'Email is off (no email provider is configured), so no correction email can go out.',
    email_one:
      'Email this correction to the {{count, number}} person who received the digest, if it concerns a school they follow',
    email_other:
      'Email this correction to those of the {{count, number}} people who received the digest that it concerns',
    emailNobodyYet: 'Nobody has received the digest’s email yet, so no correction email is needed.',
    emailNobody: 'Nobody received the digest’s email, so there is nobody to send a correction email to.',
    waiting_one:
      '{{count, number}} person is still waiting for the digest’s email; it will show this correction when it goes out.',
    waiting_other:
      '{{count, number}} people are still waiting for the digest’s email; theirs will show this correction when it goes out.',
    publish: 'Publish correction',
    propose: 'Propose correction',
    hintApproval:
      'It is published. Change the text below, then explain the correction and press Propose correction: the district requires a second person, so another editor approves it before readers see the note on the page, in the feeds and in the embed. Nothing is saved until then. To remove a post, use Take this post down on it (at once, without approval).',
    pendingHeading: 'A correction waits for approval',
    pendingBy: '{{name}} proposed it on {{when}}. Approving publishes it exactly as proposed.',
    someone: 'Someone',
    pendingChanges: 'What it changes',
    pendingEmail: 'Emailed to readers',
    pendingReasons: 'Findings recorded as fine',
    pendingReason: '{{kind}}, {{post}}: “{{reason}}”',
    theDigest: 'the digest’s title or intro',
    yes: 'Yes',
    no: 'No',
    noteOnly: 'Nothing: a note alone.',
    oneAtATime: 'A correction waits for approval above: approve or discard it first, then propose this one.',
    replacesYours: 'Proposing again replaces your correction that waits above.',
    emptiesTranslations:
      'In {{languages}}, each text the correction changes is emptied: its readers get it in {{own}} until someone translates it again on that language’s tab.',
    pendingMine: 'You proposed it, so another editor approves it.',
    approve: 'Approve and publish the correction',
    discard: 'Discard the proposed correction',
    yesButOff: 'Yes, but email is off, so none can go out',
    changesTitle: 'The title becomes “{{text}}”.',
    changesIntro: 'The introduction becomes “{{text}}”.',
    changesRemoved: '“{{headline}}” is removed.',
    changesHeadline: 'The headline “{{headline}}” becomes “{{text}}”.',
    changesBlurb: 'The blurb of “{{headline}}” becomes “{{text}}”.',
    changesPicture: 'The picture of “{{headline}}” becomes this one:',
    describedAs: 'described as “{{text}}”.',
    notDescribed: 'with no description.',
    changesPictureNone: '“{{headline}}” is shown without a picture.',
    changesAlt: 'The picture description of “{{headline}}” becomes “{{text}}”.',
    changesAltNone: 'The picture of “{{headline}}” loses its description.',
    changesOrder: 'The posts are in a new order.',
  },
  conflict: {
    heading: 'The version someone else saved',
    headingYours: 'The version you saved elsewhere',
    textYours:
      'The version from this page is in the form below; the digest as saved now is {{theirs}}, which you saved from another window or tab (or a save still under way here), shown here. Compare, then press {{save}} to keep the one from this page (it replaces the other), or {{take}}.',
    theirsYours: 'the other one',
    takeYours: 'take the other one',
    text: 'Your version is in the form below; the digest as saved now is {{theirs}}, shown here. Compare, then press {{save}} to keep your version (it replaces theirs), or {{take}}.',
    theirs: 'theirs',
    save: 'Save draft',
    take: 'take theirs',
    title: 'Title',
    intro: 'Intro',
    posts: 'Posts',
    none: '(none)',
    blurb: ' — {{blurb}}',
  },
  item: {
    photo: 'Photo: {{alt}}',
    photoUndescribed: 'Photo, not described by the post',
    noImage: 'No image',
    titleFromText: ' title from text',
    timeEstimated: ' (time estimated)',
    noRelease: ' · no media release',
    hintName: 'May name a student in full',
    hintTone: 'Check the tone',
    original: 'Original post',
    newTab: ' (opens in a new tab)',
    inDigest: 'In the digest',
    inDigestNamed: 'In the digest: go to the entry for {{title}}',
    remove: 'Remove from digest',
    removeNamed: 'Remove from digest: {{title}}',
    add: 'Add to digest',
    addNamed: 'Add to digest: {{title}}',
    lastFeatured: 'Last featured {{date}}',
    neverFeatured: 'not featured yet',
    takenDown: 'Taken down',
    quiet_one: 'not featured in {{count, number}} week',
    quiet_other: 'not featured in {{count, number}} weeks',
  },
  flashes: {
    badDate: 'That is not a valid date.',
    firstFinding: 'Go to the first one',
    published: 'This digest is published: change it with a correction note below, or take posts down.',
    saved: 'Draft saved.',
    keptForCorrection:
      'What you typed is kept below, in the correction’s fields: to put it out, explain the correction and press Publish correction (or Propose correction, where a second person approves).',
    unscheduled:
      'It is no longer scheduled: a changed digest goes out only once someone publishes or schedules it again. Press Publish now, or the Publish button with its time, when it is ready.',
    removed: 'Removed from the digest. Draft saved.',
    recorded: 'Recorded. The reason is kept in the audit log.',
    approvalTakenBack:
      'Someone else had approved this version without this reason, so that approval no longer holds: another editor approves it again before it is published.',
    reasonsRecorded_one: 'A reason you wrote under a finding is recorded too.',
    reasonsRecorded_other: 'The {{count, number}} reasons you wrote under findings are recorded too.',
    reasonNotRecorded: 'A reason you wrote under a finding is not recorded: {{reason}}',
    reasonsRecordedPreview_one: 'The reason you wrote under a finding is recorded.',
    reasonsRecordedPreview_other: 'The {{count, number}} reasons you wrote under findings are recorded.',
    submitted: 'Submitted for review. The editors have been told by email.',
    alreadySubmitted:
      'This version was already submitted for review, and the editors were told then. Change something and submit again to tell them of it.',
    approved: 'Approved. It can now be published.',
    late: 'This digest is late: its publish time, {{since}}, has passed. Publish it now instead.',
    scheduled: 'Scheduled: it goes out {{when}}, unless someone changes it first.',
    publishedEmails_one: 'Published. {{count, number}} email is on the way to subscribers.',
    publishedEmails_other: 'Published. {{count, number}} emails are on the way to subscribers.',
    publishedNoEmail: 'Published on the site and in the feeds. Email is off, so no email was sent.',
    corrected: 'Correction published on the page, in the feeds and in the embed.',
    correctedEmails_one:
      'Correction published on the page, in the feeds and in the embed. {{count, number}} correction email is on the way.',
    correctedEmails_other:
      'Correction published on the page, in the feeds and in the embed. {{count, number}} correction emails are on the way.',
    correctionRefused: 'The correction is not published yet. {{reason}}',
    correctionProposed:
      'The correction waits for another editor’s approval; readers see nothing until then. Editors were emailed.',
    correctionProposedNoEmail:
      'The correction waits for another editor’s approval; readers see nothing until then. Email is off, so tell them.',
    correctionDiscarded: 'The correction waiting for approval is discarded.',
    postTakenDown: 'The post is taken down from the page, the feeds, the embed and every email not sent yet.',
    postAndDigestTakenDown:
      'The post is taken down, and with it the digest, since nothing else was left in it.',
    pictureTakenDown:
      'The picture is taken down everywhere: the page, the feeds and the embed no longer show it, and emails already delivered stop showing it when they are next opened.',
    ownerTold: 'The feed’s owner gets an email saying so.',
    socialReplaced_one:
      'A post of the digest’s on the district’s social accounts showed it (in its text or link preview), so it is being deleted and posted again from the page as it is now.',
    socialReplaced_other:
      '{{count, number}} posts of the digest’s on the district’s social accounts showed it (in their text or link preview), so they are being deleted and posted again from the page as it is now.',
    socialDeleted_one:
      'A post of the digest’s on the district’s social accounts showed it, so it is being deleted; the digest is more than two days old, so it is not posted again.',
    socialDeleted_other:
      '{{count, number}} posts of the digest’s on the district’s social accounts showed it, so they are being deleted; the digest is more than two days old, so they are not posted again.',
    socialByHand_one:
      'A post of the digest’s on a social account disconnected since showed it: Yesterday cannot delete it, so delete it on that account by hand.',
    socialByHand_other:
      '{{count, number}} posts of the digest’s on social accounts disconnected since showed it: Yesterday cannot delete them, so delete them on those accounts by hand.',
    checkIntro:
      'The introduction still reads “{{intro}}”: if it speaks of this post, change it below, in a correction.',
    pictureAlsoIn_one:
      'It was also the picture of one other published post, which no longer shows it either.',
    pictureAlsoIn_other:
      'It was also the picture of {{count, number}} other published posts, which no longer show it either.',
    pictureLooksAlikeIn_one:
      'One other published post ({{days}}) shows a picture that looks like this one, at another size or saved again: open that day, and if it is the same photo, take its picture down too.',
    pictureLooksAlikeIn_other:
      '{{count, number}} other published posts ({{days}}) show a picture that looks like this one, at another size or saved again: open those days, and if it is the same photo, take their pictures down too.',
    otherOwnersTold_one: 'The owner of one other post’s feed gets an email too.',
    otherOwnersTold_other: 'The owners of {{count, number}} other posts’ feeds get an email too.',
    unpublished: 'The digest is taken down from the site and feeds.',
  },
  script: {
    saved: 'Saved {{time}} · checks updated',
    conflict:
      'Someone else saved this digest. Press Save draft to compare both versions; nothing you typed is lost.',
    conflictYours:
      'You saved this digest elsewhere (another window or tab). Press Save draft to compare both versions; nothing you typed is lost.',
    notSaved: 'Not saved.',
    offline: 'Not saved: the connection failed. Your changes stay here; press Save draft to try again.',
    editing: 'Editing…',
    readingAgain: 'Reading your last save…',
    restored: 'What you changed before the page reloaded is back, and being saved.',
    restoredNotSaved:
      'What you changed before the page reloaded is not all in the version saved since (by you elsewhere, or by someone else): it is back here, not saved. Save draft keeps it; reloading drops it.',
    unpublishedChanges:
      'The text you changed is not published yet: only Publish correction does that (or Propose correction, where a second person approves). Go on, and lose those changes?',
  },
};
