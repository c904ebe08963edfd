// The Worker's entry (wrangler.toml's main). It exports only the handlers: workerd treats every named export
// of the main module as an entrypoint, so everything else lives in worker-runtime.ts.
import { createWorker } from './worker-runtime';

export default createWorker();
