import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBody, startTestServer, type TestServer } from '../../test/http-server';
import { startLibreTranslate } from '../../test/libre-translate-stand-in';
import { libreTranslateProvider, workersAiProvider } from './translate-provider';

describe('translation providers', () => {
  let libre: Awaited<ReturnType<typeof startLibreTranslate>>;
  let odd: TestServer;
  beforeAll(async () => {
    libre = await startLibreTranslate('k');
    odd = await startTestServer();
    odd.route('/html/translate', serveBody('<html>busy</html>', 'text/html'));
    odd.route(
      '/short/translate',
      serveBody(JSON.stringify({ translatedText: ['uno', 'dos'] }), 'application/json'),
    );
    odd.route('/slow/translate', () => new Promise(() => {}));
    odd.route('/moved/translate', (_req, res) => {
      res.statusCode = 301;
      res.setHeader('location', 'http://elsewhere.example/translate');
      res.end();
    });
  });
  afterAll(async () => {
    await libre.server.close();
    await odd.close();
  });

  const provider = (url: string, options: { apiKey?: string; allowPrivateNetworks?: boolean } = {}) =>
    libreTranslateProvider({
      url,
      apiKey: options.apiKey ?? 'k',
      allowPrivateNetworks: options.allowPrivateNetworks ?? true,
      deadlineMs: 500,
    });

  it('sends LibreTranslate its request and reads its answer, one text or many', async () => {
    const outcome = await provider(libre.server.url).translate(['Hello', 'Kites'], 'en', 'es');
    expect(outcome).toEqual({ ok: true, texts: ['[es] Hello', '[es] Kites'] });
    expect(libre.requests.at(-1)).toEqual({
      q: ['Hello', 'Kites'],
      source: 'en',
      target: 'es',
      format: 'text',
      api_key: 'k',
    });
  });

  it('answers every failure with a sentence naming the service', async () => {
    const host = new URL(odd.url).host;
    const sentence = async (url: string, options = {}) => {
      const outcome = await provider(url, options).translate(['Hello'], 'en', 'es');
      expect(outcome.ok, url).toBe(false);
      return outcome.ok ? '' : outcome.message;
    };
    expect(await sentence(libre.server.url, { apiKey: 'wrong' })).toContain(
      'refused the request (status 403: Invalid API key)',
    );
    expect(await sentence(`${odd.url}/html`)).toBe(
      `The translation service (${host}) answered with something other than JSON (status 200). Nothing was filled in; try again later, or write the translation yourself.`,
    );
    expect(await sentence(`${odd.url}/short`)).toContain('answered without a translation for each text.');
    expect(await sentence(`${odd.url}/slow`)).toContain('did not answer in time.');
    expect(await sentence(`${odd.url}/moved`)).toContain('answered with a redirect');
    // A private address is asked only when FETCH_ALLOW_PRIVATE_NETWORKS allows it.
    expect(await sentence(libre.server.url, { allowPrivateNetworks: false })).toContain(
      'is a private or local address',
    );
  });

  it('reads Workers AI’s answer and says its failure', async () => {
    const ai = workersAiProvider({ run: async (_model, input) => ({ translated_text: `«${input.text}»` }) });
    expect(await ai.translate(['a', 'b'], 'en', 'ar')).toEqual({ ok: true, texts: ['«a»', '«b»'] });
    const broken = workersAiProvider({ run: async () => ({}) });
    expect(await broken.translate(['a'], 'en', 'ar')).toMatchObject({ ok: false });
  });
});
