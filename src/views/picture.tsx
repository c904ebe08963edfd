// A published picture on a page or in the embed: WebP where the browser takes it, JPEG otherwise, at the width
// the layout needs, in its own shape (width and height given, so nothing moves as it loads, and nothing cropped).
import type { StoredPicture } from '../db/pictures';
import { pictureView } from '../pictures/picture-view';

export function Picture(props: {
  picture: StoredPicture | undefined;
  alt: string;
  /** The sizes attribute: how wide the picture shows at each viewport width. */
  sizes: string;
  /** '' for addresses on this site; PUBLIC_URL where the page is shown elsewhere (the embed). */
  base?: string;
  class?: string;
  /** The alt text's language, where it is not the page's (an original shown for want of a translation). */
  lang?: string;
  /** The page's first and largest picture, loaded at once rather than when scrolled to. */
  eager?: boolean;
}) {
  const view = props.picture && pictureView(props.picture, props.base ?? '');
  if (!view) return null;
  return (
    <picture>
      {view.webpSrcset ? <source type="image/webp" srcset={view.webpSrcset} sizes={props.sizes} /> : null}
      <img
        class={props.class}
        src={view.src}
        srcset={view.jpegSrcset}
        sizes={props.sizes}
        width={view.width}
        height={view.height}
        alt={props.alt}
        lang={props.lang}
        loading={props.eager ? 'eager' : 'lazy'}
        fetchpriority={props.eager ? 'high' : undefined}
        decoding="async"
      />
    </picture>
  );
}
