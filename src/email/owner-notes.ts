// Owner notes as they go out: written when sent (so a post taken down meanwhile is not listed, and an owner who
// opted out meanwhile gets nothing), in the owner-note template, with RFC 8058 one-click stop headers.
import { randomToken } from '../auth/tokens';
import { listDigestDates } from '../db/digests';
import type { Message } from '../db/messages';
import { findDigestPost, hasOptedOut, listOwnerFeaturedPosts, ownerKeyOf } from '../db/owner-notes';
import { findSource, type SourceWithSchool } from '../db/sources';
import { listSocialAccounts } from '../db/social-accounts';
import { REVIEW_NOTICE_MS } from '../sources/authorization';
import { formatLongDate } from '../publish/digest-content';
import { addDays, localDateOf } from '../time/zoned-time';
import { plural } from '../text/plural';
import { renderBranded } from './brand-email';
import { compiledTemplates } from './compiled-templates';
import { senderOf } from './email-address';
import { newMessageId, type OutgoingEmail } from './mailer';
import { ownerStopLink } from './owner-note-links';
import type { SendDeps } from './send-digest';

interface Note {
  subject: string;
  heading: string;
  paragraphs: string[];
  links?: { label: string; url: string; detail?: string }[];
  action?: { label: string; url: string };
  footer: string;
}

export type ComposedNote = { email: OutgoingEmail } | { skip: string };

export async function composeOwnerNote(deps: SendDeps, message: Message): Promise<ComposedNote> {
  const source = message.sourceId === null ? undefined : await findSource(deps.db, message.sourceId);
  if (!source) return { skip: 'The source was removed before this email went out.' };
  const toOwner = !!source.ownerEmail && ownerKeyOf(source.ownerEmail) === ownerKeyOf(message.toAddress);
  // A takedown's note goes whatever the owner stopped (it asks them to change their own post), and so offers no
  // link to stop it.
  const takedown = message.kind === 'owner-taken-down' || message.kind === 'owner-picture-taken-down';
  if (toOwner && !takedown && (await hasOptedOut(deps.db, message.toAddress)))
    return { skip: 'The owner asked for no more of these emails.' };
  const note = await noteFor(deps, message, source, toOwner);
  if ('skip' in note) return note;
  const stop =
    toOwner && !takedown
      ? await ownerStopLink(deps.site.publicUrl, deps.signingKey, message.toAddress)
      : null;
  const stopUrl = stop?.url ?? null;
  const html = renderBranded(
    compiledTemplates['owner-note'],
    { ...deps.site, ...note, links: note.links ?? [], action: note.action ?? null, stopUrl },
    deps.site,
    note.subject,
  );
  const text = [
    `${deps.site.districtName} · ${deps.site.siteTitle}`,
    note.heading,
    '',
    ...note.paragraphs.flatMap((p) => [p, '']),
    ...(note.links ?? []).flatMap((link) => [`${link.label}: ${link.url}`, '']),
    ...(note.action ? [`${note.action.label}: ${note.action.url}`, ''] : []),
    note.footer,
    ...(stopUrl ? [`Stop these emails: ${stopUrl}`] : []),
  ].join('\n');
  return {
    email: {
      from: senderOf(deps.mailFrom, deps.site.districtName),
      to: message.toAddress,
      subject: note.subject,
      html,
      text,
      messageId: newMessageId(deps.mailFrom, `${message.kind}-${message.id}-${randomToken(6)}`),
      headers: stopUrl
        ? { 'List-Unsubscribe': `<${stopUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : {},
      ...(stop ? { recipientTokens: [stop.token] } : {}),
    },
  };
}

function feedName(source: SourceWithSchool): string {
  return source.title ?? source.feedUrl;
}

async function noteFor(
  deps: SendDeps,
  message: Message,
  source: SourceWithSchool,
  toOwner: boolean,
): Promise<Note | { skip: string }> {
  const site = deps.site;
  const ownerFooter = `You receive this because you own ${feedName(source)}, a feed ${site.districtName} reads for ${site.siteTitle}.`;
  if (message.kind === 'owner-welcome') {
    if (!toOwner) return { skip: 'The feed has another owner now; they are welcomed on their own.' };
    if (source.authorization !== 'authorized')
      return { skip: 'The feed is no longer authorized, so it is not read for the digest.' };
    const reviewOn = source.reviewAt
      ? formatLongDate(localDateOf(source.reviewAt, site.timezone))
      : undefined;
    // The review's own notice goes a month ahead: said only when it is still to come.
    const toldBefore = !!source.reviewAt && source.reviewAt - deps.now() > REVIEW_NOTICE_MS;
    const feed = source.title ? `${source.title} (${source.feedUrl})` : source.feedUrl;
    const where = (await listSocialAccounts(deps.db)).some((account) => account.status === 'active')
      ? 'on the district’s site, in its feeds and in an email to families, and in a post on the district’s social accounts that links to the digest'
      : 'on the district’s site, in its feeds and in an email to families';
    return {
      // Added through the API or the command line, a feed has no title until it is first read.
      subject: `${source.title ?? 'Your feed'} is now read for ${site.siteTitle}`,
      heading: 'Your class account is part of the district’s digest',
      paragraphs: [
        // Who authorized it only when recorded (the API, the command line and OPML files may not say).
        `${feed} was added to ${site.siteTitle}, the daily digest of what happened in ${site.districtName}’s classes, as an account of ${source.schoolName}.${source.authorizedBy ? ` The authorization was given by ${source.authorizedBy}.` : ''}`,
        `On each day the digest goes out, the district’s coordinator picks some of the posts the class accounts wrote the day before and publishes them once: ${where}. The digest links each post to the original. Your posts stay yours; the digest shows a headline, a short text and at most one picture of each.`,
        'Before anything is published, it is checked against the rules of the district’s social media policy, which are worth keeping in mind as you post: students by their first name only; photos of students only when their family has given a media release; nothing that mocks or embarrasses anyone.',
        ...(reviewOn
          ? [
              `The authorization is due for review on ${reviewOn}${toldBefore ? '; you will hear from us a month before then' : ''}.`,
            ]
          : []),
        site.contactEmail
          ? `Questions, or something the digest showed from your account that should change? Write to ${site.contactEmail}.`
          : 'Questions, or something the digest showed from your account that should change? Ask your school’s coordinator.',
      ],
      action: { label: 'Read the page for teachers', url: `${site.publicUrl}/teachers` },
      footer: ownerFooter,
    };
  }
  if (message.kind === 'owner-featured') {
    const digestId = message.digestId ?? -1;
    const [posts, dates] = await Promise.all([
      listOwnerFeaturedPosts(deps.db, digestId, message.toAddress),
      listDigestDates(deps.db, [digestId]),
    ]);
    const date = dates.get(digestId);
    if (!date || posts.length === 0)
      return { skip: 'The posts (or the digest) were taken down before this email went out.' };
    return {
      subject: `Your post is in ${site.siteTitle} for ${formatLongDate(date)}`,
      heading: posts.length === 1 ? 'Your post was featured' : 'Your posts were featured',
      paragraphs: [
        `${site.siteTitle} for ${formatLongDate(date)} features ${plural(posts.length, 'post')} of yours. Thank you for sharing what happens in your class.`,
      ],
      links: posts.map((post) => ({
        label: post.headline,
        url: post.url ?? `${site.publicUrl}/digests/${date}`,
        detail: [post.school, post.sourceTitle].filter(Boolean).join(' · '),
      })),
      action: { label: 'Read the digest', url: `${site.publicUrl}/digests/${date}` },
      footer: ownerFooter,
    };
  }
  if (message.kind === 'owner-taken-down' || message.kind === 'owner-picture-taken-down') {
    const post =
      message.digestId === null || message.itemId === null
        ? undefined
        : await findDigestPost(deps.db, message.digestId, message.itemId);
    if (!post) return { skip: 'The post is no longer in the digest this email was about.' };
    const picture = message.kind === 'owner-picture-taken-down';
    const day = formatLongDate(post.date);
    return {
      subject: picture
        ? `The picture of your post was taken down from ${site.siteTitle}`
        : `Your post was taken down from ${site.siteTitle}`,
      heading: picture ? 'The picture of your post was taken down' : 'Your post was taken down',
      paragraphs: [
        picture
          ? `“${post.headline}” is in ${site.siteTitle} for ${day}, without its picture now: the picture no longer shows on the site or in its feeds, and emails already delivered stop showing it when they are next opened.`
          : `“${post.headline}” was in ${site.siteTitle} for ${day}. It has been taken down: it no longer shows on the site, in its feeds or in the emails still to go out.`,
        // The coordinator's words as they wrote them, a paragraph for each of their lines.
        ...(message.note
          ? message.note
              .split(/\n+/)
              .map((line) => line.trim())
              .filter(Boolean)
              .map((line, n) => (n === 0 ? `A word from ${site.districtName}: ${line}` : line))
          : []),
        `Your own post is as it was. If it should change there too (a photo without a media release, a student’s full name), please change it on your site.`,
        site.contactEmail
          ? `Questions? Write to ${site.contactEmail}.`
          : 'Questions? Ask your school’s coordinator.',
      ],
      links: post.url ? [{ label: post.headline, url: post.url, detail: post.school }] : [],
      footer: ownerFooter,
    };
  }
  if (message.kind === 'owner-broken') {
    if (source.errorCount === 0) return { skip: 'The feed worked again before this email went out.' };
    return {
      subject: `We cannot read ${feedName(source)}`,
      heading: 'Your feed has not worked for three days',
      paragraphs: [
        `Since ${source.lastSuccessAt ? formatLongDate(localDateOf(source.lastSuccessAt, site.timezone)) : 'it was added'}, every attempt to read ${source.feedUrl} has failed, so your posts are not reaching the digest.`,
        `What went wrong: ${source.lastError ?? 'the feed could not be read.'}`,
        'What to do: open the address above in a browser. If the account is now private, make it public again; if it moved to a new address, tell your school’s coordinator the new one. You will get one more email when it works again.',
      ],
      footer: ownerFooter,
    };
  }
  if (message.kind === 'owner-recovered') {
    return {
      subject: `${feedName(source)} works again`,
      heading: 'Your feed works again',
      paragraphs: [
        `We read ${source.feedUrl} again without trouble. Your new posts reach the digest as before.`,
      ],
      footer: ownerFooter,
    };
  }
  // review-notice
  if (source.authorization !== 'authorized' || !source.reviewAt)
    return { skip: 'The authorization was renewed, suspended or expired before this email went out.' };
  const reviewOn = formatLongDate(localDateOf(source.reviewAt, site.timezone));
  const stops = `On that day its feed stops being read until an editor renews the authorization.`;
  if (toOwner)
    return {
      subject: `The authorization of ${feedName(source)} is due for review on ${reviewOn}`,
      heading: 'Your account is due for review',
      paragraphs: [
        `${source.schoolName} authorized ${feedName(source)} (${source.feedUrl}) for ${site.siteTitle}${source.authorizedBy ? `; ${source.authorizedBy} gave the authorization` : ''}. It is due for review on ${reviewOn}.`,
        `${stops} If the account should go on being read, ask your principal to confirm it with the district’s coordinator.`,
      ],
      footer: ownerFooter,
    };
  return {
    subject: `Review due ${reviewOn}: ${feedName(source)} (${source.schoolName})`,
    heading: 'An authorization is due for review',
    paragraphs: [
      `${feedName(source)} (${source.schoolName}) is due for review on ${reviewOn}, ${plural(daysBetween(localDateOf(deps.now(), site.timezone), localDateOf(source.reviewAt, site.timezone)), 'day')} from now. ${stops}`,
      'Renew it if the school still authorizes the account, or suspend it.',
    ],
    action: { label: 'Review the source', url: `${site.publicUrl}/admin/sources/${source.id}` },
    footer: `You receive this as an editor of ${site.siteTitle}.`,
  };
}

function daysBetween(from: string, to: string): number {
  let days = 0;
  while (days < 400 && addDays(from as never, days) < to) days++;
  return days;
}
