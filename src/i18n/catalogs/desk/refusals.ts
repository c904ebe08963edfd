// What the desk refuses, and why (curate/desk.ts, curate/approval.ts, curate/translations.ts): each DeskError's
// sentence, shown in the desk and returned by the API and the command line, in English.
export const refusals = {
  forbidden: {
    editDigests: 'Your role ({{role}}) cannot edit digests. Ask an editor or an administrator.',
    changePublished:
      'Your role ({{role}}) cannot change a published digest. Ask an editor or an administrator.',
    publishDigests: 'Your role ({{role}}) cannot publish digests. Ask an editor or an administrator.',
    scheduleDigests: 'Your role ({{role}}) cannot schedule digests. Ask an editor or an administrator.',
    overrideFindings:
      'Your role ({{role}}) cannot override check findings. Ask an editor or an administrator.',
    submitDigests: 'Your role ({{role}}) cannot submit digests. Ask an editor or an administrator.',
    approveDigests: 'Your role ({{role}}) cannot approve digests. Ask an editor or an administrator.',
    correctDigests:
      'Your role ({{role}}) cannot correct published digests. Ask an editor or an administrator.',
    takePostsDown: 'Your role ({{role}}) cannot take posts down. Ask an editor or an administrator.',
    takePicturesDown: 'Your role ({{role}}) cannot take pictures down. Ask an editor or an administrator.',
    unpublishDigests: 'Your role ({{role}}) cannot unpublish digests. Ask an editor or an administrator.',
    sendTestEmails: 'Your role ({{role}}) cannot send test emails. Ask an editor or an administrator.',
  },
  // Lengths as counted, without separators: the API's clients have long read them so.
  tooLong: {
    title: 'The title is {{length}} characters long; keep it to {{max}}.',
    intro: 'The intro is {{length}} characters long; keep it to {{max}}.',
    headline: 'The headline of “{{post}}” is {{length}} characters long; keep it to {{max}}.',
    blurb: 'The blurb of “{{post}}” is {{length}} characters long; keep it to {{max}}.',
    alt: 'The alt text is {{length}} characters long; keep it to {{max}}.',
    correctionNote: 'The correction note is {{length}} characters long; keep it to {{max}}.',
    reason: 'The reason is {{length}} characters long; keep it to {{max}}.',
    ownerWords: 'The words for the teacher are {{length}} characters long; keep them to {{max}}.',
    translatedTitle: 'The {{language}} title is {{length}} characters long; keep it to {{max}}.',
    translatedIntro: 'The {{language}} intro is {{length}} characters long; keep it to {{max}}.',
    translatedHeadline:
      'The {{language}} headline of “{{post}}” is {{length}} characters long; keep it to {{max}}.',
    translatedBlurb:
      'The {{language}} blurb of “{{post}}” is {{length}} characters long; keep it to {{max}}.',
    translatedAlt:
      'The {{language}} alt text of “{{post}}” is {{length}} characters long; keep it to {{max}}.',
    translatedCorrectionNote:
      'The {{language}} correction note is {{length}} characters long; keep it to {{max}}.',
  },
  translatedNoteRefused: 'The translation is not saved. {{finding}}',
  publishedTranslationRefused:
    'The {{language}} text is not saved: this digest is published, and it would give the language’s readers {{what}}, now or once it is shown to them. Reword it and save again.',
  publishedDraftRefused:
    'Nothing was filled in: this digest is published, and the {{language}} draft would give its readers {{what}}. Write those texts yourself.',
  addedNames: 'what looks like a student’s full name ({{names}})',
  addedTone: 'wording on the tone list ({{words}})',
  noteNotOverridable:
    'A name in a correction note cannot be recorded as fine: the note goes to every reader as written. Reword the note.',
  noteLanguageNotOffered:
    'The correction note was given in “{{lang}}”, which is not one of the district’s other languages. Give it only in the languages listed in Settings.',
  // Editing a draft.
  alreadyPublishedHere: 'This digest is already published, so it cannot be edited here.',
  publishedMeanwhile: 'This digest was published meanwhile, so your changes were not saved.',
  takenDownMeanwhile:
    'This digest was taken down, so your changes were not saved: a digest taken down is not edited or published again.',
  savedBySomeoneElse:
    'Someone else saved this digest while you were editing, so the version saved now is theirs. Both versions are shown: keep yours or take theirs.',
  savedByYouElsewhere:
    'You saved this digest elsewhere while editing here (in another window or tab, or a save still under way here), so the version saved now is that one. Both versions are shown: keep the one here or take the other.',
  savedBySomeoneElseApi:
    'Someone else saved this digest after the version you sent, so nothing was saved. The saved version is in "current": apply your changes to it and send them with its version.',
  tooManyEntries:
    'A digest holds at most {{max}} posts, and this one has {{given}}. Choose the best of the day; nothing was saved.',
  unknownItem: 'There is no post {{id}}; reload the page and choose again.',
  changedSinceShown:
    'A language’s text or a reason for a finding was saved after this page was shown, so nothing was approved. Read the digest, its languages and its findings again below, then approve.',
  duplicateEntry:
    'Post {{id}} is listed twice. Nothing was saved: list each post once, in the order it should appear, with its texts.',
  invalidImage: 'The image for “{{post}}” must be one of the post’s own images.',
  // Publishing, scheduling, submitting.
  nothingToPublish: 'Nothing is selected for {{day}}, so there is nothing to publish.',
  alreadyPublished: 'The digest for {{day}} is already published.',
  changedSinceSeen: 'The digest changed since you last saw it. Review the current version before publishing.',
  translationsChangedSinceSeen:
    'A translation of the digest changed since this page was drawn. Look at it again before publishing.',
  findingsOpen_one:
    'One check finding is still open. Resolve each by editing, or by recording why it is fine.',
  findingsOpen_other:
    '{{count, number}} check findings are still open. Resolve each by editing, or by recording why it is fine.',
  approvalRequired:
    'This district requires a second person’s approval before publishing, and this version is not approved yet.',
  savedWhilePublishing:
    'Someone saved a new version while you were publishing, so nothing was published. Both versions are shown: review them before publishing.',
  reasonOrLanguageWhilePublishing:
    'A language’s text or a reason for a finding was saved while you were publishing, so nothing was published. Look at the digest again, then publish.',
  noPublishDays: 'No day is a publish day in Settings; publish it now instead.',
  futureDay:
    '{{day}} has not begun yet in the district, so there is nothing of it to publish. Check the date, or schedule it to go out once the day is over.',
  changedWhileScheduling: 'The digest changed while you were scheduling it. Review it and try again.',
  nothingToSubmit: 'Nothing is selected for {{day}}, so there is nothing to submit.',
  // Overriding a finding.
  unknownKind: '“{{kind}}” is not a kind of finding. Kinds: {{kinds}}.',
  unreviewedNotOverridable:
    'An unreviewed translation is resolved by reviewing it in its tab (Mark reviewed), not by a reason.',
  unauthorizedNotOverridable:
    'A post from an account that is not authorized cannot be published. Renew the account’s authorization under Sources if the principal has renewed it, or remove the post.',
  pictureNotOverridable:
    'A picture that could not be copied cannot be published. Choose another picture or none for this post.',
  overrideReasonRequired:
    'Write why this is fine, in a sentence (at least 10 characters), so others can see it later.',
  noSuchFinding: 'There is no open finding of that kind for that post; it may have been resolved already.',
  // Corrections and takedowns.
  nothingToCorrect: 'The digest for {{day}} is not published, so there is nothing to correct.',
  changedWhileCorrecting:
    'Someone changed this digest while you were correcting it, so your correction was not saved. Review the current version.',
  noteRequired:
    'Write a correction note (at least 10 characters): what was wrong and what changed. Readers see it with the digest.',
  correctionAddsPosts:
    'A correction can change or remove what was published, not add posts. Add new posts to another day’s digest.',
  correctionRemovesAll:
    'A correction cannot remove every post; to take the whole digest down, use “Take this digest down”.',
  correctionFindings_one:
    'One check finding is open in the corrected version. Resolve each before publishing the correction.',
  correctionFindings_other:
    '{{count, number}} check findings are open in the corrected version. Resolve each before publishing the correction.',
  postNotInDigest: 'That post is not in the published digest; it may have been taken down already.',
  postReasonRequired:
    'Write why the post is taken down (at least 10 characters); it goes in the audit log, not on the site.',
  pictureReasonRequired:
    'Write why the picture is taken down (at least 10 characters); it goes in the audit log, not on the site.',
  notPublished: 'The digest for {{day}} is not published.',
  noPicture: 'That post has no published picture; it may have been taken down already.',
  digestReasonRequired:
    'Write why the digest is taken down (at least 10 characters); it goes in the audit log.',
  // A test email.
  noAddress: 'There is no email address to send the test to.',
  nothingToSend: 'Nothing is selected for {{day}}, so there is nothing to send.',
  sendFailed: 'The test email could not be sent: {{reason}}',
  // Approval.
  personRequired: 'Approval is a person’s decision; sign in to the admin to approve.',
  nothingToApprove: 'Nothing is selected for {{day}}, so there is nothing to approve.',
  savedWhileApproving:
    'Not approved: someone saved a new version while you were reviewing it. This is the version now saved (version {{version}}); review it, then approve it.',
  savedWhileSubmitting:
    'Not submitted: someone else saved a new version just after you did. This is the version now saved (version {{version}}); look it over, then submit it.',
  savedWhileSubmittingYours:
    'Not submitted: you saved a newer version elsewhere (another window or tab) just after this one. This is the version now saved (version {{version}}); look it over, then submit it.',
  unsavedChanges:
    'Not approved: you changed the digest on this page. Save your changes (someone else then approves them), or reload the page to approve the version as it is saved.',
  secondPerson: 'You made the last changes to this digest, so someone else must approve it.',
  secondPersonCorrection: 'You proposed this correction, so someone else must approve it.',
  correctionWaiting:
    'Another person’s correction is waiting for approval on this digest. Approve or discard it first (it is shown above), then propose yours.',
  correctionReplaced:
    'The correction waiting for approval is not the one you were shown: it was replaced, approved or discarded meanwhile. Look at it again.',
  pendingCorrectionFindings:
    'The correction cannot be published as proposed: {{reason}} Discard it, and propose a corrected version.',
  noPendingCorrection: 'No correction to the digest for {{day}} is waiting for approval.',
  pendingCorrectionStale:
    'The digest changed after this correction was proposed (a post taken down, or another correction), so it cannot be published as proposed. Discard it, and correct the digest as it is now.',
  secondPersonTranslation:
    'You wrote this digest’s {{language}} text, and no one else has marked it reviewed since, so someone else must approve the digest (or another editor marks {{language}} reviewed first).',
  changedWhileApproving: 'The digest changed while you were approving it. Review it and try again.',
  // A published digest's language where a second person is required: reviewed by someone other than its saver.
  personRequiredReview:
    'Only a person marks {{language}} reviewed where the district requires a second person: sign in to the admin, or use a token given to a person.',
  secondPersonReview:
    'You changed the {{language}} text after publishing, and the district requires a second person, so another editor marks it reviewed. Until then its readers keep what they had before the change.',
  revisionRequired:
    'Not marked reviewed: where the district requires a second person, a review names the {{language}} text it read. Give "revision" as GET /digests/DATE answered it for this language.',
  translationSavedBeforeReview:
    'Not marked reviewed: someone saved the {{language}} text after you opened it. This is the text now; check it, then mark it reviewed.',
  translationSavedBeforeSettling:
    'Nothing was changed: someone saved the {{language}} text after you opened it. This is the text now; press the button again if it still applies.',
  heldRevisionRequired:
    'Nothing was changed: nothing said which {{language}} text was seen. Open its tab again and press the button there, or give "revision" as GET /digests/DATE answered it.',
  nothingHeld:
    'The {{language}} text is not waiting for a second person, so there are no changes to discard or to hold back.',
  nothingToWithdraw:
    'The {{language}} readers already get the district’s own text until the changes are reviewed.',
  translationSavedWhileDrafting:
    'Someone saved the {{language}} text while the translation service was drafting it, so nothing was filled in: their text is below. Press Draft a translation again to fill what is still empty.',
  translationSavedMeanwhile:
    'Someone saved the {{language}} text after you opened it. Your words are below: Save again to put them in place of theirs, or open the tab afresh to see what they saved.',
  // Translations.
  unknownLanguage: '“{{lang}}” is not one of the languages this district translates into ({{offered}}).',
  oneLanguage:
    'This district offers one language only, so there is nothing to translate (Settings: Languages).',
  untranslated: {
    notReviewed_one:
      'Not marked reviewed: one text has no {{language}} yet ({{texts}}). Its readers would get it in the original language. Translate it, then mark the language reviewed.',
    notReviewed_other:
      'Not marked reviewed: {{count, number}} texts have no {{language}} yet ({{texts}}). Its readers would get them in the original language. Translate them, then mark the language reviewed.',
    title: 'the title',
    intro: 'the intro',
    headline: 'the headline of “{{post}}”',
    blurb: 'the blurb of “{{post}}”',
    imageAlt: 'the picture description of “{{post}}”',
  },
  nothingToTranslate: 'Nothing is selected for {{day}} yet. Choose the posts first, then translate them.',
  takenDown: 'This digest was taken down, so its translations cannot change.',
  translationChangedMeanwhile:
    'The digest changed after this {{language}} page was opened, so the translation was not saved: it may no longer match the district’s text. Look at the district’s text as it is now, then save again.',
  notInThisDigest: 'Post {{id}} is not in this digest; translate the posts the digest holds.',
  noTranslationService:
    'No translation service is configured (TRANSLATE_URL, or the AI binding on Workers), so nothing can be drafted. Write the translation in the fields.',
};
