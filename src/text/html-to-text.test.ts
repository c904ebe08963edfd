// Plain text from HTML, and cutting text for summaries and titles: at a word boundary, without punctuation
// left before the ellipsis.
import { describe, expect, it } from 'vitest';
import { htmlToText, truncateWords } from './html-to-text';

describe('htmlToText', () => {
  it.each([
    ['Fish &amp; Chips &#8211; <b>Friday</b>', 'Fish & Chips – Friday'],
    ['<p>Kites</p><p>and wind</p>', 'Kites and wind'],
    ['Kites<br>and<span> wind</span>', 'Kites and wind'],
    ['  Room\n\t 12\u00a0 ', 'Room 12'],
    ['Room 12<script>alert(1)</script><style>p{}</style> news', 'Room 12 news'],
    ['<svg><title>icon</title></svg>Mrs <i>Rivera</i>', 'Mrs Rivera'],
    ['&lt;b&gt; is not a tag here', '<b> is not a tag here'],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('htmlToText and raw text', () => {
  // Raw-text elements hold text up to their own end tag in every browser, whatever the start tag looks like;
  // their content is never text of a title, an author or a picture's description.
  it.each([
    '<script/>x()</script>',
    '<SCRIPT/>x()</SCRIPT>',
    '<script />x()</script >',
    '<SCRIPT >x()</SCRIPT >',
    '<SCRIPT />x()</SCRIPT >',
    '<script\nsrc="https://a.example/s.js">x()</script\n>',
    '<script\nsrc="https://a.example/s.js"/>x()</script\n>',
    '<style/>x(){color:red}</style>',
    '<iframe/>x()</iframe>',
    '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ">x()</iframe>',
    '<title/>x()</title>',
    '<textarea/>x()</textarea>',
    '<xmp/>x()</xmp>',
    '<noembed/>x()</noembed>',
    '<noframes/>x()</noframes>',
    '<script>a</scriptx>x()</script>',
    '<script><!--<script></script>x()</script>', // after <!--, <script makes </script> part of the text
    '<script>"<!-- <SCRIPT>";</script >x()--></script>',
  ])('%j', (raw) => {
    expect(htmlToText(`Room 12${raw} news`)).toBe('Room 12 news');
  });

  it('reads everything after <plaintext>, self-closing or not, as its content', () => {
    expect(htmlToText('Room 12<plaintext/>x() news')).toBe('Room 12');
  });
});

describe('truncateWords', () => {
  it.each([
    ['Short enough.', 20, 'Short enough.'],
    ['We measured the wind, then we flew kites', 24, 'We measured the wind…'],
    ['We measured the wind; then we flew kites', 23, 'We measured the wind…'],
    ['We measured the wind —  then we flew kites', 24, 'We measured the wind…'],
    ['We measured the wind.\u3000 Then we flew kites', 24, 'We measured the wind…'],
    ['Supercalifragilisticexpialidocious', 10, 'Supercali…'],
    ['...,,,;;; ...,,,', 8, '…'],
  ])('%j at %i', (text, max, expected) => {
    const cut = truncateWords(text, max);
    expect(cut).toBe(expected);
    expect(cut.length).toBeLessThanOrEqual(max);
  });
});
