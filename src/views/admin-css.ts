// The admin desk's stylesheet: calm, dense enough for a tablet, clear states, AA contrast.

/** Up to this width the desk is one column, the day's posts below the digest (the desk's script knows it too). */
export const DESK_STACKED_MAX_WIDTH = 900;

export const adminCss = `
:root {
  --ink: #1c2430; --muted: #4a5566; --bg: #f4f5f7; --card: #fff; --line: #dde1e7; --navy: #1f3a5f;
  --link: #1d4e89; --ok: #166534; --ok-bg: #e9f7ee; --warn: #8a4b08; --warn-bg: #fff4e0; --bad: #a4161a; --bad-bg: #fdecec;
  --sans: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: .9375rem/1.5 var(--sans); }
a { color: var(--link); }
/* Amber shows on the dark headers, the dark ring inside it on white and cream: 3:1 or more against either. */
/* The email shown in a frame takes focus as one stop; Chromium gives it no :focus-visible. */
:focus-visible, iframe:focus { outline: 3px solid #f59e0b; outline-offset: 2px; box-shadow: 0 0 0 2px #1f2937; }
.skip { position: absolute; left: -999px; top: 0; background: var(--ink); color: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
.break { word-break: break-word; overflow-wrap: anywhere; }
.nowrap { white-space: nowrap; }
.logo-on-dark { background: var(--navy); padding: .75rem; border-radius: 8px; display: inline-block; }
.colour-field { display: flex; gap: .5rem; align-items: center; }
.colour-field input.hex { width: 7.5rem; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
/* A disclosure's line is a target to tap: at least 24px high (WCAG 2.2, target size). */
summary { cursor: pointer; padding-block: .2rem; }
.first-run { margin-bottom: 1.25rem; border-left: 4px solid var(--navy); }
details.first-run > summary { cursor: pointer; }
details.first-run > summary > h2 { display: inline; margin: 0; }
.taken-down { margin: .5rem 0 0; padding-left: 1.25rem; display: grid; gap: .5rem; }
.first-run-steps { margin: .5rem 0 0; padding-left: 1.25rem; display: grid; gap: .5rem; }
.first-run-steps li.done { color: var(--muted); }
.first-run-steps p { margin: .15rem 0 0; }
table.audit details { margin-top: .25rem; }
table.audit summary { cursor: pointer; color: var(--muted); }
.audit-details { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: .4rem 0 0; }
.audit-details dt { font-weight: 600; }
.audit-details dd { margin: 0; }
.inline-label { margin: 0; }
.narrow { max-width: 20rem; }
.table-caption { text-align: left; padding: .5rem .75rem; }
.gap-below { margin-bottom: 1rem; }
.check-label { font-weight: 400; display: flex; gap: .5rem; align-items: center; margin-top: 1rem; }
fieldset.several { border: 0; padding: 0; margin: 1rem 0 0; min-width: 0; }
fieldset.several legend { font-weight: 600; padding: 0; }
fieldset.several .choices { display: flex; flex-wrap: wrap; gap: 0 1.25rem; }
fieldset.several .check-label { margin-top: .4rem; }
fieldset.several .sub-label { display: block; font-weight: 400; margin: .6rem 0 .25rem; }
.card-heading { margin-top: 0; }
.feed-links { list-style: none; margin: 0; padding: 0; }
.feed-links li { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin-top: .75rem; }
.logo-preview { max-width: 160px; max-height: 160px; border: 1px solid var(--line); border-radius: 8px; background: #fff; padding: 6px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
/* The hidden attribute wins over the display the rules below give buttons and other elements. */
[hidden] { display: none !important; }
.topbar { background: var(--navy); color: #fff; }
.topbar .inner { max-width: 78rem; margin: 0 auto; padding: .6rem 1.25rem; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; }
.brand { font-weight: 800; font-size: 1.1rem; color: #fff; text-decoration: none; letter-spacing: .01em; }
.brand small { font-weight: 500; color: #cfdbea; margin-left: .4rem; }
.topbar nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .15rem; }
.topbar nav a { color: #e8eef6; text-decoration: none; padding: .35rem .65rem; border-radius: 6px; display: block; }
.topbar nav a:hover { background: rgba(255,255,255,.12); }
.topbar nav a[aria-current=page] { background: #fff; color: var(--navy); font-weight: 600; }
.topbar .who { margin-left: auto; display: flex; align-items: center; gap: .75rem; color: #cfdbea; font-size: .9rem; }
.topbar .who button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.5); padding: .3rem .7rem; font-size: .85rem; }
/* On a phone the menu would take a quarter of the first screen: the links are smaller, the menu goes under the
   name and Sign out, and the address signed in with is left to My account. */
@media (max-width: 600px) {
  .topbar .inner { padding: .45rem .75rem .5rem; gap: .25rem .75rem; }
  .topbar nav { order: 3; flex-basis: 100%; }
  .topbar nav a { padding: .2rem .45rem; font-size: .88rem; }
  .topbar .who span { display: none; }
}
main { max-width: 78rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .75rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem; margin-bottom: 1.25rem; }
.flash { border-radius: 8px; padding: .8rem 1rem; margin-bottom: 1.25rem; border: 1px solid; }
.flash.ok { background: var(--ok-bg); border-color: #a7d7b8; color: var(--ok); }
.flash.error { background: var(--bad-bg); border-color: #f1b5b7; color: var(--bad); }
.flash.info { background: #eef4fb; border-color: #bcd0e8; color: var(--navy); }
.flash.warn { background: var(--warn-bg); border-color: #f0cf9c; color: var(--ink); }
.flash.warn p, .flash.warn ul { margin: .25rem 0; }
label { display: block; font-weight: 600; margin: .75rem 0 .3rem; }
.hint { color: var(--muted); font-size: .88rem; margin: .2rem 0 0; font-weight: 400; }
input.lacking, textarea.lacking { border: 2px solid var(--warn); background: var(--warn-bg); }
.readers-have { margin: .3rem 0 0; padding: .3rem .6rem; border-left: 3px solid var(--warn); background: var(--warn-bg); color: var(--ink); }
.field-error { color: var(--bad); font-weight: 600; font-size: .92rem; margin: .2rem 0; }
[aria-invalid=true] { border-color: var(--bad); box-shadow: 0 0 0 1px var(--bad); }
input[type=text], input[type=email], input[type=password], input[type=url], input[type=date], input[type=number], input[type=time], textarea, select {
  font: inherit; width: 100%; max-width: 40rem; padding: .5rem .65rem; border: 1px solid #8f96a3; border-radius: 6px; background: #fff; color: var(--ink);
}
textarea { min-height: 5rem; }
/* A field nobody here may change (a published digest to a teacher) looks it: greyed, its text still readable. */
input:disabled:not([type=checkbox]):not([type=radio]), textarea:disabled, select:disabled { background: #f1f3f6; color: #3d4451; border-color: #d5d9e0; border-style: dashed; cursor: not-allowed; }
/* A file field in the desk's own button and type, with the chosen file's name beside it. */
input[type=file] { font: inherit; color: var(--muted); max-width: 100%; }
input[type=file]::file-selector-button { font: 600 .95rem var(--sans); background: #fff; color: var(--navy); border: 1px solid var(--navy); border-radius: 6px; padding: .45rem .9rem; margin-right: .75rem; cursor: pointer; }
input[type=file]::file-selector-button:hover { background: #eef2f7; }
.inline { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem .75rem; }
.inline label { margin: 0 0 .3rem; }
.inline > div { flex: 1 1 14rem; }
button, .button { font: 600 .95rem var(--sans); background: var(--navy); color: #fff; border: 1px solid var(--navy); border-radius: 6px; padding: .5rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; line-height: 1.4; }
button:hover, .button:hover { background: #16304f; }
button.secondary, .button.secondary { background: #fff; color: var(--navy); }
button.secondary:hover { background: #eef2f7; }
button.danger { background: var(--bad); border-color: var(--bad); }
button:disabled, button:disabled:hover { background: #e9ecf1; color: #6b7380; border-color: #d5d9e0; cursor: not-allowed; }
button.link { background: none; border: 0; color: var(--link); padding: 0; text-decoration: underline; font-weight: 500; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: 1rem; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
th, td { text-align: left; padding: .6rem .75rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f8f9fb; font-size: .85rem; color: var(--muted); font-weight: 600; }
tr:last-child td { border-bottom: 0; }
/* A table whose columns are compared side by side scrolls sideways on a phone instead. */
.scroll-x { overflow-x: auto; }
.scroll-x > table.coverage { min-width: 34rem; }
/* The coverage chart keeps labels of a readable size: narrower screens scroll it. */
.coverage-chart { overflow-x: auto; margin-inline: 0; }
.coverage-chart svg { display: block; max-width: 100%; min-width: 34rem; height: auto; }
/* On a phone a wide table becomes one block per row, each value under its column's name. */
@media (max-width: 600px) {
  table.stack, table.stack caption, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: .4rem 0; }
  table.stack tr:last-child { border-bottom: 0; }
  table.stack td { border: 0; padding: .2rem .75rem; overflow-wrap: anywhere; }
  table.stack td[data-label]::before { content: attr(data-label); display: block; font-size: .75rem; font-weight: 600; color: var(--muted); }
  table.stack td:empty { display: none; }
}
.badge { display: inline-block; font-size: .78rem; font-weight: 700; padding: .1rem .5rem; border-radius: 999px; border: 1px solid; white-space: nowrap; }
.badge.ok { color: var(--ok); background: var(--ok-bg); border-color: #a7d7b8; }
a.badge { text-decoration: none; }
a.badge:hover { text-decoration: underline; }
.badge.warn { color: var(--warn); background: var(--warn-bg); border-color: #f0cf9c; }
.badge.bad { color: var(--bad); background: var(--bad-bg); border-color: #f1b5b7; }
.badge.neutral { color: var(--muted); background: #f1f3f6; border-color: var(--line); }
.muted { color: var(--muted); }
.small { font-size: .88rem; }
.desk { display: grid; grid-template-columns: minmax(0, 1fr) 21rem; gap: 1.25rem; align-items: start; }
.desk aside { position: sticky; top: 1rem; }
.school-group { background: var(--card); border: 1px solid var(--line); border-radius: 10px; margin: 0 0 1rem; padding: 0; }
.school-group legend { font-weight: 700; padding: 0 .4rem; margin-left: .8rem; }
.item { display: grid; grid-template-columns: auto 5.5rem minmax(0, 1fr); gap: .75rem; padding: .85rem 1rem; border-top: 1px solid var(--line); }
.item:first-of-type { border-top: 0; }
.item input[type=checkbox] { width: 1.2rem; height: 1.2rem; margin-top: .2rem; }
.item .thumb { width: 5.5rem; height: 4rem; border-radius: 6px; object-fit: cover; background: #e9ecf1; display: block; }
.item .thumb.none { display: grid; place-items: center; color: var(--muted); font-size: .75rem; }
.item h3 { font-size: 1rem; margin: 0 0 .15rem; }
.item h3 label { margin: 0; display: inline; }
.item .meta { color: var(--muted); font-size: .85rem; }
.item .excerpt { margin: .3rem 0 0; font-size: .92rem; }
.item .hints { display: flex; flex-wrap: wrap; gap: .3rem; margin: .4rem 0 0; }
.datebar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin-bottom: 1rem; }
.datebar a[aria-current=page] { font-weight: 700; text-decoration: none; color: inherit; }
.datebar form { display: flex; gap: .5rem; align-items: center; }
.datebar input[type=date] { width: auto; }
.kv { display: grid; grid-template-columns: minmax(min-content, max-content) 1fr; gap: .35rem 1rem; margin: 0; }
.kv dt { color: var(--muted); }
.kv dd { margin: 0; }
.import-review h2 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
.import-review blockquote { margin: .5rem 0 1rem; padding: .25rem 0 .25rem 1rem; border-left: 3px solid var(--navy); white-space: pre-wrap; }
/* On a phone each value goes under its name, with the width of the card to itself. */
@media (max-width: 600px) { .kv { grid-template-columns: 1fr; gap: .1rem; } .kv dd + dt { margin-top: .5rem; } }
/* The whole picture, uncropped: whoever approves it looks at who is in it. */
.pending-picture { display: block; width: auto; max-width: min(100%, 16rem); height: auto; max-height: 16rem; object-fit: contain; border-radius: 6px; background: #e9ecf1; margin: .35rem 0; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(18rem, 100%), 1fr)); gap: 0 1.25rem; }
.login { max-width: 26rem; margin: 4rem auto; }
.login h1 { font-size: 1.4rem; }
pre.mail { white-space: pre-wrap; overflow-wrap: anywhere; background: #fbfbfc; border: 1px solid var(--line); border-radius: 8px; padding: 1rem; font-size: .9rem; }
/* Lines to paste: a long address breaks anywhere rather than run past a phone's edge. */
pre.embed-code { overflow-wrap: anywhere; }
input.mono { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: .9rem; max-width: none; }
iframe.mail { width: 100%; height: 70vh; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
.desk { display: grid; grid-template-columns: minmax(0, 1.6fr) minmax(18rem, 1fr); gap: 1.25rem; align-items: start; }
.desk-items { position: sticky; top: .5rem; max-height: calc(100vh - 1rem); overflow-y: auto; }
.desk-items h2 { margin-top: 0; }
.desk-items .school-group { padding: .25rem 0; }
.desk-items .school-group h3 { font-size: 1rem; margin: .75rem 1rem .25rem; }
.desk-items .item { grid-template-columns: 4.5rem minmax(0, 1fr); }
.desk-items .item .thumb { width: 4.5rem; height: 3.4rem; }
.desk-items .item.selected { background: #f0f6ee; }
.desk-items .item h4 { font-size: .95rem; margin: 0 0 .15rem; }
.school-jump { background: var(--card); border: 1px solid var(--line); border-radius: 10px; margin: 0 0 1rem; padding: .6rem 1rem; }
.school-jump summary { cursor: pointer; font-weight: 600; }
.school-jump ul { list-style: none; margin: .5rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; }
.desk-items .school-group:target { outline: 2px solid var(--link); outline-offset: -2px; }
.item-actions { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin-top: .4rem; }
.item-actions button { padding: .3rem .7rem; font-size: .85rem; }
.toolbar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; background: var(--bg); padding: .5rem 0 .75rem; box-shadow: 0 1px 0 var(--line); }
/* On a phone, or a screen zoomed to 200%, the desk's buttons and notices take a fifth of the screen or more: held at the top, they would cover what is being edited. */
/* A card or field jumped to (after Up, Add to digest, a check's link) lands below the sticky toolbar, which is
   up to three rows (buttons, what publishing waits for, a late notice: about 145 px) on most screens. */
html:has(.toolbar) { scroll-padding-top: 10.5rem; }
.toolbar .publish-waits { margin: 0; color: var(--warn); }
@media (max-width: 600px), (max-height: 600px) { .toolbar { position: static; box-shadow: none; } html:has(.toolbar) { scroll-padding-top: 0; } }
.status-line { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: 0 0 1rem; }
.entry-list { list-style: none; margin: 0 0 1.25rem; padding: 0; display: grid; gap: 1rem; }
.entry-card { background: var(--card); border: 1px solid var(--line); border-left: 4px solid #a7d7b8; border-radius: 10px; padding: 1rem 1.25rem; }
.entry-card.has-findings { border-left-color: #d97706; }
.entry-card.dragging { opacity: .5; }
.entry-card[draggable=true] .entry-head { cursor: grab; }
.entry-head { display: flex; gap: .75rem; align-items: baseline; }
.entry-number { font-weight: 800; color: var(--navy); font-size: 1.1rem; }
.entry-source { color: var(--muted); font-size: .9rem; }
.entry-card input[type=text], .entry-card textarea, .card input[type=text], .card textarea { max-width: none; }
.image-choice { border: 0; padding: 0; margin: .75rem 0 0; min-inline-size: 0; }
.image-choice .badge { white-space: normal; }
.image-choice legend { font-weight: 600; padding: 0; margin-bottom: .3rem; }
.image-option { display: inline-flex; align-items: center; gap: .4rem; margin: 0 .75rem .5rem 0; font-weight: 400; }
.image-option img { width: 5rem; height: 3.75rem; object-fit: cover; border-radius: 6px; border: 1px solid var(--line); }
.findings { list-style: none; margin: .5rem 0; padding: 0; display: grid; gap: .5rem; }
.finding { background: var(--warn-bg); border: 1px solid #f0cf9c; border-radius: 8px; padding: .6rem .8rem; overflow-wrap: anywhere; }
.finding.resolved { background: #f6f7f9; border-color: var(--line); }
.finding details { margin-top: .4rem; }
.finding summary { cursor: pointer; color: var(--link); }
.conflict { border: 2px solid #d97706; }
.preview-frame { width: 100%; height: 75vh; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
@media (max-width: ${DESK_STACKED_MAX_WIDTH}px) { .desk { grid-template-columns: 1fr; } .desk aside, .desk-items { position: static; max-height: none; } }
`;
