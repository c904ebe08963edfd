// The class feed both runtimes ingest in the shared scenarios: one post at noon (Chicago) on the day before
// today's UTC date, so the day is yesterday or the day before wherever the district's clock is.

export function scenarioDay(now = Date.now()): { date: string; publishedAt: number } {
  const date = new Date(now - 24 * 60 * 60_000).toISOString().slice(0, 10);
  return { date, publishedAt: Date.parse(`${date}T18:00:00Z`) };
}

export function scenarioFeed(now = Date.now()): string {
  const { publishedAt } = scenarioDay(now);
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Room 12 at Lincoln</title><link>https://room12.example/</link>
<item><title>Tulip bulbs by the front door</title><link>https://room12.example/tulips</link>
<guid>https://room12.example/tulips</guid><pubDate>${new Date(publishedAt).toUTCString()}</pubDate>
<description>&lt;p&gt;The third graders planted tulip bulbs by the front door. Come spring, look for red and yellow.&lt;/p&gt;</description></item>
</channel></rss>`;
}
