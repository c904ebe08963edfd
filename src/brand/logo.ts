// The district's logo as the settings keep it: a data: URL of its bytes, cleaned of metadata on the way in
// (strip-metadata), and read back the same way by /logo and by Settings.
import type { Database } from '../db/client';
import { readSetting, type FILE_SETTINGS } from '../db/settings';
import { stripMetadata, UnreadablePicture, type StrippedPicture } from '../pictures/strip-metadata';

/** A logo as the setting keeps it: its cleaned bytes, as a data: URL. */
export function logoDataUrl(picture: StrippedPicture): string {
  return `data:${picture.type};base64,${base64(picture.bytes)}`;
}

/**
 * The stored logo read whole and without its metadata, or undefined when it cannot be: one stored before
 * uploads were read whole may not be a picture a structure check accepts, and is then not served at all.
 */
export function storedLogo(dataUrl: string): StrippedPicture | undefined {
  const match = /^data:image\/(?:png|jpeg|webp);base64,(.+)$/.exec(dataUrl);
  if (!match) return undefined;
  let binary: string;
  try {
    binary = atob(match[1]!);
  } catch {
    return undefined; // not base64 (a row written by hand, say)
  }
  try {
    return stripMetadata(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  } catch (error) {
    if (error instanceof UnreadablePicture) return undefined;
    throw error;
  }
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Per database (tests open many in one process), the shape of each stored version of each logo. */
const aspects = new WeakMap<Database, Map<string, Promise<number | undefined>>>();

/**
 * How wide a stored logo is for its height (width ÷ height) as it is shown (a JPEG stored on its side is
 * turned upright), or undefined when it cannot be read. Emails need it: a mail client draws a picture at the
 * width it is given, so a wide logo given a square's width shows as a sliver. The settings say which version
 * of the logo is stored (`stamp`, when it was stored), so each version is read once while the process (or the
 * Worker's isolate) keeps its database handle, not with every reading of the settings. A stored value that is
 * not a picture at all gives undefined: the emails then draw a square, and nothing else stops.
 */
export function readLogoAspect(
  db: Database,
  key: (typeof FILE_SETTINGS)[number],
  stamp: string,
): Promise<number | undefined> {
  let known = aspects.get(db);
  if (!known) aspects.set(db, (known = new Map()));
  const version = `${key}@${stamp}`;
  let aspect = known.get(version);
  if (!aspect) {
    if (known.size >= 8) known.clear();
    aspect = readSetting(db, key).then(
      (stored) => {
        const picture = stored === undefined ? undefined : storedLogo(stored);
        if (!picture) return undefined;
        return picture.turned ? picture.height / picture.width : picture.width / picture.height;
      },
      (error: unknown) => {
        known.delete(version); // a failed read is tried again next time
        throw error;
      },
    );
    known.set(version, aspect);
  }
  return aspect;
}
