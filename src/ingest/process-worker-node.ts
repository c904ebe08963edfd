// Inside a piscina thread: decode → parse → normalize the fetched feeds it is handed, in order, telling the
// pool when it begins and as it finishes each, so each feed's deadline runs from when it is begun and each
// result is stored without waiting for the rest (see process-pool-node.ts).
import { parentPort } from 'node:worker_threads';
import type { ProcessBatch, ProgressMessage } from './process-pool-node';
import { processInProcess } from './read-feed';

export default async function processFeeds({ feeds }: ProcessBatch): Promise<number> {
  if (feeds[0]) parentPort!.postMessage({ begun: feeds[0].id } satisfies ProgressMessage);
  for (const { id, ...request } of feeds) {
    let message: ProgressMessage;
    try {
      message = { read: id, result: await processInProcess(request) };
    } catch (error) {
      message = {
        read: id,
        result: { ok: false, message: 'The feed could not be read because of an internal error.' },
        error: String(error),
      };
    }
    parentPort!.postMessage(message);
  }
  return feeds.length;
}
