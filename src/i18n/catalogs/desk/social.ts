// Settings → Social accounts, and the social side of the inbox: each post in the Preview and after publishing.
export const social = {
  title: 'Social accounts',
  lead: 'Each account below gets one post for every digest, when it is published: the title, a line about the day, and the digest’s address. A correction adds a reply to that post; taking a digest down deletes its posts. {{back}}',
  back: 'Back to Settings',
  noKey:
    'Accounts can be connected once whoever runs Yesterday for the district sets SOCIAL_SECRET_KEY, the key their tokens are stored encrypted with: they make one with {{command}} (README, Configuration).',
  connected: 'Connected',
  none: 'No accounts are connected.',
  posting: 'posting',
  stopped: 'stopped',
  disconnect: 'Disconnect {{name}}',
  connect: 'Check and connect',
  mastodon: {
    heading: 'Connect a Mastodon account',
    server: 'Server address',
    secret: 'Access token',
    help: 'On the server: Preferences → Development → New application, with the scopes write:statuses and write:media; copy “Your access token”.',
  },
  bluesky: {
    heading: 'Connect a Bluesky account',
    server: 'Server (PDS) address',
    login: 'Handle',
    secret: 'App password',
    help: 'In Bluesky: Settings → Privacy and security → App passwords → Add app password. Not the account’s own password.',
  },
  facebook: {
    heading: 'Connect a Facebook Page',
    login: 'Page ID',
    secret: 'Page access token',
    help: 'A long-lived Page access token with pages_manage_posts, from Meta’s Graph API Explorer or your district’s Meta app.',
  },
  post: {
    heading: 'The post',
    template: 'Template',
    templateHelp:
      '{{title}} is the digest’s title and date, {{summary}} its intro’s first line (or its first headlines and how many posts from how many schools), {{link}} its address, which must be there once. Too long for a network (Mastodon 500 characters, Bluesky 300), the summary is shortened; the link never is. The desk’s Preview shows each post.',
    language: 'Language of the posts',
    languageHelp: 'A two-letter code such as en or es.',
    save: 'Save',
  },
  chooseNetwork: 'Choose Mastodon, Bluesky or Facebook.',
  notConnected: 'Not connected: {{message}}',
  connectedAccount:
    'Connected {{network}} account {{name}}. It posts once for each digest published from now on.',
  disconnected: 'Disconnected {{name}}; its token is forgotten. Its past posts stay where they are.',
  notSaved: 'Not saved: {{message}}',
  templateSaved: 'The post template is saved.',
  preview: {
    heading: 'The social posts',
    length: '{{length, number}} of {{limit, number}} characters',
  },
  panel: {
    heading: 'On social media',
    correction: ' (correction)',
    again: ' (posted again after a takedown)',
    state: '{{network}} {{account}}{{correction}}: {{state}}',
    view: 'view the post',
    states: {
      queued: 'waiting to post',
      posting: 'posting now',
      posted: 'posted',
      failed: 'not posted',
      withdrawn: 'not posted (taken down first)',
      deleting: 'being deleted',
      deleted: 'deleted',
    },
  },
};
