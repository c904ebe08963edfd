// Inside a worker thread: runs decode → parse → normalize for the fetched feeds it is handed, one at a time
// and in the order they came, so the pool can hand it the next feeds before it has finished this one.
import { parentPort } from 'node:worker_threads';
import { processInProcess, type ProcessRequest } from './read-feed';

type Job = ProcessRequest & { id: number };

const waiting: Job[] = [];
let reading = false;

async function readWaiting() {
  reading = true;
  for (let job = waiting.shift(); job; job = waiting.shift()) {
    try {
      parentPort!.postMessage({ id: job.id, result: await processInProcess(job) });
    } catch (error) {
      parentPort!.postMessage({
        id: job.id,
        result: { ok: false, message: 'The feed could not be read because of an internal error.' },
        error: String(error),
      });
    }
  }
  reading = false;
}

parentPort!.on('message', (job: Job) => {
  waiting.push(job);
  if (!reading) void readWaiting();
});

parentPort!.postMessage({ ready: true });
