// The pictures a coordinator may choose for an entry: the post's own image first, then each picture of its
// sanitized content once, address and description as written, at most twelve.
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../ingest/sanitize-html';
import { imagesOf } from './item-images';

const baseUrl = 'https://room12.example/';

describe('imagesOf', () => {
  it('answers the media image, then each picture of the content once, decoded', () => {
    const contentHtml = sanitizeHtml(
      '<p><img src="/a.jpg?x=1&amp;y=2" alt="Kites &amp; &quot;wind&quot;"> <img src="/media.jpg">' +
        '<img src="/b.jpg"></p><p>Text that reads <b>&lt;img src="/not-a-picture.jpg"&gt;</b></p>',
      { baseUrl },
    );
    expect(
      imagesOf({ imageUrl: 'https://room12.example/media.jpg', imageAlt: 'Media', contentHtml }),
    ).toEqual([
      { url: 'https://room12.example/media.jpg', alt: 'Media' },
      { url: 'https://room12.example/a.jpg?x=1&y=2', alt: 'Kites & "wind"' },
      { url: 'https://room12.example/b.jpg', alt: '' },
    ]);
  });

  it('answers at most twelve', () => {
    const pictures = Array.from({ length: 20 }, (_, n) => `<img src="/${n}.jpg">`).join('');
    const choices = imagesOf({
      imageUrl: null,
      imageAlt: null,
      contentHtml: sanitizeHtml(pictures, { baseUrl }),
    });
    expect(choices.map((choice) => choice.url)).toEqual(
      Array.from({ length: 12 }, (_, n) => `https://room12.example/${n}.jpg`),
    );
  });
});
