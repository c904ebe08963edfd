// Notices to staff (a draft submitted for review, an invitation, a password link): one heading, a few
// paragraphs, at most one button, in HTML and plain text.
import { renderBranded } from './brand-email';
import { compiledTemplates } from './compiled-templates';
import { emailLanguage, type EmailSite } from './render-digest-email';

export interface Notice {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
}

export function renderNoticeEmail(site: EmailSite, notice: Notice) {
  const { t } = emailLanguage(site);
  const html = renderBranded(
    compiledTemplates.notice,
    { ...site, ...notice, action: notice.action ?? null, fallback: t('email.buttonFallback') },
    site,
    notice.subject,
  );
  const text = [
    `${site.districtName} · ${site.siteTitle}`,
    notice.heading,
    '',
    ...notice.paragraphs.flatMap((p) => [p, '']),
    ...(notice.action ? [`${notice.action.label}: ${notice.action.url}`, ''] : []),
  ].join('\n');
  return { subject: notice.subject, html, text };
}
