// The district's checks' findings (curate/run-checks.ts, curate/translations-checks.ts): what is wrong and what
// to do, shown in the desk and returned by the API and the command line, in English.
export const checks = {
  studentName_one:
    '{{names}} looks like a student’s full name. Use first names only, or record why it is fine.',
  studentName_other:
    '{{names}} look like students’ full names. Use first names only, or record why they are fine.',
  rosterName_one:
    '{{names}} looks like a student’s name on the roster. Use first names only, or record why it is fine.',
  rosterName_other:
    '{{names}} look like students’ names on the roster. Use first names only, or record why they are fine.',
  originalName_one:
    '{{names}} looks like a student’s full name in the teacher’s own post, which the digest links to; the digest’s words are fine. Ask the teacher to use the first name only there, leave the post out, or record why it is fine.',
  originalName_other:
    '{{names}} look like students’ full names in the teacher’s own post, which the digest links to; the digest’s words are fine. Ask the teacher to use first names only there, leave the post out, or record why they are fine.',
  bylineName_one:
    '{{names}} is the post’s author as the feed names it, which the digest prints (“by …”), and looks like a full name. If it is the teacher, record the name as the source’s owner under Sources and it is not asked again; if a student wrote the post, leave it out, or record why it is fine.',
  bylineName_other:
    '{{names}} are the post’s authors as the feed names them, which the digest prints (“by …”), and look like full names. If they are teachers, record the names as the sources’ owners under Sources and they are not asked again; if students wrote the post, leave it out, or record why it is fine.',
  tone: '{{words}} may read as mocking, shaming or complaining. Reword it, or record why it is fine.',
  noteNames_one:
    '{{names}} looks like a student’s full name. A correction note uses first names only, as it goes to every reader as written: reword it.',
  noteNames_other:
    '{{names}} look like students’ full names. A correction note uses first names only, as it goes to every reader as written: reword it.',
  /** A name or word as a finding quotes it, with the fields it is in. */
  found: '“{{word}}” ({{where}})',
  list: '{{items}} and {{last}}',
  field: {
    headline: 'headline',
    blurb: 'blurb',
    alt: 'alt text',
    fileName: 'image file name',
    original: 'original post',
    byline: 'author line',
    link: 'link to the post',
    title: 'title',
    intro: 'intro',
    emailText: 'email text',
    socialPost: 'social post',
    correctionNote: 'correction note',
    translated: '{{language}} {{field}}',
  },
  // A held language's text as its readers have it, named in a finding: "the published Spanish headline".
  publishedLanguage: 'published {{language}}',
  photoWithoutRelease:
    'The image comes from {{source}}, which has no media release on file. Remove the image, or record who confirms that a release exists for everyone pictured.',
  anAccount: 'an account',
  studentsWithoutRelease_one:
    'The post names {{names}}, and a student called {{names}} has no media release on file (Settings, Students without a media release). Remove the image, or record who confirms that this is another {{names}}.',
  studentsWithoutRelease_other:
    'The post names {{names}}, and students with these first names have no media release on file (Settings, Students without a media release). Remove the image, or record who confirms that these are other students.',
  missingAltText: 'The image has no alt text. Describe what it shows, for readers who cannot see it.',
  altRepeatsText:
    'The image’s alt text repeats the post’s words, so a reader who cannot see it learns nothing about the picture. Describe what it shows instead.',
  pictureUnavailable:
    "The picture could not be copied to the district's site: {{problem}} Choose another picture or none, or save again to retry.",
  pictureNotCopied:
    "The picture has not been copied to the district's site yet. Save again to copy it, or choose another picture or none.",
  pictureTakenDown:
    'This picture was taken down on {{day}}, so it will not be shown anywhere again. Choose another picture or none.',
  pictureNotInPost:
    'The post’s feed no longer shows this picture: its teacher may have taken it out since it was chosen, and a teacher who takes a picture out has often found a problem with it. Look at the original, then choose another picture or none; if you know why it went and it may still be shown, record why.',
  pictureLikeTakenDownFrom:
    'This picture looks like the one taken down on {{day}} from “{{headline}}” (the digest of {{digest}}): most likely the same photo at another size, or saved again. Choose another picture or none; if it is a different photo, record why.',
  pictureLikeTakenDown:
    'This picture looks like one taken down on {{day}}: most likely the same photo at another size, or saved again. Choose another picture or none; if it is a different photo, record why.',
  unauthorizedSource:
    'This post comes from an account whose authorization is {{authorization}}. Remove the post, or authorize the account under Sources.',
  outsideDay:
    'This post was published on {{day}} (district time), not on the digest’s day. Remove it, or record why it belongs here.',
  translationUnreviewed_one:
    'The {{languages}} translation is not reviewed for this version. Open its tab, check the text and press Mark reviewed; until then this digest is held (Settings: “A translation nobody reviewed”).',
  translationUnreviewed_other:
    'The {{languages}} translations are not reviewed for this version. Open each tab, check the text and press Mark reviewed; until then this digest is held (Settings: “A translation nobody reviewed”).',
  // The same, once the digest is out: it is not held, its page in that language shows it untranslated.
  translationUnreviewedPublished_one:
    'The {{languages}} translation is not reviewed for this version. Open its tab, check the text and press Mark reviewed; until then the {{languages}} page shows this digest in its original language.',
  translationUnreviewedPublished_other:
    'The {{languages}} translations are not reviewed for this version. Open each tab, check the text and press Mark reviewed; until then their pages show this digest in its original language.',
  // A published digest's language saved where a second person is required: it waits for someone else's review.
  translationHeld_one:
    'The {{languages}} text changed after publishing and waits for a second person: an editor other than the one who saved it opens its tab, checks it and presses Mark reviewed (or any editor discards the changes). Until then its readers keep what they had before the change.',
  translationHeld_other:
    'The {{languages}} texts changed after publishing and wait for a second person: for each, an editor other than the one who saved it opens its tab, checks it and presses Mark reviewed (or any editor discards the changes). Until then their readers keep what they had before the change.',
};
