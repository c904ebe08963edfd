// A small leveled logger writing one line per event to stderr; injected everywhere so tests can capture it.
import type { LogLevel } from './config';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(
  level: LogLevel,
  /** Where a line goes, with its level (Workers Logs files each line under the console method that wrote it). */
  write: (line: string, at: Exclude<LogLevel, 'silent'>) => void = (line) => console.error(line),
): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => {
    if (RANK[at] < RANK[level]) return;
    const extra = fields ? ' ' + formatFields(fields) : '';
    write(`${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} ${message}${extra}`, at);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

function formatFields(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([key, value]) => {
      const text =
        value instanceof Error ? value.message : typeof value === 'string' ? value : JSON.stringify(value);
      return `${key}=${/[\s"=]/.test(text ?? '') ? JSON.stringify(text) : text}`;
    })
    .join(' ');
}

export const silentLogger: Logger = createLogger('silent');
