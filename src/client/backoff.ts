/**
 * The longest the client ever waits before asking again, whatever a server's Retry-After or a
 * backoff's settings say: a hostile or broken answer can't park a retry for days.
 */
export const MAX_WAIT_MS = 10 * 60_000;

/**
 * A wait as a timer can take it: 0 for nothing usable (NaN, negative), at most `MAX_WAIT_MS`.
 * Every wait goes through here: `setTimeout` wraps a delay over 2^31−1 ms to about 0.
 */
export function boundedWait(ms: number): number {
  return ms > 0 ? Math.min(ms, MAX_WAIT_MS) : 0;
}

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** 0..1: how much of each delay is randomised, so many clients don't reconnect in lockstep. */
  jitter?: number;
  random?: () => number;
}

/** Exponential backoff with jitter; `reset()` after a success. */
export class Backoff {
  private attempt = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 500;
    this.maxMs = options.maxMs ?? 30_000;
    this.factor = options.factor ?? 2;
    this.jitter = options.jitter ?? 0.5;
    this.random = options.random ?? Math.random;
  }

  /** How many delays were handed out since the last reset. */
  get attempts() {
    return this.attempt;
  }

  /** The next delay in ms, at least `floorMs` (e.g. a server's Retry-After), at most `MAX_WAIT_MS`. */
  next(floorMs = 0): number {
    const base = Math.min(this.maxMs, this.initialMs * this.factor ** this.attempt);
    this.attempt++;
    const delay = base * (1 - this.jitter) + base * this.jitter * this.random();
    return boundedWait(Math.max(boundedWait(floorMs), Math.round(delay)));
  }

  reset() {
    this.attempt = 0;
  }
}

/** Resolves after `ms` (bounded: `boundedWait`), or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, boundedWait(ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, {once: true});
  });
}
