// The outbox: emails written to a folder instead of sent when no SMTP server is configured.
export const outbox = {
  title: 'Outbox',
  sentBySmtp:
    'Email goes out through the SMTP server named by {{variable}}, so no copies are kept here. Delivery of each digest is recorded per subscriber.',
  sentByPostmark:
    'Email goes out through Postmark, so no copies are kept here. Delivery of each digest is recorded per subscriber.',
  off: 'Email is off: set {{variable}} (npx wrangler secret put POSTMARK_SERVER_TOKEN) to send it. Until then nothing is sent, and nothing is kept here.',
  writtenHere:
    'No SMTP server is configured ({{variable}} is not set), so every email is written to the outbox folder instead of being sent. Newest first.',
  empty: 'No emails yet.',
  written: 'Written',
  to: 'To',
  subject: 'Subject',
  linkHidden: 'Account email: link hidden',
  back: '← Outbox',
  accountEmail:
    'This email carries a link into an account (an invitation, a password link or an address change). Only administrators see it here, and its one-time link is hidden: it works for the person it was sent to. To give someone a password link yourself, use {{people}}.',
  people: 'People',
  download: 'Download the .eml file',
  asHtml: 'As HTML',
  htmlFrame: 'The email as HTML',
  asText: 'As plain text',
};
