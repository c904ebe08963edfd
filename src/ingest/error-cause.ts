// The first error in a chain of causes that carries a code (undici wraps the socket's error in "fetch failed"),
// with its message (and the host name a failed lookup names): what the feed fetcher and the social clients each say in their own words.
export function errorCause(error: unknown): { code?: string; message: string; hostname?: string } {
  let current = error as { code?: string; message?: string; hostname?: unknown; cause?: unknown } | undefined;
  for (let i = 0; i < 5 && current; i++) {
    if (current.code)
      return {
        code: current.code,
        message: current.message ?? '',
        ...(typeof current.hostname === 'string' ? { hostname: current.hostname } : {}),
      };
    current = current.cause as typeof current;
  }
  return { message: (error as Error)?.message ?? String(error) };
}
