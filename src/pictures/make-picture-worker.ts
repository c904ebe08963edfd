// Pictures on Workers, where sharp cannot run: the original's metadata is stripped from its bytes
// (strip-metadata.ts) and the picture is kept at its own size, one file serving the page, the feeds, the embed
// and the email. Without resizing, a picture over MAX_UNRESIZED_BYTES is refused so that parents' email stays
// light (docs/decisions/008-pictures.md).
import { fileName, MAX_PIXELS, pictureKey, type PictureFile, type PictureMaker } from './picture-types';
import { HEIC_REFUSAL, isHeic, tooManyPixels } from './picture-refusals';
import { stripMetadata, UnreadablePicture } from './strip-metadata';

export const MAX_UNRESIZED_BYTES = 1024 * 1024;

export function createStrippingPictureMaker(): PictureMaker {
  return {
    async make(bytes) {
      if (isHeic(bytes)) return { error: HEIC_REFUSAL };
      let stripped;
      try {
        stripped = stripMetadata(bytes);
      } catch (error) {
        if (!(error instanceof UnreadablePicture)) throw error;
        return {
          error:
            'The file is not a picture Yesterday can read on this installation (JPEG, PNG or WebP), or it is damaged or cut off. Choose another picture.',
        };
      }
      if (stripped.width * stripped.height > MAX_PIXELS)
        return { error: tooManyPixels(stripped.width * stripped.height) };
      if (stripped.bytes.length > MAX_UNRESIZED_BYTES) {
        return {
          error: `The picture is ${(stripped.bytes.length / 1048576).toFixed(1)} MB. This installation keeps pictures at their own size (it cannot resize them), so it takes pictures up to 1 MB, to keep parents' email light. Choose a smaller picture.`,
        };
      }
      const key = await pictureKey(bytes);
      const [width, height] = stripped.turned
        ? [stripped.height, stripped.width]
        : [stripped.width, stripped.height];
      const file = (purpose: PictureFile['purpose']): PictureFile => ({
        name: fileName(key, purpose, width, stripped.type),
        purpose,
        type: stripped.type,
        width,
        height,
        bytes: stripped.bytes,
      });
      return { key, width, height, files: [file('fallback'), file('email')] };
    },
  };
}
