// The demo district's sample feeds, in the shapes real platforms produce, dated relative to "now" in the
// district time zone so the inbox always has yesterday's posts. Images are small SVGs served locally.
import { escapeXml } from '../text/clean-text';
import { escapeHtml } from '../text/escape';
import { addDays, instantOf, localDateOf } from '../time/zoned-time';

export const DEMO_DISTRICT = 'Lakeside Unified School District';
export const DEMO_TIMEZONE = 'America/Chicago';

export interface DemoSource {
  slug: string;
  school: string;
  /** Who authorized the account, as a principal signs it: "NAME, ROLE". */
  authorizedBy: string;
  mediaRelease: boolean;
  contentType: string;
  render(base: string, now: number): string;
}

interface Post {
  day: -1 | -2;
  time: string;
  title?: string;
  html: string;
  image?: { file: string; alt: string };
}

function at(now: number, post: Post): Date {
  const today = localDateOf(now, DEMO_TIMEZONE);
  return new Date(instantOf(addDays(today, post.day), post.time, DEMO_TIMEZONE));
}

const x = escapeXml;

const rivera: Post[] = [
  {
    day: -1,
    time: '10:15',
    title: 'Our bean plants sprouted!',
    html: '<p>After two weeks of watering and measuring, every bean in our window garden has sprouted. Maya counted 14 leaves on the tallest plant and the class graphed the growth together.</p>',
    image: { file: 'sprouts.jpg', alt: 'Bean sprouts in paper cups on a classroom windowsill' },
  },
  {
    day: -1,
    time: '14:40',
    title: 'Reading buddies with the fifth grade',
    html: '<p>Our second graders read picture books with their fifth-grade buddies this afternoon. Lots of giggles and some very dramatic voices.</p>',
    image: { file: 'books.jpg', alt: 'A stack of colourful picture books' },
  },
  {
    day: -2,
    time: '11:00',
    title: 'Counting by fives at the market',
    html: '<p>We set up a pretend market and paid for apples with nickels. Everyone can now count by fives to one hundred.</p>',
    image: { file: 'market.jpg', alt: 'A basket of red apples beside a row of nickels' },
  },
];

const science: Post[] = [
  {
    day: -1,
    time: '13:05',
    title: 'Volcano lab: measuring the eruption',
    html: '<p>Room 12 built baking-soda volcanoes and measured how far each eruption travelled. Next week we compare our data with real lava flows.</p>',
    image: { file: 'volcano.jpg', alt: 'A model volcano made of clay on a lab table' },
  },
  {
    day: -2,
    time: '09:30',
    title: 'Microscope day',
    html: '<p>We looked at onion skin cells under the microscope and drew what we saw.</p>',
    image: { file: 'microscope.jpg', alt: 'A microscope on a desk beside a drawing of onion cells' },
  },
];

const library: Post[] = [
  {
    day: -1,
    time: '08:20',
    html: '<p>New graphic novels just arrived in the Lincoln library! Come find them on the display by the windows. <a href="https://lakeside.example/library">#LincolnReads</a></p>',
  },
  {
    day: -1,
    time: '16:45',
    html: '<p>Thank you to the families who volunteered at the book fair this week. We raised enough for 60 new books.</p>',
  },
];

const art: Post[] = [
  {
    day: -1,
    time: '12:10',
    title: 'Color wheel murals',
    html: '<p>Oak Hill art students finished their color wheel murals in the main hallway. Stop by during conferences to see them.</p>',
    image: { file: 'palette.jpg', alt: 'A painter’s palette with a ring of bright colours' },
  },
];

const robotics: Post[] = [
  {
    day: -1,
    time: '17:30',
    title: 'Robotics team qualifies for regionals',
    html: 'Our team’s robot stacked 42 cones in the final match. Watch the highlights!',
    image: { file: 'robot.jpg', alt: 'A small wheeled robot lifting an orange cone' },
  },
];

function rssWordPress(base: string, now: number): string {
  const items = rivera.map((post, i) => {
    const link = `${base}/demo/posts/rivera-${i}`;
    return `<item>
  <title>${x(post.title!)}</title>
  <link>${link}</link>
  <dc:creator><![CDATA[Mrs. Rivera]]></dc:creator>
  <pubDate>${at(now, post).toUTCString()}</pubDate>
  <category><![CDATA[Science]]></category>
  <guid isPermaLink="false">${base}/?p=${100 + i}</guid>
  <description><![CDATA[${post.html.replace(/<[^>]+>/g, '').slice(0, 120)} [&#8230;]]]></description>
  <content:encoded><![CDATA[${post.html}${post.image ? `<figure><img src="${base}/demo/images/${post.image.file}" alt="${x(post.image.alt)}" width="640" height="400"></figure>` : ''}<img src="https://pixel.wp.com/g.gif?blog=1" width="1" height="1" alt="">]]></content:encoded>
  ${post.image ? `<media:content url="${base}/demo/images/${post.image.file}" medium="image"><media:title type="html">${x(post.image.alt)}</media:title></media:content>` : ''}
</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Mrs. Rivera’s Second Grade</title>
  <atom:link href="${base}/demo/feeds/rivera.xml" rel="self" type="application/rss+xml" />
  <link>${base}/demo/posts</link>
  <description>Learning and growing in Room 4</description>
  <language>en-US</language>
  <generator>https://wordpress.org/?v=6.7</generator>
  ${items.join('\n')}
</channel>
</rss>`;
}

function atomBlogger(base: string, now: number): string {
  const entries = science.map((post, i) => {
    const when = at(now, post).toISOString();
    return `<entry>
  <id>tag:blogger.com,1999:blog-77.post-${500 + i}</id>
  <published>${when}</published>
  <updated>${when}</updated>
  <title type="text">${x(post.title!)}</title>
  <content type="html">${x(post.html + (post.image ? `<img src="${base}/demo/images/${post.image.file}" alt="${post.image.alt}">` : ''))}</content>
  <link rel="alternate" type="text/html" href="${base}/demo/posts/science-${i}" title="${x(post.title!)}"/>
  <author><name>Mr. Okafor</name></author>
  ${post.image ? `<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="${base}/demo/images/${post.image.file}" height="72" width="72"/>` : ''}
</entry>`;
  });
  return `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:openSearch="http://a9.com/-/spec/opensearchrss/1.0/">
  <id>tag:blogger.com,1999:blog-77</id>
  <updated>${new Date(now).toISOString()}</updated>
  <title type="text">Room 12 Science</title>
  <link rel="alternate" type="text/html" href="${base}/demo/posts"/>
  <author><name>Mr. Okafor</name></author>
  <generator version="7.00" uri="http://www.blogger.com">Blogger</generator>
  ${entries.join('\n')}
</feed>`;
}

function rssMastodon(base: string, now: number): string {
  const items = library.map(
    (post, i) => `<item>
  <guid isPermaLink="true">${base}/demo/posts/library-${i}</guid>
  <link>${base}/demo/posts/library-${i}</link>
  <pubDate>${at(now, post).toUTCString()}</pubDate>
  <description>${x(post.html)}</description>
  <category>LincolnReads</category>
</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:webfeeds="http://webfeeds.org/rss/1.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Lincoln Library</title>
    <description>Public posts from @lincolnlibrary@mastodon.example</description>
    <link>${base}/demo/posts</link>
    <generator>Mastodon v4.3.0</generator>
    ${items.join('\n')}
  </channel>
</rss>`;
}

function jsonFeedArt(base: string, now: number): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Oak Hill Art Studio',
      home_page_url: `${base}/demo/posts`,
      feed_url: `${base}/demo/feeds/art.json`,
      authors: [{ name: 'Ms. Lindqvist' }],
      items: art.map((post, i) => ({
        id: `art-${i}`,
        url: `${base}/demo/posts/art-${i}`,
        title: post.title,
        content_html: post.html,
        image: post.image ? `${base}/demo/images/${post.image.file}` : undefined,
        date_published: at(now, post).toISOString(),
        tags: ['art'],
      })),
    },
    null,
    2,
  );
}

function atomYouTube(base: string, now: number): string {
  const entries = robotics.map((post, i) => {
    const when = at(now, post).toISOString();
    return `<entry>
  <id>yt:video:demoVideo${i}</id>
  <yt:videoId>demoVideo${i}</yt:videoId>
  <yt:channelId>UCdemo</yt:channelId>
  <title>${x(post.title!)}</title>
  <link rel="alternate" href="${base}/demo/posts/robotics-${i}"/>
  <author><name>Oak Hill Robotics</name><uri>${base}/demo/posts</uri></author>
  <published>${when}</published>
  <updated>${when}</updated>
  <media:group>
    <media:title>${x(post.title!)}</media:title>
    <media:thumbnail url="${base}/demo/images/${post.image!.file}" width="480" height="360"/>
    <media:description>${x(post.html)}</media:description>
  </media:group>
</entry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
  <link rel="self" href="${base}/demo/feeds/robotics.xml"/>
  <id>yt:channel:UCdemo</id>
  <title>Oak Hill Robotics</title>
  <link rel="alternate" href="${base}/demo/posts"/>
  <published>2020-01-01T00:00:00+00:00</published>
  ${entries.join('\n')}
</feed>`;
}

export const DEMO_SOURCES: DemoSource[] = [
  {
    slug: 'rivera.xml',
    school: 'Lincoln Elementary',
    authorizedBy: 'Dana Hayes, Principal',
    mediaRelease: true,
    contentType: 'application/rss+xml; charset=utf-8',
    render: rssWordPress,
  },
  {
    slug: 'library.xml',
    school: 'Lincoln Elementary',
    authorizedBy: 'Dana Hayes, Principal',
    mediaRelease: false,
    contentType: 'application/rss+xml; charset=utf-8',
    render: rssMastodon,
  },
  {
    slug: 'science.xml',
    school: 'Riverside Middle School',
    authorizedBy: 'Marcus Webb, Principal',
    mediaRelease: true,
    contentType: 'application/atom+xml; charset=utf-8',
    render: atomBlogger,
  },
  {
    slug: 'art.json',
    school: 'Oak Hill High School',
    authorizedBy: 'Priya Natarajan, Principal',
    mediaRelease: true,
    contentType: 'application/feed+json',
    render: jsonFeedArt,
  },
  {
    slug: 'robotics.xml',
    school: 'Oak Hill High School',
    authorizedBy: 'Priya Natarajan, Principal',
    mediaRelease: true,
    contentType: 'application/atom+xml; charset=utf-8',
    render: atomYouTube,
  },
];

const SVG_SHAPES: Record<string, string> = {
  'sprouts.svg':
    '<rect width="640" height="400" fill="#dff0d8"/><rect y="300" width="640" height="100" fill="#a67c52"/><g fill="#3c8d2f"><ellipse cx="160" cy="230" rx="40" ry="18"/><ellipse cx="320" cy="210" rx="50" ry="22"/><ellipse cx="480" cy="240" rx="36" ry="16"/></g><g stroke="#2f6e25" stroke-width="8"><path d="M160 300v-70M320 300v-90M480 300v-60"/></g>',
  'books.svg':
    '<rect width="640" height="400" fill="#fdf1dc"/><rect x="180" y="260" width="280" height="40" fill="#c0392b"/><rect x="200" y="220" width="250" height="40" fill="#2e86c1"/><rect x="170" y="180" width="290" height="40" fill="#f1c40f"/><rect x="210" y="140" width="230" height="40" fill="#27ae60"/>',
  'volcano.svg':
    '<rect width="640" height="400" fill="#e8eef6"/><path d="M120 360L280 140h80l160 220z" fill="#7b5b3a"/><path d="M280 140c10-60 70-60 80 0z" fill="#e67e22"/><circle cx="300" cy="80" r="18" fill="#f39c12"/><circle cx="350" cy="60" r="12" fill="#e74c3c"/>',
  'market.svg':
    '<rect width="640" height="400" fill="#fdf2e9"/><path d="M130 250h260l-30 110H160z" fill="#a0522d"/><circle cx="200" cy="230" r="34" fill="#c0392b"/><circle cx="260" cy="215" r="34" fill="#e74c3c"/><circle cx="320" cy="232" r="34" fill="#c0392b"/><g fill="#bdc3c7" stroke="#7f8c8d" stroke-width="4"><circle cx="450" cy="300" r="22"/><circle cx="500" cy="300" r="22"/><circle cx="550" cy="300" r="22"/></g>',
  'microscope.svg':
    '<rect width="640" height="400" fill="#eef6f1"/><rect x="150" y="330" width="200" height="24" rx="6" fill="#2c3e50"/><rect x="235" y="150" width="30" height="180" fill="#34495e"/><rect x="215" y="90" width="40" height="90" rx="8" transform="rotate(-20 235 135)" fill="#5d6d7e"/><rect x="190" y="250" width="120" height="14" fill="#7f8c8d"/><rect x="390" y="150" width="170" height="170" fill="#ffffff" stroke="#95a5a6" stroke-width="4"/><g fill="none" stroke="#8e44ad" stroke-width="4"><rect x="405" y="165" width="45" height="35"/><rect x="450" y="165" width="50" height="35"/><rect x="500" y="165" width="45" height="35"/><rect x="405" y="200" width="60" height="40"/><rect x="465" y="200" width="80" height="40"/></g>',
  'palette.svg':
    '<rect width="640" height="400" fill="#f4ecf7"/><ellipse cx="320" cy="200" rx="220" ry="150" fill="#d9b38c"/><g><circle cx="220" cy="150" r="28" fill="#e74c3c"/><circle cx="300" cy="115" r="28" fill="#f39c12"/><circle cx="385" cy="125" r="28" fill="#f1c40f"/><circle cx="440" cy="190" r="28" fill="#27ae60"/><circle cx="400" cy="265" r="28" fill="#2980b9"/><circle cx="300" cy="285" r="28" fill="#8e44ad"/></g>',
  'robot.svg':
    '<rect width="640" height="400" fill="#eaf2f8"/><rect x="230" y="150" width="180" height="120" rx="14" fill="#34495e"/><circle cx="280" cy="290" r="26" fill="#2c3e50"/><circle cx="370" cy="290" r="26" fill="#2c3e50"/><rect x="290" y="110" width="60" height="40" fill="#5d6d7e"/><path d="M450 300l30-90 30 90z" fill="#e67e22"/><rect x="410" y="190" width="60" height="12" fill="#5d6d7e"/>',
};

/**
 * The demo's photographs (src/demo/photos, made by scripts/make-demo-photos.ts from these drawings): JPEGs
 * with a phone's EXIF, a GPS position included, which Yesterday must strip before anything is published.
 */
export const DEMO_PHOTOS: Record<string, string> = {
  'sprouts.jpg': 'sprouts.svg',
  'books.jpg': 'books.svg',
  'volcano.jpg': 'volcano.svg',
  'palette.jpg': 'palette.svg',
  'robot.jpg': 'robot.svg',
  'market.jpg': 'market.svg',
  'microscope.jpg': 'microscope.svg',
};

export function demoImage(file: string): string | undefined {
  const shapes = Object.hasOwn(SVG_SHAPES, file) ? SVG_SHAPES[file] : undefined;
  return (
    shapes &&
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 400" width="640" height="400">${shapes}</svg>`
  );
}

export function demoPostPage(name: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo post</title></head><body><main><h1>Demo post ${escapeHtml(name)}</h1><p>This page stands in for a teacher's original post in the demo district.</p><p><a href="/">Back to the digest</a></p></main></body></html>`;
}
