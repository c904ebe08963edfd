// The stylesheet of the public digest blog: readable type, responsive, print-friendly, AA contrast.

export const siteCss = `
:root {
  --ink: #1c2430; --muted: #4a5566; --paper: #faf8f4; --card: #ffffff; --line: #e4e0d8;
  --navy: #1f3a5f; --link: #1d4e89; --accent: #8a4b08; --notice: #fff4e0; --notice-line: #b45309;
  --serif: Charter, 'Bitstream Charter', 'Sitka Text', Cambria, Georgia, serif;
  --sans: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 17px/1.6 var(--sans); }
a { color: var(--link); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; border-radius: 2px; }
img { max-width: 100%; height: auto; }
.skip { position: absolute; left: -999px; top: 0; background: var(--ink); color: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
.after-card { margin-top: 1.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.wrap { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }
.masthead { background: var(--navy); color: #fff; }
.masthead .wrap { padding-top: 1.6rem; padding-bottom: 1.4rem; display: flex; flex-wrap: wrap; align-items: end; justify-content: space-between; gap: .75rem 1.5rem; }
.masthead .brand { display: flex; align-items: center; gap: .9rem; }
.masthead .logo { width: 56px; height: 56px; object-fit: contain; background: #fff; border-radius: 10px; padding: 4px; }
.masthead .district { display: block; font-size: .8rem; letter-spacing: .1em; text-transform: uppercase; color: #fff; }
.masthead .title { font: 700 1.9rem/1.15 var(--serif); color: #fff; text-decoration: none; }
.masthead nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.1rem; margin: 0; padding: 0; }
.masthead nav a { color: #fff; font-size: .95rem; }
main.wrap { padding-top: 2.25rem; padding-bottom: 3rem; }
.digest { margin: 0 0 3.5rem; }
.digest > header h1, .digest > header h2 { font: 700 2rem/1.2 var(--serif); margin: 0 0 .25rem; }
.digest > header h2 a { color: inherit; text-decoration: none; }
.digest > header time { color: var(--muted); }
.intro { font-size: 1.12rem; margin: 1rem 0 1.5rem; }
.correction { background: var(--notice); border-left: 4px solid var(--notice-line); padding: .75rem 1rem; margin: 1rem 0; }
.entries { list-style: none; margin: 0; padding: 0; display: grid; gap: 1.25rem; }
.entry { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem 1.35rem; }
.entry .school { margin: 0; font-size: .78rem; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; color: var(--accent); }
.entry .school a { color: inherit; text-decoration: none; }
.entry h2, .entry h3 { font: 700 1.35rem/1.3 var(--serif); margin: .3rem 0 .6rem; }
.entry h2 a, .entry h3 a { color: var(--ink); text-decoration: none; }
.entry h2 a:hover, .entry h3 a:hover { text-decoration: underline; }
.entry figure { margin: .5rem 0 .9rem; }
.entry figure img { display: block; width: auto; height: auto; max-width: 100%; max-height: 34rem; margin: 0 auto; border-radius: 8px; background: #eee9df; }
.entry p { margin: .4rem 0; }
.entry .credit { color: var(--muted); font-size: .92rem; margin-top: .8rem; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 2rem; }
.empty { background: var(--card); border: 1px dashed var(--line); border-radius: 10px; padding: 2rem; text-align: center; color: var(--muted); }
.page-title { font: 700 2rem/1.2 var(--serif); margin: 0 0 1rem; }
form.card, .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.5rem; }
label { display: block; font-weight: 600; margin: 0 0 .35rem; }
.hint { color: var(--muted); font-size: .93rem; margin: .25rem 0 .75rem; }
input[type=email], input[type=text] { width: 100%; font: inherit; padding: .6rem .75rem; border: 1px solid #8f96a3; border-radius: 6px; background: #fff; }
fieldset { border: 1px solid var(--line); border-radius: 8px; margin: 1rem 0; padding: .75rem 1rem 1rem; }
legend { font-weight: 600; padding: 0 .35rem; }
.checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .35rem 1rem; }
.checks label { font-weight: 400; display: flex; gap: .5rem; align-items: baseline; margin: 0; }
button, .button { font: 600 1rem var(--sans); background: var(--navy); color: #fff; border: 0; border-radius: 6px; padding: .7rem 1.2rem; cursor: pointer; text-decoration: none; display: inline-block; }
button:hover, .button:hover { background: color-mix(in srgb, var(--navy) 82%, #000); }
button.secondary { background: #fff; color: var(--navy); border: 1px solid var(--navy); }
.error-text { color: #a4161a; font-weight: 600; }
.message { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--navy); border-radius: 8px; padding: 1rem 1.25rem; }
.message.error { border-left-color: #a4161a; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .92rem; padding: 1.5rem 0 2.5rem; }
footer.site ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; margin: .5rem 0 0; }
.archive-month h2 { font: 700 1.3rem var(--serif); margin: 1.75rem 0 .5rem; }
.archive-month ul { margin: 0; padding-left: 1.2rem; }
.muted { color: var(--muted); }
.school-list { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
.school-list li { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; }
.school-list a { font-weight: 600; }
.school-header { margin-bottom: 2rem; }
.card-title { font: 700 1.25rem/1.3 var(--serif); margin: 0 0 .75rem; }
.changes .correction { margin: .75rem 0; }
@media (max-width: 520px) {
  body { font-size: 16px; }
  .masthead .title { font-size: 1.55rem; }
  .digest > header h1, .digest > header h2 { font-size: 1.6rem; }
  .entry { padding: 1rem; }
}
@media print {
  body { background: #fff; font-size: 12pt; }
  .masthead { background: none; color: #000; border-bottom: 2px solid #000; }
  .masthead .title, .masthead nav a, .masthead .district { color: #000; }
  .masthead nav, .pager, footer.site ul, .skip { display: none; }
  .entry { border: 0; border-bottom: 1px solid #999; border-radius: 0; break-inside: avoid; }
  a { color: #000; }
  .entry h3 a::after { content: " (" attr(href) ")"; font: 9pt var(--sans); word-break: break-all; }
}
`;
