import {parseAge} from '../../client/age.js';

/** How far the server's clock may plausibly be from ours; an Age cell that says more is wrong, not a skew. */
const MAX_SKEW_MS = 24 * 3600_000;

/** Age cells the estimate is made from: the latest ones. */
const KEPT_SAMPLES = 64;

/** Time between the server printing an Age cell and our reading it, and the second creation timestamps are rounded to. */
const SLACK_MS = 2000;

/**
 * The server's clock minus ours, estimated from Age cells, so that ages match the server's. Each
 * cell the server printed (`5m`, `3h12m`, `40d`: rounded down, finer for younger objects) next to
 * an object's creation time bounds the offset to a range. The estimate is where most ranges agree
 * (Marzullo's algorithm, as NTP picks its clocks), at the start of that agreement: ranges that
 * don't agree — a row whose Age says `9999d` — and ranges beyond a day of skew are outvoted or
 * ignored, so one bad row can't shift every row's age.
 */
export class ServerClock {
  /** Milliseconds to add to our clock; 0 until an Age cell tells. */
  offset = 0;

  private samples: Array<readonly [low: number, high: number]> = [];
  private readonly seen = new WeakSet<object>();
  private added = false;

  /** Forgets every sample: the rows come from another query now. */
  reset() {
    this.samples = [];
    this.offset = 0;
    this.added = false;
  }

  /**
   * One row's Age cell and creation time. A row is read once (by identity): a row read again later
   * — a re-sort walks every row — was printed earlier than it is read, and would pull the estimate back.
   */
  note(row: object, cell: unknown, created: number | undefined, now = Date.now()) {
    if (this.seen.has(row)) return;
    this.seen.add(row);
    const age = typeof cell === 'string' ? parseAge(cell) : undefined;
    if (age === undefined || created === undefined) return;
    const low = created + age - now;
    const high = low + resolutionOf(age) + SLACK_MS;
    if (high < -MAX_SKEW_MS || low > MAX_SKEW_MS) return;
    this.samples.push([low, high]);
    if (this.samples.length > KEPT_SAMPLES) this.samples.shift();
    this.added = true;
  }

  /** Re-estimates once after a batch of rows, if any of them told something. */
  settle() {
    if (!this.added) return;
    this.added = false;
    this.offset = Math.min(MAX_SKEW_MS, Math.max(-MAX_SKEW_MS, agreement(this.samples)));
  }
}

/**
 * The start of the range most samples agree on; of ranges agreed on as much, the one starting
 * nearest no skew. Sweeps the ranges' ends in order: O(n log n) for the few kept.
 */
function agreement(samples: ReadonlyArray<readonly [number, number]>): number {
  const edges: Array<[at: number, step: 1 | -1]> = [];
  for (const [low, high] of samples) edges.push([low, 1], [high, -1]);
  // Starts before ends at the same point: ranges that touch agree.
  edges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let count = 0;
  let best = 0;
  let bestAt = 0;
  for (const [at, step] of edges) {
    count += step;
    if (step === 1 && (count > best || (count === best && Math.abs(at) < Math.abs(bestAt)))) {
      best = count;
      bestAt = at;
    }
  }
  return bestAt;
}

/**
 * How much an age printed as `age` may have been rounded down, as kubectl (and the API server)
 * print ages: seconds up to 10 minutes, minutes up to 8 hours, hours up to 8 days, days up to 8
 * years, then years.
 */
function resolutionOf(age: number): number {
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;
  if (age < 10 * minute) return 1000;
  if (age < 8 * hour) return minute;
  if (age < 8 * day) return hour;
  if (age < 8 * 365 * day) return day;
  return 365 * day;
}
