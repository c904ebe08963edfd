// Lets other work (requests, timers) run between slices of a long job, so no single feed stalls the server.

// setImmediate on Node; Workers may lack it, where a zero timeout does the same job.
const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;

export function yieldToEventLoop(): Promise<void> {
  return immediate
    ? new Promise((resolve) => immediate(() => resolve()))
    : new Promise((resolve) => setTimeout(resolve, 0));
}
