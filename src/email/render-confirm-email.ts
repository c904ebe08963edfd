// The double opt-in email: one button (a link to a page whose own button confirms), in HTML and plain text.
import { dailyDigestOf } from '../publish/digest-content';
import { renderBranded } from './brand-email';
import { compiledTemplates } from './compiled-templates';
import type { EmailSite } from './render-digest-email';

export function renderConfirmEmail(
  site: EmailSite,
  confirmUrl: string,
  schoolNames: readonly string[],
  /** The address came from a list the district imported, not from the form: ask, do not assume. */
  invited = false,
) {
  const view = { ...site, confirmUrl, schoolsLabel: schoolNames.join(', '), invited };
  const at = view.schoolsLabel ? ` at ${view.schoolsLabel}` : '';
  const text = [
    site.districtName,
    'Please confirm your subscription',
    '',
    invited
      ? `${site.districtName} would like to send you its daily digest, one short email each school day with the best of yesterday in its classrooms${at}. Nothing will be sent unless you confirm.`
      : `Someone, probably you, asked to receive ${dailyDigestOf(site.districtName)}, one short email each school day with the best of yesterday in its classrooms${at}.`,
    '',
    `Confirm your subscription: ${confirmUrl}`,
    '',
    'If you did not ask for this, ignore this email and nothing more will be sent.',
    '',
  ].join('\n');
  return {
    subject: invited
      ? `Would you like ${dailyDigestOf(site.districtName)} by email?`
      : `Confirm your subscription to ${dailyDigestOf(site.districtName)}`,
    html: renderBranded(compiledTemplates.confirm, view, site),
    text,
  };
}
