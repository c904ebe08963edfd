// The embed's own stylesheet and script. The page sits in an iframe on the district's site, so it is
// compact, inherits nothing, and tells its parent how tall it is so no scrollbar ever appears.
import { MAX_EMBED_COUNT } from '../routes/public-addresses';

export const embedCss = `
:root {
  --navy: #1f3a5f; --link: #1d4e89; --accent: #8a4b08;
  --serif: Charter, 'Bitstream Charter', Cambria, Georgia, serif;
  --sans: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  color-scheme: light;
}
* { box-sizing: border-box; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
html, body { margin: 0; background: transparent; }
body { color: #1c2430; font: 1rem/1.5 var(--sans); }
a { color: var(--link); text-underline-offset: .15em; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; box-shadow: 0 0 0 2px #1f2937; }
.embed { border: 1px solid #e4e0d8; border-radius: 12px; background: #fff; overflow: hidden; }
.embed > header { background: var(--navy); color: #fff; padding: .9rem 1.1rem; }
.embed > header .district { display: block; font-size: .75rem; letter-spacing: .08em; text-transform: uppercase; color: #fff; }
.embed > header h1 { margin: .1rem 0 0; font: 700 1.25rem/1.25 var(--serif); }
.day h2, .post h3 { font-family: var(--serif); }
.embed > header h1 a { color: #fff; text-decoration: none; }
.day { padding: .9rem 1.1rem 0; }
.day .when { margin: 0; font-size: .72rem; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: #4a5566; }
.day h2 { margin: 0; font-size: 1.12rem; }
.day h2 a { color: #1c2430; }
.day .intro { margin: .35rem 0 0; color: #4a5566; }
.correction { background: #fff4e0; border-inline-start: 4px solid #b45309; padding: .5rem .75rem; margin: .6rem 0 0; font-size: .92rem; }
.translation-notice { border-inline-start: 4px solid #b45309; padding: .2rem .75rem; margin: .6rem 0 0; font-size: .92rem; font-style: italic; }
.posts { list-style: none; margin: .5rem 0 0; padding: 0; }
.post { display: flex; gap: .8rem; padding: .7rem 0; border-top: 1px solid #eee9df; }
.post:first-child { border-top: 0; }
.post img { width: 88px; height: auto; max-height: 88px; object-fit: contain; border-radius: 6px; flex: none; }
.post .school { margin: 0; font-size: .72rem; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--accent); }
.post h3 { margin: .1rem 0 .15rem; font-size: 1rem; line-height: 1.35; }
.post h3 a { color: #1c2430; text-decoration: none; }
.post h3 a:hover { text-decoration: underline; }
.post p { margin: 0; font-size: .92rem; color: #4a5566; }
.embed > footer { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .4rem 1rem; padding: .8rem 1.1rem; border-top: 1px solid #e4e0d8; font-size: .92rem; }
.empty { padding: 1rem 1.1rem; color: #4a5566; }
.subscribe { flex: 1 1 100%; min-width: 0; margin: .3rem 0 0; }
.subscribe label { display: block; font-weight: 700; margin-bottom: .3rem; }
.subscribe .row { display: flex; gap: .5rem; }
.subscribe input[type=email] { flex: 1 1 8rem; width: 100%; min-width: 0; font: inherit; padding: .45rem .6rem; border: 1px solid #8a94a3; border-radius: 6px; }
.subscribe button { font: inherit; font-weight: 700; padding: .45rem .9rem; border: 0; border-radius: 6px; background: var(--link); color: #fff; cursor: pointer; }
.subscribe button:hover { background: color-mix(in srgb, var(--link) 82%, #000); }
.subscribe .consent { margin: .4rem 0 0; font-size: .8rem; color: #4a5566; }
.subscribe .error { margin: 0 0 .4rem; color: #a4161a; font-weight: 600; }
.subscribe .suggestion p { margin: .4rem 0 0; overflow-wrap: anywhere; }
.subscribe .answers { display: flex; flex-wrap: wrap; gap: .4rem; }
.subscribe .suggestion button { overflow-wrap: anywhere; text-align: start; }
.subscribe .suggestion button.secondary { background: #fff; color: var(--link); border: 1px solid currentColor; }
.sent { padding: 1rem 1.1rem; }
`;

/**
 * Runs inside the embed: reports the page height to the parent page, which sizes the frame to fit. The parent
 * knows its frame by the message's source, so this keeps working on the pages the frame goes on to (its
 * sign-up's answers); \`frame\` is still sent for loaders fetched before that (they named it in the address).
 * Framed by WordPress from the oEmbed answer, the page also speaks WordPress's embed protocol: the host puts
 * "#?secret=…" on the frame's address, says "ready", and sizes the frame from { message: 'height', value }.
 */
export const embedFrameJs = `
(() => {
  const frame = new URLSearchParams(location.search).get('frame');
  if (window.parent === window) return;
  const hash = location.hash.slice(1);
  const asked = new URLSearchParams(hash.startsWith('?') ? hash.slice(1) : hash).get('secret') || '';
  const secret = /^[a-zA-Z0-9]{1,32}$/.test(asked) ? asked : '';
  let last = 0;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'yesterday:height', frame, height }, '*');
    if (secret) window.parent.postMessage({ message: 'height', value: height, secret }, '*');
  };
  addEventListener('message', (event) => {
    const data = event.data;
    if (!secret || event.source !== window.parent || !data || data.message !== 'ready' || data.secret !== secret) return;
    last = 0;
    send();
  });
  if (secret) {
    // WordPress frames it sandboxed (scripts only): a link cannot open and a form cannot be sent from inside.
    // The host follows { message: 'link' } to an address on this site, so a link to a teacher's post goes to
    // the day's page here, which links to it; the sign-up form becomes a link to the sign-up page.
    const follow = (href) => window.parent.postMessage({ message: 'link', value: href, secret }, '*');
    addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!link || event.defaultPrevented || event.button !== 0) return;
      event.preventDefault();
      if (new URL(link.href).host === location.host) return follow(link.href);
      const day = link.closest('.day');
      const page = day && day.querySelector('h2 a[href]');
      if (page) follow(page.href);
    });
    for (const form of document.querySelectorAll('form.subscribe')) {
      const page = form.querySelector('.consent a[href]');
      const label = form.querySelector('label');
      if (!page || !label) continue;
      const line = document.createElement('p');
      line.className = 'subscribe';
      const link = document.createElement('a');
      link.href = page.href;
      link.textContent = label.textContent;
      line.appendChild(link);
      form.replaceWith(line);
    }
  }
  new ResizeObserver(send).observe(document.documentElement);
  addEventListener('load', send);
  send();
})();
`;

/**
 * The script a district site pastes: it puts the embed where the script tag is and keeps it sized. On a site
 * that is not among `allowedOrigins` a frame would only show the browser's broken-frame box, so it puts a
 * plain link to the digest there instead. `data-theme="plain"` leaves out the embed's own header, for sites
 * that have theirs; `data-lang="es"` shows it in one of the district's other languages.
 */
export function embedLoaderJs(
  publicUrl: string,
  title: string,
  allowedOrigins: readonly string[],
  /** The district's languages but its own: `data-lang` chooses one (the pages live under /LANG). */
  others: readonly string[] = [],
  /** The site's title in each of those languages, for the frame's and the link's name. */
  titles: Readonly<Record<string, string>> = {},
  /** The district's own language, which `data-lang` may name too. */
  own = 'en',
): string {
  return `
(() => {
  const script = document.currentScript;
  if (!script) return;
  const origin = ${JSON.stringify(new URL(publicUrl).origin)};
  const base = ${JSON.stringify(publicUrl)};
  const allowed = ${JSON.stringify([new URL(publicUrl).origin, ...allowedOrigins])};
  const others = ${JSON.stringify(others)};
  const titles = ${JSON.stringify(titles).replace(/</g, '\\u003c')};
  const asked = script.getAttribute('data-lang');
  const lang = asked && others.includes(asked) ? asked : '';
  // What the embed cannot do as asked is said to the web team, who would otherwise see it done otherwise.
  const own = ${JSON.stringify(own)};
  if (asked && !lang && asked !== own)
    console.warn('Yesterday embed: data-lang="' + asked + '" is not one of the district\u2019s languages (' + [own, ...others].join(', ') + '), so the digest is shown in ' + own + '.');
  const count = script.getAttribute('data-count');
  if (count !== null && !/^[1-${MAX_EMBED_COUNT}]$/.test(count))
    console.warn('Yesterday embed: data-count="' + count + '" is not a whole number from 1 to ${MAX_EMBED_COUNT}, so it shows ' + Math.min(${MAX_EMBED_COUNT}, Math.max(1, Math.floor(Number(count)) || 1)) + '.');
  // Named for screen readers in the language it is shown in, unless the page names it (data-title).
  const title = script.getAttribute('data-title') || titles[lang] || ${JSON.stringify(title)};
  const targetId = script.getAttribute('data-target');
  // Where the page asked (data-target), else where the script is. A script in the page's <head> runs before
  // the element it names exists: it waits for the page. Without either, it goes at the end of the page.
  const place = (element) => {
    const put = () => {
      const target = targetId && document.getElementById(targetId);
      if (targetId && !target) console.warn('Yesterday embed: no element with id="' + targetId + '" on this page.');
      if (target) target.appendChild(element);
      else if (script.closest('head') || !script.isConnected) document.body.appendChild(element);
      else script.insertAdjacentElement('afterend', element);
    };
    if (document.readyState === 'loading' && (script.closest('head') || (targetId && !document.getElementById(targetId))))
      document.addEventListener('DOMContentLoaded', put, { once: true });
    else put();
  };
  if (!allowed.includes(location.origin)) {
    // Said to the web team, who see a link where they expected the digest.
    console.warn('Yesterday embed: ' + location.origin + ' is not among the sites allowed to show the digest (Settings, \u201cSites allowed to embed the digest\u201d), so a link is shown instead.');
    const link = document.createElement('a');
    const date = script.getAttribute('data-date');
    const school = script.getAttribute('data-school');
    const prefix = lang ? '/' + lang : '';
    link.href = base + prefix + (date ? '/digests/' + encodeURIComponent(date) : school ? '/schools/' + encodeURIComponent(school) : (prefix ? '' : '/'));
    link.textContent = title;
    if (lang) link.lang = lang;
    const line = document.createElement('p');
    line.appendChild(link);
    place(line);
    return;
  }
  // The address carries only what is shown, so browsers and caches can keep one copy for every visitor.
  const params = new URLSearchParams();
  for (const key of ['count', 'school', 'date', 'theme', 'lang']) {
    const value = script.getAttribute('data-' + key);
    if (value) params.set(key, value);
  }
  const iframe = document.createElement('iframe');
  const query = params.toString(); // older Safari and Chrome have no URLSearchParams size
  iframe.src = base + '/embed' + (query ? '?' + query : '');
  iframe.title = title;
  if (lang) iframe.lang = lang;
  iframe.loading = 'lazy';
  iframe.width = '100%';
  iframe.height = '420';
  iframe.setAttribute('frameborder', '0');
  iframe.style.border = '0';
  iframe.style.width = '100%';
  iframe.style.display = 'block';
  place(iframe);
  addEventListener('message', (event) => {
    const data = event.data;
    if (event.origin !== origin || event.source !== iframe.contentWindow || !data || data.type !== 'yesterday:height') return;
    if (typeof data.height === 'number' && data.height > 0 && data.height < 20000) iframe.style.height = data.height + 'px';
  });
})();
`;
}
