// /embed: the latest digest (or the latest few, or one date, or one school's slice) in a compact card made
// to sit in an iframe on the district's site. Links open in a new tab; the frame reports its height.
import { formatLongDate, sourceNameOf, type DigestContent } from '../publish/digest-content';
import { assetUrl } from './assets';
import { ChangeNotes } from './digest-article';
import type { SiteInfo } from './layout';

export function EmbedPage(props: {
  site: SiteInfo;
  contents: DigestContent[];
  school?: { slug: string; name: string };
}) {
  const { site } = props;
  const out = { target: '_blank', rel: 'noopener' };
  const home = props.school ? `${site.publicUrl}/schools/${props.school.slug}` : `${site.publicUrl}/`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${site.siteTitle} · ${site.districtName}`}</title>
        <link rel="stylesheet" href={assetUrl('embed.css')} />
        <script src={assetUrl('embed-frame.js')} defer></script>
      </head>
      <body>
        <div class="embed">
          <header>
            <span class="district">
              {props.school ? `${site.districtName} · ${props.school.name}` : site.districtName}
            </span>
            <h1>
              <a href={home} {...out}>
                {site.siteTitle}
              </a>
            </h1>
          </header>
          {props.contents.length === 0 ? <p class="empty">Nothing has been published yet.</p> : null}
          {props.contents.map((content) => {
            const { digest, entries } = content;
            const url = `${site.publicUrl}/digests/${digest.date}`;
            return (
              <section class="day" aria-label={formatLongDate(digest.date)}>
                <h2>
                  <a href={url} {...out}>
                    {digest.title.trim() || formatLongDate(digest.date)}
                  </a>
                </h2>
                <ChangeNotes content={content} timezone={site.timezone} />
                {digest.intro ? <p class="intro">{digest.intro}</p> : null}
                <ul class="posts">
                  {entries.map((entry) => (
                    <li class="post">
                      {entry.imageUrl ? (
                        <img
                          src={entry.imageUrl}
                          alt={entry.imageAlt ?? ''}
                          loading="lazy"
                          referrerpolicy="no-referrer"
                          width="88"
                          height="66"
                        />
                      ) : null}
                      <div>
                        <p class="school">{entry.item.schoolName}</p>
                        <h3>
                          <a href={entry.item.url ?? url} {...out}>
                            {entry.headline}
                          </a>
                        </h3>
                        <p>From {sourceNameOf(entry)}</p>
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
          <footer>
            <a href={home} {...out}>
              More on {site.siteTitle}
            </a>
            <a
              href={`${site.publicUrl}/subscribe${props.school ? `?school=${props.school.slug}` : ''}`}
              {...out}
            >
              Get it by email
            </a>
          </footer>
        </div>
      </body>
    </html>
  );
}
