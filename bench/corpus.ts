// The benchmark corpus: class-blog feeds of 20 items, shaped like WordPress output.

export function feedXml(n: number): string {
  const items = Array.from({ length: 20 }, (_, i) => {
    const day = new Date(Date.UTC(2026, 10, 20, 8 + (i % 10), i * 2));
    return `<item>
  <title>Class ${n} post ${i}: what we learned today</title>
  <link>https://class${n}.example.org/2026/11/20/post-${i}/</link>
  <guid isPermaLink="false">https://class${n}.example.org/?p=${1000 + i}</guid>
  <pubDate>${day.toUTCString()}</pubDate>
  <dc:creator><![CDATA[Teacher ${n}]]></dc:creator>
  <category><![CDATA[Learning]]></category>
  <description><![CDATA[Today in class ${n} we explored a new topic together and shared what we found. [&#8230;]]]></description>
  <content:encoded><![CDATA[<p>Today in class ${n} we explored a new topic together and shared what we found with our families.</p>
<figure><img src="https://class${n}.example.org/wp-content/uploads/2026/11/photo-${i}.jpg" alt="Students working together at table ${i}" width="1024" height="768"></figure>
<p>Every group measured, recorded and graphed their results, then presented them to the class. <a href="https://class${n}.example.org/2026/11/21/next/">Next week</a> we try it again with new materials.</p>
<p>${'We practised reading aloud, asked good questions and helped each other. '.repeat(8)}</p>]]></content:encoded>
</item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Class ${n}</title><link>https://class${n}.example.org</link><generator>https://wordpress.org/?v=6.7</generator>
${items}
</channel></rss>`;
}
