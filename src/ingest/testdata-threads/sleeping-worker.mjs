// A stand-in for the feed-processing thread (process-pool-node.test.ts), speaking the same protocol as
// process-worker-node.ts: each "feed" is a number of milliseconds to hold the thread, and reads as a feed
// with no posts once that time has passed. It times deadlines exactly, where real feeds vary with the machine.
import { Buffer } from 'node:buffer';
import { parentPort } from 'node:worker_threads';

export default function holdFor({ feeds }) {
  if (feeds[0]) parentPort.postMessage({ begun: feeds[0].id });
  for (const { id, body } of feeds) {
    const ms = Number(Buffer.from(body).toString());
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    parentPort.postMessage({ read: id, result: { ok: true, feed: { title: `held ${ms} ms` }, items: [] } });
  }
  return feeds.length;
}
