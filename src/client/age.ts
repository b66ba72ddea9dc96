import {relativeTimeFormat} from './intl.js';

/**
 * Ages of objects, as `kubectl get` prints them (`45s`, `5m`, `3h12m`, `4d`, `2y`), and as
 * sentences via `Intl.RelativeTimeFormat` for accessible labels ("5 minutes ago").
 */
export function ageMs(timestamp: string | Date | undefined, now = Date.now()): number | undefined {
  if (!timestamp) return undefined;
  const time = timestamp instanceof Date ? timestamp.getTime() : Date.parse(timestamp);
  return Number.isNaN(time) ? undefined : Math.max(0, now - time);
}

/** kubectl's short form (k8s.io/apimachinery `duration.HumanDuration`). */
export function formatAge(ms: number | undefined): string {
  if (ms === undefined) return '<unknown>';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24);
    const years = Math.floor(days / 365);
    return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "5 minutes ago", "vor 5 Minuten" — the largest whole unit, in the given locale. */
export function formatRelativeAge(ms: number, locale?: string): string {
  const format = relativeTimeFormat(locale);
  for (const [unit, size] of UNITS) {
    if (ms >= size || unit === 'second') return format.format(-Math.floor(ms / size), unit);
  }
  return format.format(0, 'second');
}

/** Parses kubectl's short form back to ms (`3d4h` → 273600000), for sorting Table age cells. */
export function parseAge(text: string): number | undefined {
  const match = /^(?:(\d+)y)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match || !text) return undefined;
  const [, y = 0, d = 0, h = 0, m = 0, s = 0] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return ((((Number(y) * 365 + Number(d)) * 24 + Number(h)) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}
