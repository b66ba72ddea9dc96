import type {TimestampMode} from './log-view.js';

/** `follow` is on unless the attribute says `false`, `off`, `no` or `0`, so markup can turn it off. */
export const followConverter = {fromAttribute: (value: string | null) => value === null || !/^(false|off|no|0)$/i.test(value)};

/** `timestamps` bare or `local` → local, `utc` → UTC, absent or `off` → hidden. */
export const timestampsConverter = {
  fromAttribute: (value: string | null): TimestampMode => (value === null || /^(off|false|no)$/i.test(value) ? '' : value === 'utc' ? 'utc' : 'local'),
};

/** `tail-lines` as a number, or `all` (also for negative numbers). */
export const tailConverter = {
  fromAttribute: (value: string | null): number | 'all' => {
    // Removed, or no count: the default. `all` (or a negative count, as kubectl's --tail=-1) for every line.
    if (value === 'all' || Number(value) < 0) return 'all';
    const lines = value === null || value.trim() === '' ? NaN : Math.floor(Number(value));
    return Number.isFinite(lines) ? lines : DEFAULT_TAIL_LINES;
  },
};

/** Lines a log starts with when `tail-lines` is not set (the element's default, written out there for the manifest). */
export const DEFAULT_TAIL_LINES = 1000;

/** `5m`, `1h`, `24h`, `90s`, `2d` as seconds; undefined for anything else. */
export function durationSeconds(since: string): number | undefined {
  const m = /^(\d+)(s|m|h|d)$/.exec(since.trim());
  return m ? Number(m[1]) * {s: 1, m: 60, h: 3600, d: 86400}[m[2] as 's' | 'm' | 'h' | 'd'] : undefined;
}

/** The `since` attribute as the API's `sinceSeconds` (a duration) or `sinceTime` (a time, to the second). */
export function sinceQuery(since: string): {sinceSeconds?: number; sinceTime?: string} {
  if (!since) return {};
  const sinceSeconds = durationSeconds(since);
  if (sinceSeconds !== undefined) return {sinceSeconds};
  const ms = Date.parse(since);
  return Number.isNaN(ms) ? {} : {sinceTime: new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')};
}
