// Thread entry for the feed processing pool in development and tests: loads the TypeScript through tsx.
// Production runs dist/process-worker.mjs, compiled by scripts/build.mjs.
import { register } from 'tsx/esm/api';

register();
const { default: processFeed } = await import('./process-worker-node.ts');
export default processFeed;
