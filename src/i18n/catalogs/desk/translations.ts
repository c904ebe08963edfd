// A digest's tab for each of the district's other languages: each field beside the district's own text, and
// Save, Draft a translation and Mark reviewed.
export const translations = {
  tabs: 'Languages of this digest',
  own: '{{language}} (the district’s)',
  heading: '{{language}} for {{date}}',
  machineDraft: 'machine draft',
  districtText: '{{field}}, the district’s text',
  empty: '(empty)',
  reviewed: 'Reviewed',
  reviewedBy: 'by {{name}}, {{when}}',
  readersHave: 'Its readers have now:',
  readersHaveOriginal: 'Its readers have the district’s text here now.',
  reviewedByWriter:
    '{{name}} wrote this text too, and a writer’s own review is not a second person’s: check it, and press Mark reviewed.',
  apiToken: 'an API token',
  notReviewed: 'Not reviewed',
  held: 'The digest is held until someone reviews this language.',
  heldPublished:
    'The digest is out: until someone reviews this language, its readers get the district’s own text, with a line saying so.',
  labelled:
    'Published as it is, with the line “Translated automatically” (“Translation not yet reviewed” once no machine draft is left in it).',
  heldForSecond:
    'Changed after publishing by {{names}}: the district requires a second person, so its readers keep what they had before the change until another editor marks it reviewed.',
  heldForSecondProgram:
    'Changed after publishing through an API token: the district requires a second person, so its readers keep what they had before the change until an editor marks it reviewed.',
  heldForSecondNothingShown:
    'Changed after publishing by {{names}}: the district requires a second person, so until another editor marks it reviewed its readers get the district’s own text, with a line saying so.',
  heldForSecondProgramNothingShown:
    'Changed after publishing through an API token: the district requires a second person, so until an editor marks it reviewed its readers get the district’s own text, with a line saying so.',
  fallback: 'Its readers get the district’s own text, with a line saying so.',
  nothing:
    'Nothing is selected for this day yet. Choose the posts in the {{link}} first, then translate them.',
  districtLanguage: 'district’s language',
  digest: 'The digest',
  title: 'Title',
  intro: 'Intro',
  correction: 'The latest correction’s note (optional)',
  posts: 'Posts in the digest, in {{language}}',
  headline: 'Headline',
  blurb: 'Blurb',
  alt: 'Picture alt text',
  save: 'Save',
  draft: 'Draft a translation',
  review: 'Mark reviewed',
  draftHint:
    'Draft a translation fills only the empty fields, from {{provider}}, and marks them machine drafts. ',
  reviewHint: 'Mark reviewed saves the page and records that you checked every field in {{language}}.',
  reviewHintSecondPerson:
    'The digest is out and the district requires a second person: what you save here reaches readers once an editor other than you checks every field in {{language}} and presses Mark reviewed. Pressed with changes of your own, it saves them and records that you checked the rest; yours then wait for another editor.',
  reviewIsOthers:
    'You changed the {{language}} text after publishing, so another editor checks it and marks it reviewed; until then its readers get the district’s own text.',
  reviewIsOthersKept:
    'You changed the {{language}} text after publishing, so another editor checks it and marks it reviewed; until then its readers keep what they had before the change.',
  reviewOthersChanges:
    'You and others changed the {{language}} text after publishing. Mark reviewed records that you checked their changes; yours then wait for another editor, who checks them and marks it reviewed.',
  missing_one: 'One text has no {{language}}, so its readers get it in {{own}}: {{texts}}.',
  missing_other:
    '{{count, number}} texts have no {{language}}, so its readers get them in {{own}}: {{texts}}.',
  missingSinceReview_one:
    ' A correction changed it after the review, which emptied it here. Translate it, then press Mark reviewed.',
  missingSinceReview_other:
    ' A correction changed them after the review, which emptied them here. Translate them, then press Mark reviewed.',
  missingNote:
    'The latest correction’s note has no {{language}}, so its readers read it in {{own}}: write it under “The latest correction’s note”, if you can.',
  badDate: 'That is not a valid date.',
  saved: '{{language}} saved.',
  savedNotReviewed: '{{language}} saved. It is not reviewed.',
  savedHeld:
    '{{language}} saved. Its readers keep what they had before the change until another editor checks it and marks it reviewed.',
  savedReviewed: '{{language}} saved and marked reviewed.',
  savedOthersChecked:
    '{{language}} saved, and the other editors’ changes are recorded as checked by you. Yours wait: another editor checks them and marks {{language}} reviewed, and its readers keep what they had until then.',
  savedOwnChanges:
    '{{language}} saved. It has changes of yours, so it is not marked reviewed: another editor checks them and marks it reviewed, and its readers keep what they had until then.',
  discard: 'Discard the changes',
  discarded:
    'The changes to the {{language}} text are discarded: the tab is back to what its readers have, and nothing waits for a review.',
  discardedToNothing:
    'The changes to the {{language}} text are discarded. Its readers had none of it, so the tab is empty again and nothing waits for a review.',
  discardHint:
    ' Discard the changes puts the tab back to what its readers have now, if the changes should not go out.',
  discardHintNothing:
    ' Discard the changes empties the tab: its readers have none of this text now (they read the district’s own), and nothing waits for a review.',
  withdraw: 'Give readers the district’s text until then',
  withdrawn:
    'Until the {{language}} text is reviewed, its readers get the district’s own text. The changes still wait for a second person.',
  withdrawHint:
    ' If what its readers have now must not stay meanwhile (a student’s full name, say), Give readers the district’s text until then takes it from them at once.',
  unscheduled:
    'The digest was scheduled to publish; a translation is part of what is checked, so it is a draft again: schedule it once more when it is ready.',
  drafted_one:
    'One empty field was filled by {{provider}} and marked a machine draft. Check it, then press Mark reviewed.',
  drafted_other:
    '{{count, number}} empty fields were filled by {{provider}} and marked machine drafts. Check each one, then press Mark reviewed.',
  nothingDrafted: 'Every field already has a translation, so nothing was drafted.',
};
