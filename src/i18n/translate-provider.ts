// Machine translation behind one small interface: LibreTranslate's HTTP API (TRANSLATE_URL, which can run on
// the district's own server) through the guarded fetch, or Workers AI's m2m100 model through an `AI` binding.
// Answers are plain text, never HTML; a failure is a value with a sentence for the desk, never a throw.
import { cleanText } from '../text/clean-text';
import { createSocialFetch, SocialAddressRefused, type SocialFetch } from '../social/social-fetch';

export type TranslateOutcome = { ok: true; texts: string[] } | { ok: false; message: string };

export interface TranslateProvider {
  /** What the desk names it by: "LibreTranslate at translate.example.org", "Workers AI". */
  name: string;
  /** Translates each text from `source` to `target` (language codes such as en, es, ar), in order. */
  translate(texts: string[], source: string, target: string): Promise<TranslateOutcome>;
}

/** The binding's one method this uses (Cloudflare's `Ai` type has many more). */
export interface AiBinding {
  run(model: string, input: { text: string; source_lang: string; target_lang: string }): Promise<unknown>;
}

export const TRANSLATE_DEADLINE_MS = 30_000;
/** Longest answer accepted per text: a blurb is at most 1,000 characters, and translations run longer. */
const MAX_ANSWER_CHARS = 4_000;
export const WORKERS_AI_MODEL = '@cf/meta/m2m100-1.2b';

function plain(text: string): string {
  // Text only, cleaned as every typed field is; the field's own length limit applies when it is saved.
  return cleanText(text).slice(0, MAX_ANSWER_CHARS);
}

export function libreTranslateProvider(options: {
  url: string;
  apiKey?: string;
  allowPrivateNetworks: boolean;
  /** The transport (Node: undici checking each address it connects to); the platform's fetch when absent. */
  fetch?: SocialFetch;
  deadlineMs?: number;
}): TranslateProvider {
  const base = options.url.replace(/\/+$/, '');
  const host = new URL(base).host;
  const guarded = createSocialFetch({
    allowPrivateNetworks: options.allowPrivateNetworks,
    transport: options.fetch,
    deadlineMs: options.deadlineMs ?? TRANSLATE_DEADLINE_MS,
  });
  const failed = (why: string): TranslateOutcome => ({
    ok: false,
    message: `The translation service (${host}) ${why} Nothing was filled in; try again later, or write the translation yourself.`,
  });
  return {
    name: `LibreTranslate at ${host}`,
    async translate(texts, source, target) {
      if (!texts.length) return { ok: true, texts: [] };
      let response: Response;
      try {
        response = await guarded(`${base}/translate`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ q: texts, source, target, format: 'text', api_key: options.apiKey ?? '' }),
        });
      } catch (error) {
        if (error instanceof SocialAddressRefused) return failed(`was not asked: ${error.message}`);
        const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
        return failed(timedOut ? 'did not answer in time.' : 'could not be reached.');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return failed(`answered with something other than JSON (status ${response.status}).`);
      }
      const error = (body as { error?: unknown } | null)?.error;
      if (!response.ok)
        return failed(
          `refused the request (status ${response.status}${typeof error === 'string' ? `: ${plain(error).slice(0, 200)}` : ''}).`,
        );
      const translated = (body as { translatedText?: unknown } | null)?.translatedText;
      const list = Array.isArray(translated) ? translated : [translated];
      if (list.length !== texts.length || !list.every((t): t is string => typeof t === 'string'))
        return failed('answered without a translation for each text.');
      return { ok: true, texts: list.map(plain) };
    },
  };
}

export function workersAiProvider(ai: AiBinding): TranslateProvider {
  return {
    name: 'Workers AI',
    async translate(texts, source, target) {
      const out: string[] = [];
      for (const text of texts) {
        let answer: unknown;
        try {
          answer = await ai.run(WORKERS_AI_MODEL, { text, source_lang: source, target_lang: target });
        } catch {
          return {
            ok: false,
            message:
              'The translation service (Workers AI) failed. Nothing was filled in; try again later, or write the translation yourself.',
          };
        }
        const translated = (answer as { translated_text?: unknown } | null)?.translated_text;
        if (typeof translated !== 'string')
          return {
            ok: false,
            message:
              'The translation service (Workers AI) answered without a translation. Nothing was filled in; try again later, or write the translation yourself.',
          };
        out.push(plain(translated));
      }
      return { ok: true, texts: out };
    },
  };
}
