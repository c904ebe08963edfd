// A LibreTranslate stand-in on 127.0.0.1 speaking its real API: POST /translate with JSON
// { q, source, target, format, api_key } → { translatedText } (q and the answer a string or an array alike);
// a wrong key is 403 with { error }, and `state.failing` makes it answer 500 with { error }; `state.meanwhile`
// runs before it answers (what happens while a slow service works). Requests are kept.
import type { IncomingMessage } from 'node:http';
import { startTestServer } from './http-server';

export interface TranslateRequest {
  q: string | string[];
  source: string;
  target: string;
  format: string;
  api_key: string;
}

/** LibreTranslate as its API answers: q a string or an array, translatedText likewise; a wrong key is 403. */
export async function startLibreTranslate(key: string) {
  const server = await startTestServer();
  const requests: TranslateRequest[] = [];
  const state: { failing: boolean; meanwhile?: () => Promise<void> } = { failing: false };
  const read = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as TranslateRequest;
  };
  server.route('/translate', async (request, response) => {
    const body = await read(request);
    requests.push(body);
    response.setHeader('content-type', 'application/json');
    if (request.method !== 'POST' || body.api_key !== key) {
      response.statusCode = 403;
      return response.end(JSON.stringify({ error: 'Invalid API key' }));
    }
    if (state.failing) {
      response.statusCode = 500;
      return response.end(JSON.stringify({ error: 'Cannot translate text: model unavailable' }));
    }
    await state.meanwhile?.();
    const one = (text: string) => `[${body.target}] ${text}`;
    response.end(JSON.stringify({ translatedText: Array.isArray(body.q) ? body.q.map(one) : one(body.q) }));
  });
  return { server, requests, state };
}
