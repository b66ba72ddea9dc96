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

  constructor(
    private readonly flush: () => void,
    private readonly scheduler: FrameScheduler = nextFrame
  ) {}

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    this.scheduler(() => {
      this.scheduled = false;
      this.flush();
    });
  }
}
