/**
 * Connections for long-lived requests. A watch or a followed log holds its connection for
 * minutes; over HTTP/1.1 a browser opens at most six per origin, and once they are all held every
 * other request to that origin — a list page, an access review, a click's PATCH — waits for one to
 * close. So watches share a budget that leaves room for the rest: a watch that finds no free slot
 * is listed on an interval instead, and a followed log, which can't be polled, takes a watch's
 * slot when none is free (that watch turns to polling until a slot frees).
 */

/** One held connection; `release` is idempotent. */
export interface StreamSlot {
  release(): void;
}

interface Held extends StreamSlot {
  /** Set for a watch's slot: called when a followed log takes the slot over. */
  yield?: () => void;
}

export class StreamSlots {
  private readonly held = new Set<Held>();
  private freedWaiters: Array<() => void> = [];

  /** `limit` is read at each request: a transport learns its origin's protocol from the first responses. */
  constructor(private readonly limit: () => number) {}

  /** Slots held now, for tests and diagnostics. */
  get size() {
    return this.held.size;
  }

  /**
   * A slot for a watch, or undefined when the budget is spent. `onYield` is called (once) if a
   * followed log takes the slot over: the watch should end and release it.
   */
  forWatch(onYield: () => void): StreamSlot | undefined {
    if (this.held.size >= this.limit()) return undefined;
    return this.hold(onYield);
  }

  /**
   * A slot for a stream that can't wait or be polled (a followed log): a free one, else one a
   * watch gives up; past the budget when only such streams hold slots.
   */
  forStream(): StreamSlot {
    if (this.held.size >= this.limit()) {
      const watch = [...this.held].reverse().find((slot) => slot.yield);
      if (watch) {
        const onYield = watch.yield!;
        this.held.delete(watch);
        onYield();
      }
    }
    return this.hold();
  }

  /** Resolves the next time a slot is released (or given up), so a polling watch can try again at once. */
  freed(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        this.freedWaiters = this.freedWaiters.filter((waiter) => waiter !== done);
        resolve();
      };
      this.freedWaiters.push(done);
      signal.addEventListener('abort', done, {once: true});
    });
  }

  private hold(onYield?: () => void): StreamSlot {
    const slot: Held = {
      yield: onYield,
      release: () => {
        if (!this.held.delete(slot)) return;
        for (const wake of [...this.freedWaiters]) wake();
      },
    };
    this.held.add(slot);
    return slot;
  }
}
