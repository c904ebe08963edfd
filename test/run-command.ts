// Commands the tests need (python3 with feedparser, Chromium, installed with apt-get when missing), run in child
// processes without blocking: the tests' own server answers in the same process, and a blocked event loop
// (apt-get takes seconds) lets its keep-alive timer close a connection the next request is reusing.
import { spawn } from 'node:child_process';

/** Runs a command to the end: its exit status and what it printed. */
export function run(
  command: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; inherit?: boolean } = {},
): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: ['pipe', options.inherit ? 'inherit' : 'pipe', options.inherit ? 'inherit' : 'pipe'],
      timeout: 300_000,
    });
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, out, err }));
    child.stdin!.end(options.input ?? '');
  });
}

/** Installs a Debian package with apt-get (through sudo unless root); says how to do it by hand if it cannot. */
export async function aptInstall(pkg: string, why: string): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', pkg],
  ]) {
    const done = await run(asRoot ? args[0]! : 'sudo', asRoot ? args.slice(1) : args, { env, inherit: true });
    if (done.status !== 0)
      throw new Error(
        `${pkg} is needed ${why} and could not be installed (${args.join(' ')} exited with ${done.status}). Install it with: apt-get install -y ${pkg}`,
      );
  }
}
