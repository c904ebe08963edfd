// Worker-thread entry for the feed processing pool: loads the TypeScript sources through tsx, like the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./process-worker-node.ts');
