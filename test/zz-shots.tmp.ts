// Temporary: screenshots of this session's pages (not committed).
import { writeFileSync } from 'node:fs';
import { launchBrowser, seriousAxeViolations } from './browser';
import { startTestApp } from './test-app';
import { createClient } from './browser-client';
import { changeSetting } from '../src/settings/district-settings';
import { findSubscriberByEmail } from '../src/db/subscribers';
import { subscriptionToken } from '../src/email/subscription-tokens';
import { addConfirmedSubscriber, addSchoolWithSource } from './fixtures';
import { addressMovedEmail } from '../src/subscriptions/change-address';
import { readDistrictSettings, siteOf } from '../src/settings/district-settings';

const app = await startTestApp({ env: {} });
const db = app.runtime.deps.db;
await changeSetting(db, 'district_name', 'Lakeside Schools', app.clock.now());
await changeSetting(db, 'languages', 'en,es,ar', app.clock.now());
const { school } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
await addSchoolWithSource(db, 'Roosevelt Middle', 'https://roosevelt.example/feed');
const client = createClient(app.url);
await client.post('/subscribe', { email: 'usra@family.example', language: 'ar' });
const token = async (purpose: 'confirm' | 'preferences', email: string) =>
  subscriptionToken(app.runtime.deps.signingKey, purpose, (await findSubscriberByEmail(db, email))!);
const confirm = `/subscribe/confirm?token=${await token('confirm', 'usra@family.example')}`;
await addConfirmedSubscriber(db, 'maria@family.example', [school.id]);
await db.orm; // noop
const { setSubscriberLanguage } = await import('../src/db/subscribers');
await setSubscriberLanguage(db, (await findSubscriberByEmail(db, 'maria@family.example'))!.id, 'es', 1);
const prefs = `/preferences?token=${await token('preferences', 'maria@family.example')}`;
await client.post(prefs, { schools: ['roosevelt-middle'], language: 'es' });
app.clock.advance(15 * 24 * 60 * 60_000);

const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
for (const [name, path] of [
  ['expired-ar', confirm],
  ['prefs-saved-es', `${prefs}&saved=1`],
] as const) {
  const answer = await page.goto(`${app.url}${path}`);
  console.log(name, answer?.status(), JSON.stringify(await seriousAxeViolations(page)));
  await page.screenshot({ path: `/tmp/shots6/${name}.png`, fullPage: true });
}
const settings = await readDistrictSettings(db);
const site = { ...siteOf(settings, app.url), languages: settings.languages };
const mail = addressMovedEmail(
  { site: site as never, mailFrom: 'digest@lakeside.example' },
  { ...(await findSubscriberByEmail(db, 'maria@family.example'))!, email: 'maria.new@family.example' },
  'maria@family.example',
);
writeFileSync('/tmp/shots6/moved.html', mail.html);
await page.goto('file:///tmp/shots6/moved.html');
await page.screenshot({ path: '/tmp/shots6/moved-es.png', fullPage: true });
console.log(mail.subject);
await browser.close();
await app.close();
