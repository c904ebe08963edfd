// Settings (administrators only): each district setting's label, help and what its check answers, the logo and
// the student roster.
export const settings = {
  title: 'Settings',
  social: '{{link}}: the district’s Mastodon, Bluesky and Facebook accounts.',
  socialLink: 'Social accounts',
  save: 'Save settings',
  pickColour: '{{label}}: pick a colour',
  saved: 'Settings saved.',
  languageRemoved_one:
    '{{count, number}} subscriber reads the digest in {{language}}: their emails now come in {{own}}, and the /{{lang}} pages no longer answer. Add {{language}} again to give it back to them.',
  languageRemoved_other:
    '{{count, number}} subscribers read the digest in {{language}}: their emails now come in {{own}}, and the /{{lang}} pages no longer answer. Add {{language}} again to give it back to them.',
  notSaved: 'Not saved: {{problems}}',
  savedAlongside: 'Saved: {{settings}}.',
  noSuchSetting: 'There is no setting called "{{key}}". Known settings: {{known}}.',
  problem: '{{label}} ({{key}}) {{problem}}',
  problemInForm: '{{label}} {{problem}}',
  logo: {
    heading: 'Logo',
    label: 'The logo: a PNG, JPEG or WebP image, at most 500 KB',
    none: 'No logo yet: the district name is shown on its own.',
    unreadable:
      'The logo stored here cannot be read as a picture, so pages show none where it goes. Upload it again (saved from an image editor as PNG, JPEG or WebP).',
    darkLabel: 'Optional: the logo drawn for dark backgrounds (light lines, transparent background)',
    darkNone: 'None: the site’s and the email’s masthead, in the main colour, show the logo on a white tile.',
    current: 'The current logo',
    currentDark: 'The current logo for dark backgrounds',
    upload: 'Upload logo',
    uploadDark: 'Upload the dark-background logo',
    remove: 'Remove logo',
    removeDark: 'Remove the dark-background logo',
    removed: 'The logo is removed.',
    removedDark: 'The logo for dark backgrounds is removed.',
    saved: 'The logo is saved.',
    savedDark: 'The logo for dark backgrounds is saved.',
    choose: 'Choose an image file to upload.',
    type: 'The logo must be a PNG, JPEG or WebP image.',
    tooLarge: 'The logo is larger than 500 KB; save a smaller version and try again.',
    notImage: 'That file is not the image its name says it is.',
  },
  nothingChanged: 'Nothing changed.',
  readAsWindows1252:
    'The file is not saved as UTF-8, so it was read the way Excel on Windows saves “CSV (Comma delimited)”. If it came from somewhere else and has names with accents, save it as “CSV UTF-8” instead and load it again.',
  readAsMacRoman:
    'The file is not saved as UTF-8, so it was read the way Excel on a Mac saves “Comma Separated Values”, as its line ends or its accented letters suggest. If it was saved on Windows instead, or names with accents may have come out wrong, save it as “CSV UTF-8” and load it again.',
  roster: {
    heading: 'Student surname roster',
    lead: 'Optional. When a roster is loaded, the name check flags any of these surnames, even on their own. The surnames are kept only as fingerprints made with the district’s key: the list cannot be shown or exported here.',
    loaded_one: '{{count, number}} surname loaded.',
    loaded_other: '{{count, number}} surnames loaded.',
    none: 'No roster loaded.',
    loadAgain:
      'It still works, but only for surnames spelled exactly as in the file. Load the file again so that surnames written without their accents match too (“Nunez” for Núñez).',
    file: 'A text or CSV file with one surname per line (a column headed “Surname” or “Last name”, or else the first column)',
    replace: 'Replace the roster',
    clear: 'Clear the roster',
    cleared: 'The roster is cleared.',
    choose: 'Choose a file with one surname per line.',
    tooLarge: 'That file is larger than 2 MB; a roster of surnames is much smaller.',
    tooLong: 'That file has more than 200,000 rows; a roster of surnames is much shorter. Nothing changed.',
    noSurnameColumn:
      'The file’s columns are headed as first names or full names, and the roster holds surnames: give it a column headed “Surname” (or “Last name”), or one surname per line. Nothing changed.',
    noneFound: 'No surnames found: the file should have one surname per line.',
    replaced_one: 'Roster replaced: {{count, number}} surname, kept as fingerprints only.',
    replaced_other: 'Roster replaced: {{count, number}} surnames, kept as fingerprints only.',
  },
  noRelease: {
    heading: 'Students without a media release',
    lead: 'Optional. The office’s list of students whose families have not signed a media release. A post with a picture that names one of them (by first name, as posts do) is held until someone removes the picture or records who confirms it is another student. Only first names are kept, as fingerprints made with the district’s key: the list cannot be shown or exported here, and a finding names a listed first name only where a post with a picture uses it.',
    loaded_one: '{{count, number}} first name on file.',
    loaded_other: '{{count, number}} first names on file.',
    none: 'No list on file.',
    loadAgain:
      'It still works, but only for names spelled exactly as in the list. Load the list again so that names written without their accents match too (“Jose” for José).',
    names: 'Their names, one per line (“Maya”, “Maya Lopez” or “Lopez, Maya”: the first name is kept)',
    file: 'Or a CSV file with one student per line (its first-name column, or its name column, is read)',
    replace: 'Replace the list',
    clear: 'Clear the list',
    cleared: 'The list of students without a media release is cleared.',
    choose: 'Type the students’ names, one per line, or choose a file.',
    tooLarge: 'That is more than 2 MB; a list of first names is much smaller.',
    noneFound:
      'No names found: give one student per line (“Maya”, “Maya Lopez” or “Lopez, Maya”). Nothing changed.',
    surnamesOnly:
      'The file has a last-name column but no first-name or name column, and posts name students by first name: save the first names (or the full names) as CSV and try again. Nothing changed.',
    unreadable:
      'The file could not be read as CSV. Save it from the spreadsheet as “CSV (comma-separated)” and try again. Nothing changed.',
    noHeader:
      'The file has more than one column and no heading row, so which holds first names is not known: add a heading row with “First name” (or “Name”) above the names, or type the names in. Nothing changed.',
    tooLong: 'The file has more than 20,000 rows; a list of students is shorter. Nothing changed.',
    skipped_one: '{{count, number}} line held no name and was left out.',
    skipped_other: '{{count, number}} lines held no name and were left out.',
    replaced_one:
      'List replaced: {{count, number}} first name, kept as a fingerprint only. Pictures in posts that name it are held.',
    replaced_other:
      'List replaced: {{count, number}} first names, kept as fingerprints only. Pictures in posts that name them are held.',
  },
  fonts: {
    bookSerif: 'Book serif (Charter, Cambria, Georgia)',
    classicSerif: 'Classic serif (Palatino, Book Antiqua)',
    systemSans: 'System sans-serif (the device’s own)',
    humanistSans: 'Humanist sans-serif (Seravek, Gill Sans, Calibri)',
    roundedSans: 'Rounded sans-serif (SF Rounded, Quicksand, Comfortaa)',
    slabSerif: 'Slab serif (Rockwell, Roboto Slab)',
  },
  checks: {
    notEmpty: 'must not be empty.',
    oneOf: 'must be one of {{values}}.',
    noCatalog: 'lists {{codes}}, which Yesterday has no catalog for; use {{known}}.',
    timeZone: 'must be an IANA time zone such as America/Chicago.',
    time: 'must be a 24-hour time such as 07:00.',
    days: 'must list days as mon,tue,wed,thu,fri,sat,sun.',
    noDay: 'needs at least one day: a digest that never goes out is never read.',
    wholeNumber: 'must be a whole number from {{min}} to {{max}}.',
    yesNo: 'must be true or false.',
    origins: 'must list origins like https://www.district.example (not {{bad}}).',
    email: 'must be one email address, such as digest@district.example, or empty.',
  },
  embedPaste:
    'On the district site, paste these lines where the digest should appear (the second is for browsers without JavaScript):',
  embedLink: 'What happened yesterday in our classrooms',
  embedOptions:
    'data-count (1–5) shows more days, data-school="lincoln-elementary" one school’s posts, data-lang="es" another of the district’s languages, and data-theme="plain" leaves out the embed’s own header. WordPress and Drupal embed a digest from its address alone. The guide’s section on the embed (docs/guide.md) has the rest.',
  fields: {
    districtName: {
      label: 'District name',
      help: 'Shown in the header of every page and email.',
    },
    languages: {
      label: 'Languages',
      help: 'The languages the site and the emails are offered in. The district’s own stays at the site’s root; each other one ticked gets its own pages (/es/, /ar/ and so on), feeds and emails, and a tab on the desk to translate each digest.',
      own: 'The district’s own language',
      others: 'Offered in (the district’s own always is)',
    },
    siteTitle: {
      label: 'Site title',
      help: 'The name of the digest blog. Left as “What happened yesterday”, each language shows its own translation of it; a title of your own is shown as written.',
    },
    contactEmail: {
      label: 'Contact address',
      help: 'An email address of the district’s digest team. The For teachers page and the foot of every public page give it, so teachers and families can say when something is wrong or ask how to take part. Left empty, no address is shown.',
    },
    brandPrimary: {
      label: 'Main colour',
      help: 'The header of every page, the embed and the email, and links. White text sits on it, so it must be dark enough to read (checked before saving).',
    },
    brandAccent: {
      label: 'Accent colour',
      help: 'School names above each post. It is text on white, so it must be dark enough to read (checked before saving).',
    },
    headingFont: {
      label: 'Heading font',
      help: 'Titles and headlines on the site, in the embed and in the email. Fonts readers already have; nothing is downloaded.',
    },
    bodyFont: { label: 'Body font', help: 'Everything else on the site and in the embed.' },
    timezone: {
      label: 'Time zone',
      help: 'An IANA time zone such as America/Chicago; decides which items belong to which day.',
    },
    publishTime: {
      label: 'Publish time',
      help: 'Local time (24-hour HH:MM) at which a ready digest goes out.',
    },
    publishDays: {
      label: 'Publish days',
      help: 'Days the digest goes out. A day with nothing posted the day before sends nothing anyway.',
    },
    pollInterval: {
      label: 'Feed check interval (minutes)',
      help: 'How often each feed is checked for new posts.',
    },
    fetchConcurrency: {
      label: 'Feeds fetched at once',
      help: 'How many feeds are fetched in parallel across all hosts.',
    },
    requireApproval: {
      label: 'Require a second person’s approval',
      help: 'When on, a digest can be published only after someone other than its last editor approves it.',
    },
    translationUnreviewed: {
      label: 'A translation nobody reviewed',
      help: 'What happens to a language other than the district’s own that no one marked reviewed: hold the publish until someone does, publish it with the line “Translated automatically” (“Translation not yet reviewed” where people wrote all of it), or show that language’s readers the district’s own text with a line saying so. A change here also changes what the readers of digests already published get, on the site and in the feeds (emails already sent stay as they went).',
      hold: 'Hold the publish until it is reviewed',
      labelled: 'Publish it, marked “Translated automatically” or “Translation not yet reviewed”',
      fallback: 'Show the district’s own language, with a line saying so',
    },
    embedOrigins: {
      label: 'Sites allowed to embed the digest',
      help: 'One origin per line, such as https://www.district.example. Only these may show /embed in a frame. A browser that already loaded embed.js keeps showing the plain link for up to an hour; try a private window.',
    },
    toneWords: {
      label: 'Tone check: words and phrases to flag',
      help: 'One per line. Wording that mocks, shames or complains is flagged before publishing.',
    },
    nameAllowlist: {
      label: 'Name check: names never to flag',
      help: 'One per line: historical figures, authors, the people schools are named after (e.g. Abraham Lincoln).',
    },
    notifyOwnersWelcome: {
      label: 'Welcome owners of new feeds',
      help: 'When on, the owner of a feed that is authorized (added with an owner, authorized later, or given a new owner) gets one email saying what the digest is, the rules posts are checked against, and when the authorization is reviewed.',
    },
    notifyOwnersFeatured: {
      label: 'Tell owners when their post is featured',
      help: 'When on, each published digest sends one email to the owner of every account it features, listing their posts.',
    },
    notifyOwnersBroken: {
      label: 'Tell owners when their feed breaks',
      help: 'When on, an account’s owner hears after its feed has failed for three days, and again when it works.',
    },
    authorizationReviewMonths: {
      label: 'Review authorizations after (months)',
      help: 'A new source’s authorization is due for review this many months after it was given.',
    },
    coverageQuietWeeks: {
      label: 'Mark schools not featured for (weeks)',
      help: 'The inbox labels a school whose posts have not been in a digest for this many weeks.',
    },
  },
};
