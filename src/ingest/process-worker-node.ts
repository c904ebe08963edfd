// Inside a worker thread: runs decode → parse → normalize for one fetched feed at a time.
import { parentPort } from 'node:worker_threads';
import { processInProcess, type ProcessRequest } from './read-feed';

parentPort!.postMessage({ ready: true });

parentPort!.on('message', async (job: ProcessRequest & { id: number }) => {
  try {
    parentPort!.postMessage({ id: job.id, result: await processInProcess(job) });
  } catch (error) {
    parentPort!.postMessage({
      id: job.id,
      result: { ok: false, message: 'The feed could not be read because of an internal error.' },
      error: String(error),
    });
  }
});
