// One entry of the digest on the desk: its fields and buttons, what the checks found, and overriding a finding.
export const entry = {
  original: 'Original post',
  newTab: ' (opens in a new tab)',
  headline: 'Headline',
  blurb: 'Blurb',
  noImages: 'The post has no images.',
  image: 'Image',
  noImage: 'No image',
  imageNumber: 'Image {{number}}',
  imageNumberDescribed: 'Image {{number}}: {{alt}}',
  noRelease: 'This account has no media release on file: a photo needs a recorded confirmation.',
  pictureWasTakenDown: 'Taken down {{when}}: not shown again',
  alt: 'Alt text for the image',
  altHint: 'What the picture shows, for readers who cannot see it. First names only.',
  takeDown: 'Take this post down…',
  takeDownHint:
    'It disappears at once from the page, the feeds, the embed and every email not sent yet. Readers see that a post was removed, not which or why.',
  why: 'Why (kept in the audit log)',
  takeItDown: 'Take it down',
  takePictureDown: 'Take only the picture down…',
  takePictureDownHint:
    'The post stays. Its picture is deleted in every size and disappears from the page, the feeds, the embed, link previews and emails already delivered, the next time they are opened.',
  takeThePictureDown: 'Take the picture down',
  pictureShared_one:
    'The same picture is in one other published post ({{days}}): it comes down there too, and its feed’s owner is emailed if this one is, with the same words.',
  pictureShared_other:
    'The same picture is in {{count, number}} other published posts ({{days}}): it comes down there too, and their feeds’ owners are emailed if this one is, with the same words.',
  tellOwner: 'Email {{email}}, who owns this feed, that it was taken down',
  tellOwnerPicture: 'Email {{email}}, who owns this feed, that its picture was taken down',
  tellOwnerHint:
    'They get the post’s headline and the day, not the reason above. Add words of your own if they should know why or what to change on their own site.',
  ownerWords: 'Words for {{email}} (optional)',
  ownerStopped:
    '{{email}} stopped the other emails about their feed on {{when}}; a takedown’s note still reaches them when this box is ticked.',
  noOwner: 'The feed has no owner’s email address, so nobody is told. Its source page can record one.',
  up: 'Up',
  upNamed: 'Up: {{headline}}',
  down: 'Down',
  downNamed: 'Down: {{headline}}',
  remove: 'Remove',
  removeNamed: 'Remove: {{headline}}',
  findings: 'Check findings',
  changedAfterPublishing:
    'Its feed showed it differently after publishing (read {{day}}): its teacher may have changed its text, title or pictures. Look at the original, then correct the digest or take the post down if it needs it.',
  changedPictureGone:
    'Since publishing, its feed no longer shows the picture the digest shows (read {{day}}). A teacher who takes a picture out has often found something wrong with it: look at the original, and take the picture down here too unless you know why it went.',
  kinds: {
    studentName: 'Student name',
    photoWithoutRelease: 'Photo without release',
    tone: 'Tone',
    missingAltText: 'Missing alt text',
    unauthorizedSource: 'Unauthorized account',
    outsideDay: 'Another day',
    pictureUnavailable: 'Picture not copied',
    pictureLikeTakenDown: 'Like a picture taken down',
    pictureNotInPost: 'Picture left the post',
    translationUnreviewed: 'Translation not reviewed',
    correctionNote: 'Correction note',
  },
  recordedFine: 'Recorded as fine: “{{reason}}”',
  earlierReason:
    'A reason was recorded before this found what it finds now, and does not cover what was added since: change it, or record why this is fine too. Recorded then: “{{reason}}”',
  recordWhy: 'Record why this is fine',
  askAnEditor:
    'Recording why it is fine is for an editor: change the text, or ask an editor to look at it before it is published.',
  reason: 'Reason (kept in the audit log)',
  recordOverride: 'Record override',
  reasonWithCorrection: 'The reason is recorded with the correction when you press Publish correction.',
};
