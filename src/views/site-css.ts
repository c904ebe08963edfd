// The stylesheet of the public digest blog: readable type, responsive, print-friendly, AA contrast.

export const siteCss = `
:root {
  --ink: #1c2430; --muted: #4a5566; --paper: #faf8f4; --card: #ffffff; --line: #e4e0d8;
  --navy: #1f3a5f; --link: #1d4e89; --accent: #8a4b08; --notice: #fff4e0; --notice-line: #b45309; --error: #a4161a;
  --frame: #eee9df; --field: #ffffff; --field-line: #8f96a3;
  --serif: Charter, 'Bitstream Charter', 'Sitka Text', Cambria, Georgia, serif;
  --sans: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --ink: #e8e6e1; --muted: #b4b9c2; --paper: #14181f; --card: #1d232c; --line: #343c48; --frame: #262d38;
    --link: #9cc3f5; --accent: #f2b46b; --notice: #3a2c14; --notice-line: #e0a040; --field: #12161c; --field-line: #7d8694; --error: #ff8a8a;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 1.0625rem/1.6 var(--sans); overflow-wrap: break-word; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
/* Amber shows on a dark header, the dark ring inside it on white and cream: 3:1 or more against either. */
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; border-radius: 2px; box-shadow: 0 0 0 2px #1f2937; }
img { max-width: 100%; height: auto; }
.skip { position: absolute; top: -10rem; inset-inline-start: .5rem; background: var(--ink); color: var(--paper); padding: .5rem 1rem; z-index: 10; }
.skip:focus { top: 0; }
.after-card { margin-top: 1.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.wrap { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }
.wrap.wide { max-width: 64rem; }
.masthead { background: var(--navy); color: #fff; }
.masthead .wrap { padding-top: 1.6rem; padding-bottom: 1.4rem; display: flex; flex-wrap: wrap; align-items: end; justify-content: space-between; gap: .75rem 1.5rem; }
.masthead .brand { display: flex; align-items: center; gap: .9rem; }
.masthead .logo { height: 56px; width: auto; max-width: min(15rem, 45vw); object-fit: contain; background: #fff; border-radius: 10px; padding: 4px; }
.masthead .logo.on-dark { background: none; padding: 0; border-radius: 0; }
.masthead .district { display: block; font-size: .8rem; letter-spacing: .1em; text-transform: uppercase; color: #fff; }
.masthead .title { font: 700 1.9rem/1.15 var(--serif); color: #fff; text-decoration: none; }
.masthead nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.1rem; margin: 0; padding: 0; }
.masthead nav a { color: #fff; font-size: .95rem; }
.masthead .wrap.language-bar { padding-top: .55rem; padding-bottom: 0; justify-content: flex-end; }
.masthead .languages ul { gap: .25rem .9rem; }
.masthead .languages a, .masthead .languages strong { font-size: .9rem; color: #fff; display: inline-block; padding: .35rem .15rem; }
main.wrap { padding-top: 2.25rem; padding-bottom: 3rem; }
.digest { margin: 0 0 3.5rem; }
.digest > header h1, .digest > header h2 { font: 700 2rem/1.2 var(--serif); margin: 0 0 .25rem; }
.digest > header h2 a { color: inherit; text-decoration: none; }
.kicker { margin: 0 0 .35rem; font: 700 .8rem/1.3 var(--sans); letter-spacing: .09em; text-transform: uppercase; color: var(--accent); }
.digest > header .meta { color: var(--muted); margin: .35rem 0 0; }
.intro { font-size: 1.12rem; margin: 1rem 0 1.5rem; }
.correction { background: var(--notice); border-inline-start: 4px solid var(--notice-line); padding: .75rem 1rem; margin: 1rem 0; }
.translation-notice { border-inline-start: 4px solid var(--notice-line); padding: .25rem 1rem; margin: 1rem 0; font-style: italic; }
.entries { list-style: none; margin: 0; padding: 0; display: grid; gap: 1.25rem; }
.entry { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem 1.35rem; }
.entry .school { margin: 0; font-size: .78rem; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; color: var(--accent); }
.entry .school a { color: inherit; text-decoration: none; }
.entry h2, .entry h3 { font: 700 1.35rem/1.3 var(--serif); margin: .3rem 0 .6rem; }
.entry h2 a, .entry h3 a { color: var(--ink); text-decoration: none; }
.entry h2 a:hover, .entry h3 a:hover { text-decoration: underline; }
.entry figure { margin: .5rem 0 .9rem; }
.entry figure img { display: block; width: auto; height: auto; max-width: 100%; max-height: 34rem; margin: 0 auto; border-radius: 8px; background: var(--frame); }
.entry p { margin: .4rem 0; }
.entry .credit { color: var(--muted); font-size: .92rem; margin-top: .8rem; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 2rem; }
.empty { background: var(--card); border: 1px dashed var(--line); border-radius: 10px; padding: 2rem; text-align: center; color: var(--muted); }
.page-title { font: 700 2rem/1.2 var(--serif); margin: 0 0 1rem; }
.prose { max-width: 40rem; }
.prose .lead { font-size: 1.12rem; }
.prose h2 { font: 700 1.3rem/1.3 var(--serif); margin: 2rem 0 .5rem; }
.prose li { margin: .35rem 0; }
form.card, .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.5rem; }
label { display: block; font-weight: 600; margin: 0 0 .35rem; }
.hint { color: var(--muted); font-size: .93rem; margin: .25rem 0 .75rem; }
select { font: inherit; padding: .55rem .6rem; border: 1px solid var(--field-line); border-radius: 6px; background: var(--field); color: var(--ink); margin: 0 0 .75rem; }
input[type=email], input[type=text] { width: 100%; font: inherit; padding: .6rem .75rem; border: 1px solid var(--field-line); border-radius: 6px; background: var(--field); color: var(--ink); }
/* The next field's label keeps its distance from the field above it. */
:is(input:not([type=hidden]), textarea) + label { margin-top: 1rem; }
fieldset { border: 1px solid var(--line); border-radius: 8px; margin: 1rem 0; padding: .75rem 1rem 1rem; min-inline-size: 0; }
legend { font-weight: 600; padding: 0 .35rem; }
.checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(14rem, 100%), 1fr)); gap: .35rem 1rem; }
.checks label { font-weight: 400; display: flex; gap: .6rem; align-items: center; margin: 0; padding: .3rem 0; min-height: 2.75rem; overflow-wrap: anywhere; }
.checks input[type=checkbox], .checks input[type=radio] { width: 1.3rem; height: 1.3rem; flex: none; margin: 0; accent-color: var(--navy); }
button, .button { font: 600 1rem var(--sans); background: var(--navy); color: #fff; border: 0; border-radius: 6px; padding: .7rem 1.2rem; cursor: pointer; text-decoration: none; display: inline-block; }
button:hover, .button:hover { background: color-mix(in srgb, var(--navy) 82%, #000); }
button.secondary { background: var(--card); color: var(--link); border: 1px solid currentColor; }
.error-text { color: var(--error); font-weight: 600; }
/* "Did you mean …?" under the address: a question, not an error. Addresses are long words, and wrap anywhere. */
.suggestion { border: 1px solid var(--line); border-inline-start: 4px solid var(--navy); border-radius: 8px; padding: .75rem 1rem; margin: .75rem 0 0; }
.suggestion p { margin: 0; overflow-wrap: anywhere; }
.suggestion .answers { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .6rem; }
.suggestion button { overflow-wrap: anywhere; text-align: start; }
.message { background: var(--card); border: 1px solid var(--line); border-inline-start: 4px solid var(--navy); border-radius: 8px; padding: 1rem 1.25rem; margin: 0 0 1.25rem; }
.message > p { margin: 0; }
.message > p + p { margin-top: .6rem; }
.message > p + form { margin-top: .9rem; }
.message.error { border-inline-start-color: var(--error); }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .92rem; padding: 1.5rem 0 2.5rem; }
footer.site ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; margin: .5rem 0 0; }
.archive-month h2 { font: 700 1.3rem var(--serif); margin: 2rem 0 .75rem; padding-bottom: .35rem; border-bottom: 1px solid var(--line); }
.archive-list { list-style: none; margin: 0; padding: 0; }
.archive-row { display: flex; gap: 1.25rem; justify-content: space-between; align-items: start; padding: .9rem 0; border-bottom: 1px solid var(--line); }
/* Flex and grid items shrink below their longest word (a pasted address), which then wraps (body). */
.archive-row > *, .entries > *, .cards > *, .digest-card > * { min-width: 0; }
.archive-row:last-child { border-bottom: 0; }
.archive-row h3 { font: 700 1.1rem/1.35 var(--serif); margin: 0 0 .25rem; }
.archive-row h3 a { color: var(--ink); text-decoration: underline; text-decoration-color: var(--muted); text-underline-offset: .2em; }
.archive-row h3 a:hover { text-decoration-color: currentColor; }
/* A digest with a title of its own: the title is the heading, its date a small line above it. */
.archive-row h3.titled time { display: block; font: 400 .85rem/1.4 var(--sans); color: var(--muted); margin-bottom: .1rem; }
.archive-title { display: block; }
.archive-intro { margin: 0; }
.archive-meta { margin: .2rem 0 0; font-size: .9rem; }
.archive-thumb { flex: none; width: 8rem; }
.archive-thumb a { display: block; }
.archive-thumb img { display: block; width: 100%; height: auto; max-height: 8rem; object-fit: contain; border-radius: 6px; background: var(--frame); }
.years ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0 0 1rem; padding: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 19rem), 1fr)); gap: 1.5rem; }
.digest-card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; overflow: hidden; display: flex; flex-direction: column; }
.digest-card.lead { grid-column: 1 / -1; }
/* A single older digest below the lead (a district's first days) spans the row instead of a third of it. */
.digest-card.lead + .digest-card:last-child { grid-column: 1 / -1; }
/* Two of them share the row in halves, rather than take two thirds of it and leave the third empty. */
@media (min-width: 42rem) { .cards.pair { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.card-picture { display: block; background: var(--frame); }
.card-picture img { display: block; margin: 0 auto; max-height: 20rem; width: auto; max-width: 100%; }
.digest-card.lead .card-picture img { max-height: 28rem; }
@media (min-width: 48rem) {
  .digest-card.lead { display: grid; grid-template-columns: 7fr 5fr; }
  .digest-card.lead .card-picture { display: flex; align-items: center; justify-content: center; }
  .digest-card.lead .card-body { padding: 1.75rem 1.75rem 1.5rem; align-self: center; }
  /* ... with its picture beside its words, as the lead has them. */
  .digest-card.lead + .digest-card:last-child { display: grid; grid-template-columns: 5fr 7fr; }
  .digest-card.lead + .digest-card:last-child .card-picture { display: flex; align-items: center; justify-content: center; }
  .digest-card.lead + .digest-card:last-child .card-body { align-self: center; }
  /* Without a picture, the words take the whole width. */
  .digest-card.words-only, .digest-card.lead + .digest-card.words-only:last-child { display: flex; }
  .digest-card.words-only .card-body { align-self: stretch; }
}
.card-body { padding: 1.1rem 1.35rem 1.25rem; }
.digest-card .card-title { font: 700 1.45rem/1.25 var(--serif); margin: 0 0 .5rem; }
.digest-card.lead .card-title { font-size: 2rem; }
.digest-card .card-title a { color: var(--ink); text-decoration: none; }
.digest-card .card-title a:hover { text-decoration: underline; }
.card-intro { margin: 0 0 .75rem; }
.card-headlines { list-style: none; margin: 0 0 .75rem; padding: 0; display: grid; gap: .45rem; }
.card-headlines .school { display: block; font-size: .72rem; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; color: var(--accent); }
.card-headlines a { color: var(--ink); font-weight: 600; text-decoration: none; }
.card-headlines a:hover { text-decoration: underline; }
.card-more { margin: 0; font-size: .95rem; }
.card-more a { font-weight: 600; }
.signup { background: var(--card); border: 1px solid var(--line); border-top: 4px solid var(--navy); border-radius: 12px; padding: 1.4rem 1.5rem; margin: 0 0 2rem; }
.share + .signup { margin-top: 2rem; }
.signup-title { font: 700 1.35rem/1.3 var(--serif); margin: 0 0 .35rem; }
.signup-text { margin: 0 0 .9rem; color: var(--muted); }
.signup-form { display: flex; flex-wrap: wrap; gap: .6rem; }
.signup-form input { flex: 1 1 min(16rem, 100%); min-width: 0; width: auto; }
.signup-consent { margin: .6rem 0 0; font-size: .88rem; color: var(--muted); }
.signup-more { margin: .5rem 0 0; font-size: .92rem; }
.share { display: flex; flex-wrap: wrap; align-items: baseline; gap: .35rem 1rem; margin: 2rem 0 0; padding-top: 1rem; border-top: 1px solid var(--line); }
.share-label { color: var(--muted); }
/* A thumb's target: "X" alone would be a sliver. */
.share a { display: inline-block; min-width: 2.75rem; padding: .35rem 0; }
.share ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
.days { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin-top: 2rem; }
.days a { display: block; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: .8rem 1rem; text-decoration: none; font-weight: 600; }
.days a:hover { border-color: var(--link); }
.days .day-next { text-align: end; grid-column: 2; }
.day-label { display: block; font-size: .78rem; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
.muted { color: var(--muted); }
.school-list { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
.school-list li { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; }
.school-list a { font-weight: 600; }
.school-header { margin-bottom: 2rem; }
.feed-list { list-style: none; padding: 0; margin: 0 0 1.5rem; display: grid; gap: .5rem; }
.feed-list li { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; }
.feed-format { display: block; font-weight: 600; }
.feed-address { display: block; font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: .9rem; overflow-wrap: anywhere; }
.card-title { font: 700 1.25rem/1.3 var(--serif); margin: 0 0 .75rem; }
.changes .correction { margin: .75rem 0; }
@media (max-width: 520px) {
  body { font-size: 1rem; }
  .masthead .title { font-size: 1.55rem; }
  .masthead .logo { height: 44px; max-width: 38vw; }
  /* A wide logo leaves the title too little room beside it on a phone: the title goes under it instead. */
  .masthead .brand { flex-wrap: wrap; }
  .masthead .brand > div { flex: 1 1 13rem; }
  .digest > header h1, .digest > header h2 { font-size: 1.6rem; }
  .entry { padding: 1rem; }
  .digest-card.lead .card-title { font-size: 1.55rem; }
  .archive-thumb { width: 5.5rem; }
  .archive-thumb img { max-height: 5.5rem; }
  .days { grid-template-columns: 1fr; }
  .days .day-next { grid-column: 1; }
}
@media print {
  body { background: #fff; font-size: 12pt; }
  .masthead { background: none; color: #000; border-bottom: 2px solid #000; }
  .masthead .title, .masthead nav a, .masthead .district { color: #000; }
  .masthead nav, .language-bar, .pager, footer.site ul, .skip, .signup, .share, .days { display: none; }
  .entry { border: 0; border-bottom: 1px solid #999; border-radius: 0; break-inside: avoid; }
  a { color: #000; }
  .entry :is(h2, h3) a[href^="http"]::after { content: " (" attr(href) ")"; font: 9pt var(--sans); word-break: break-all; }
}
`;
