// What importing subscribers from a CSV file answers (subscriptions/import-subscribers.ts): shown in the desk and
// returned by the API and the command line, in English. Line numbers and counts as counted, without separators.
export const importOutcomes = {
  attestationTooShort:
    'Say in a sentence (at least 20 characters) how these people agreed to receive the digest, for example “Opted in on the 2026 back-to-school form”. Nothing was imported.',
  unreadable: '{{problem}} Nothing was imported.',
  noRows: 'The file has no rows. Nothing was imported.',
  tooManyRows: 'The file has more than {{max}} rows; import at most {{max}} at a time. Nothing was imported.',
  noAddresses: 'The file has no addresses. Nothing was imported.',
  problems_one: 'Nothing was imported. Fix this line and try again: {{problems}}.',
  problems_other: 'Nothing was imported. Fix these {{count}} lines and try again: {{problems}}.',
  /** After the problems of a file that was not UTF-8: how it was read, and what to do if that misread it. */
  readAsWindows1252:
    'The file is not saved as UTF-8, so it was read the way Excel on Windows saves “CSV (Comma delimited)”; if an address or a school’s name above looks garbled, save the file as “CSV UTF-8” instead and choose it again.',
  readAsMacRoman:
    'The file is not saved as UTF-8, so it was read the way Excel on a Mac saves “Comma Separated Values”; if an address or a school’s name above looks garbled, save the file as “CSV UTF-8” instead and choose it again.',
  /** The first problems, and how many more were not shown. */
  andMore: '{{problems}}; and {{more}} more',
  line: {
    badAddress: 'line {{line}} (“{{address}}”): {{problem}}',
    unknownSchool: 'line {{line}}: there is no school called “{{school}}”',
    unknownLanguage: 'line {{line}}: the language “{{code}}” is not one the district offers ({{offered}})',
  },
};
