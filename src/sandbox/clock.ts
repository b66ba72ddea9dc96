/** A simulation clock: time only moves when the sandbox advances it, so runs are reproducible. */
export class SimClock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }

  /** RFC 3339 with second precision, as ObjectMeta timestamps are serialised. */
  iso(at = this.current): string {
    return new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }

  /** RFC 3339 with nanosecond digits, as log timestamps and MicroTime use. */
  isoNano(at = this.current): string {
    const date = new Date(Math.floor(at));
    const base = date.toISOString().slice(0, 19);
    const frac = String(Math.floor((at % 1000) * 1e6)).padStart(9, '0');
    return `${base}.${frac}Z`;
  }
}

/** A pending wall-clock timer. */
export interface WallTimer {
  cancel(): void;
}

/**
 * Real (wall-clock) time for what kube-apiserver times on the server's own clock rather than the
 * simulation's: watch deadlines and bookmarks. Tests inject a {@link ManualWallClock} to drive it.
 */
export interface WallClock {
  now(): number;
  /** `background` timers don't keep a Node process alive (heartbeats, default deadlines). */
  setTimeout(run: () => void, ms: number, options?: {background?: boolean}): WallTimer;
}

export const realWallClock: WallClock = {
  now: () => Date.now(),
  setTimeout(run, ms, options) {
    const handle = setTimeout(run, Math.max(0, ms)) as {unref?: () => void};
    if (options?.background) handle.unref?.();
    return {cancel: () => clearTimeout(handle as Parameters<typeof clearTimeout>[0])};
  },
};

/** A wall clock that only moves when `advance()` is called; timers fire in (time, creation) order. */
export class ManualWallClock implements WallClock {
  private timers: Array<{at: number; seq: number; run: () => void}> = [];
  private seq = 0;

  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  setTimeout(run: () => void, ms: number): WallTimer {
    const timer = {at: this.current + Math.max(0, ms), seq: this.seq++, run};
    this.timers.push(timer);
    return {cancel: () => void (this.timers = this.timers.filter((t) => t !== timer))};
  }

  /** Moves time forward by `ms`, running every timer that falls due (including ones they schedule). */
  advance(ms: number): void {
    const target = this.current + Math.max(0, ms);
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.run();
    }
    this.current = target;
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.length;
  }
}

/** A small seeded PRNG (mulberry32): deterministic for a seed, fast enough for 30k objects. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** The 5-character suffixes Kubernetes appends to generated names (no vowels, no confusables). */
  suffix(length = 5): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  uuid(): string {
    const hex = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) s += Math.floor(this.next() * 16).toString(16);
      return s;
    };
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(this.next() * 4)]}${hex(3)}-${hex(12)}`;
  }
}

/** FNV-1a, for stable hashes such as pod-template-hash. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A pod-template-hash looking like the controller's ("7d9c4b6f88"). */
export function templateHash(template: unknown): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let n = fnv1a(JSON.stringify(template ?? null));
  let m = fnv1a(String(n) + 'x');
  let out = '';
  for (let i = 0; i < 10; i++) {
    const source = i < 5 ? n : m;
    out += alphabet[source % alphabet.length];
    if (i < 5) n = Math.floor(n / alphabet.length) + 7919 * i;
    else m = Math.floor(m / alphabet.length) + 104729 * i;
  }
  return out;
}

/** Kubernetes' HumanDuration (k8s.io/apimachinery/pkg/util/duration), used for Age cells. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}
