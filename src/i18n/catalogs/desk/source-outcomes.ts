// What adding, changing, renewing and importing sources and renaming schools answer (src/sources/*): shown in the
// desk and returned by the API and the command line, in English.
export const sourceOutcomes = {
  schoolRequired: 'Name the school this account belongs to.',
  schoolTooLong: 'The school name is too long (at most 120 characters).',
  ownerEmail: "Owner's email: {{problem}}",
  notAnAddress: '"{{address}}" is not a web address. Paste the full feed address, starting with https://.',
  notHttp: 'The feed address must start with http:// or https://.',
  withCredentials:
    'The feed address has a user name or password in it. Yesterday reads public feeds only: give the address anyone can open, without the part before @.',
  alreadyASource: 'This feed is already a source: {{url}}',
  sameAddress:
    'This feed is already a source at {{url}} ({{school}}), the same address written another way, so nothing was added. If the blog moved to this address, change that source’s feed address on its page.',
  samePosts_one:
    '{{count}} of the {{total}} posts this feed carries already comes from {{source}} at {{school}}: it is most likely the same feed at another address, and adding it would put its posts in the inbox twice, so nothing was added. If the blog moved here, change that source’s feed address on its page; if this feed carries other posts too, add it all the same.',
  samePosts_other:
    '{{count}} of the {{total}} posts this feed carries already come from {{source}} at {{school}}: it is most likely the same feed at another address, and adding it would put its posts in the inbox twice, so nothing was added. If the blog moved here, change that source’s feed address on its page; if this feed carries other posts too, add it all the same.',
  samePostsNewest_one:
    '{{count}} of the newest {{total}} posts this feed carries already comes from {{source}} at {{school}}: it is most likely the same feed at another address, and adding it would put its posts in the inbox twice, so nothing was added. If the blog moved here, change that source’s feed address on its page; if this feed carries other posts too, add it all the same.',
  samePostsNewest_other:
    '{{count}} of the newest {{total}} posts this feed carries already come from {{source}} at {{school}}: it is most likely the same feed at another address, and adding it would put its posts in the inbox twice, so nothing was added. If the blog moved here, change that source’s feed address on its page; if this feed carries other posts too, add it all the same.',
  chooseStatus: 'Choose authorized, pending or suspended.',
  authorizationDateInvalid: 'The authorization date must be a date.',
  reviewDateInvalid: 'The review date must be a date.',
  addressTaken: 'Another source already has this address: {{url}}',
  // Authorization, and renewing it.
  authorizedByRequired: 'Give who authorized the account as "NAME, ROLE", e.g. "Dana Hayes, Principal".',
  authorizedByTooLong: 'Who authorized it is too long (at most 120 characters).',
  authorizedOnNotADate: 'The authorization date "{{value}}" is not a date: write it as YYYY-MM-DD.',
  reviewOnNotADate: 'The review date "{{value}}" is not a date: write it as YYYY-MM-DD.',
  reviewBeforeAuthorization:
    'The review date ({{reviewOn}}) must come after the authorization date ({{authorizedOn}}).',
  authorizedAfterToday:
    'The authorization date ({{authorizedOn}}) is after today: give the day the account was authorized.',
  givenReviewPassed:
    'The review date given, {{day}}, has passed, so the account would not be read, and nothing was added. Give a review date after today.',
  reviewPassed:
    'This authorization was due for review on {{day}}, so the account would not be read, and nothing was added. Once the principal has renewed it, give the day it was renewed as the date it was authorized.',
  expired: 'Authorization expired on {{day}}; renew or suspend.',
  nextReviewNotADate: 'The next review "{{value}}" is not a date: write it as YYYY-MM-DD.',
  nextReviewNotAfterToday: 'The next review must be a date after today. Nothing was renewed.',
  renewed: 'Authorization renewed until {{day}}; the feed is read again.',
  // Schools.
  schoolGone: 'That school does not exist; reload the page.',
  schoolNameRequired: 'Type the new name for {{school}}.',
  schoolNameTooLong: 'Keep a school’s name to 120 characters.',
  schoolUnchanged: 'Nothing changed for {{school}}.',
  schoolNameTaken:
    'Another school is already called {{other}}. To merge them, move each source to {{other}} on its own page.',
  schoolRenamed: '{{from}} is now called {{to}}.',
  schoolDistrictWide: 'Posts from {{school}} now go to every subscriber.',
  schoolNotDistrictWide: 'Posts from {{school}} now go only to those who chose it (or every school).',
  notOpml: 'This is not an OPML file (it has no <opml> element).',
  opmlWithoutFeeds: 'The OPML file lists no feeds (no outline has an xmlUrl).',
  // An OPML import's problems, each naming the feed by its place in the file (counted as is, no separators).
  import: {
    notAnAddress: 'Feed {{n}} ({{feed}}): "{{address}}" is not a web address.',
    notHttp: 'Feed {{n}} ({{feed}}): the address must start with http:// or https://.',
    withCredentials:
      'Feed {{n}} ({{feed}}): the address has a user name or password in it; Yesterday reads public feeds only.',
    noSchool:
      'Feed {{n}} ({{feed}}): no school. Put feeds inside a folder named after their school, or give a default school.',
    ownerEmail: 'Feed {{n}} ({{feed}}): owner email: {{problem}}',
    authorization: 'Feed {{n}} ({{feed}}): {{problem}}',
  },
};
