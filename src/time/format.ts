// Human-readable times in the district's time zone, for the admin desk and public pages.
import { t } from '../i18n/desk-text';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const id = `${timeZone}|${key}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    cache.set(id, f);
  }
  return f;
}

/** '3:04 PM' */
export function formatTime(instant: number, timeZone: string): string {
  return formatter(timeZone, { hour: 'numeric', minute: '2-digit' }, 'time').format(instant);
}

/** 'Nov 20, 2026, 3:04 PM' */
export function formatDateTime(instant: number, timeZone: string): string {
  return formatter(timeZone, { dateStyle: 'medium', timeStyle: 'short' }, 'datetime').format(instant);
}

/** 'Friday, Dec 4 at 7:00 AM': a moment in the next few days, as a button or a reminder names it. */
export function formatSlot(instant: number, timeZone: string): string {
  const day = formatter(timeZone, { weekday: 'long', month: 'short', day: 'numeric' }, 'slot-day').format(
    instant,
  );
  return t('desk.time.slot', { day, time: formatTime(instant, timeZone) });
}

const RELATIVE = new Intl.RelativeTimeFormat('en-US', { numeric: 'always' });

/** 'in 25 minutes', '3 hours ago' */
export function formatRelative(instant: number, now: number): string {
  const minutes = Math.round((instant - now) / 60_000);
  const abs = Math.abs(minutes);
  if (abs < 1) return t('desk.time.justNow');
  const [value, unit] =
    abs < 60
      ? [abs, 'minute' as const]
      : abs < 48 * 60
        ? [Math.round(abs / 60), 'hour' as const]
        : [Math.round(abs / 1440), 'day' as const];
  return RELATIVE.format(minutes > 0 ? value : -value, unit);
}
