// The double opt-in email: one button (a link to a page whose own button confirms), in HTML and plain text.
import Mustache from 'mustache';
import { compiledTemplates } from './compiled-templates';
import type { EmailSite } from './render-digest-email';

export function renderConfirmEmail(site: EmailSite, confirmUrl: string, schoolNames: readonly string[]) {
  const view = { ...site, confirmUrl, schoolsLabel: schoolNames.join(', ') };
  const text = [
    site.districtName,
    'Please confirm your subscription',
    '',
    `Someone, probably you, asked to receive ${site.siteTitle}, a short daily email of what happened in ${site.districtName}'s classrooms${view.schoolsLabel ? ` at ${view.schoolsLabel}` : ''}.`,
    '',
    `Confirm your subscription: ${confirmUrl}`,
    '',
    'If you did not ask for this, ignore this email and nothing more will be sent.',
    '',
  ].join('\n');
  return {
    subject: `Confirm your subscription to ${site.siteTitle}`,
    html: Mustache.render(compiledTemplates.confirm, view),
    text,
  };
}
