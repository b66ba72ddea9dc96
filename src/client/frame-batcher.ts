/** Schedules a callback for the next frame; `requestAnimationFrame` where there is one. */
export type FrameScheduler = (callback: () => void) => void;

/** Hidden tabs get no animation frames; this timer keeps data flowing there at a slower pace. */
const HIDDEN_FALLBACK_MS = 100;

export const nextFrame: FrameScheduler = (callback) => {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(callback, 16);
    return;
  }
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    callback();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, HIDDEN_FALLBACK_MS);
};

/**
 * Coalesces any number of `schedule()` calls into one `flush` per frame, so a burst of watch
 * events costs one notification to subscribers.
 */
export class FrameBatcher {
  private scheduled = false;
  /** Moves on every flush, so a frame asked for before `flushNow` finds nothing left to do. */
  private flushes = 0;

  constructor(
    private readonly flush: () => void,
    private readonly scheduler: FrameScheduler = nextFrame
  ) {}

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    const flushes = this.flushes;
    this.scheduler(() => {
      if (flushes !== this.flushes) return;
      this.run();
    });
  }

  /** Delivers what is pending at once: a page of a list is one batch already, and needn't wait for a frame. */
  flushNow() {
    this.run();
  }

  private run() {
    this.scheduled = false;
    this.flushes++;
    this.flush();
  }
}
