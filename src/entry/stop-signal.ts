// Stopping a long-running process on Ctrl-C or a service manager's SIGTERM, once. Under `npm start` in a
// terminal the signal reaches the process twice, from the terminal and forwarded by npm: listening once would
// leave the second to Node's default, which ends the process before the database is closed. So every signal
// is heard, and only the first acts.
export function onStopSignal(stop: () => Promise<void> | void): void {
  let stopping = false;
  const once = () => {
    if (stopping) return;
    stopping = true;
    void stop();
  };
  process.on('SIGINT', once);
  process.on('SIGTERM', once);
}
