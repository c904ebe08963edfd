// Lets other work (requests, timers) run between slices of a long job, so no single feed stalls the server.

export function yieldToEventLoop(): Promise<void> {
  return typeof setImmediate === 'function'
    ? new Promise((resolve) => setImmediate(resolve))
    : new Promise((resolve) => setTimeout(resolve, 0));
}
