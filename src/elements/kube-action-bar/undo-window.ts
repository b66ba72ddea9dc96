import type {ReactiveController, ReactiveControllerHost} from 'lit';

/**
 * Holds one piece of work back for a while, counting down the seconds left, so the user can
 * cancel it before anything is sent. The countdown can pause (while the user points at or focuses
 * Undo: WCAG 2.2.1). Leaving the page cancels it too.
 */
export class UndoWindow<T> implements ReactiveController {
  /** The work waiting and the whole seconds left; undefined when nothing waits. */
  pending?: {value: T; remaining: number; total: number; paused: boolean};
  private timers?: {tick: ReturnType<typeof setInterval>; fire: ReturnType<typeof setTimeout>};
  private run?: (value: T) => void;
  /** Milliseconds left while paused; the deadline while running. */
  private left = 0;
  private deadline = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Runs `run(value)` after `ms`, unless cancelled first. */
  start(value: T, ms: number, run: (value: T) => void) {
    this.cancel();
    this.run = run;
    this.left = ms;
    this.pending = {value, remaining: Math.ceil(ms / 1000), total: Math.ceil(ms / 1000), paused: true};
    this.resume();
  }

  /** Stops the clock; `resume()` goes on with the time that was left. */
  pause() {
    if (!this.pending || !this.timers) return;
    this.left = Math.max(0, this.deadline - Date.now());
    this.stopTimers();
    this.pending = {...this.pending, paused: true};
    this.host.requestUpdate();
  }

  resume() {
    const pending = this.pending;
    if (!pending || this.timers) return;
    this.deadline = Date.now() + this.left;
    this.timers = {
      tick: setInterval(() => {
        if (!this.pending) return;
        const remaining = Math.max(1, Math.ceil((this.deadline - Date.now()) / 1000));
        if (remaining !== this.pending.remaining) {
          this.pending = {...this.pending, remaining};
          this.host.requestUpdate();
        }
      }, 250),
      fire: setTimeout(() => {
        const run = this.run;
        this.cancel();
        run?.(pending.value);
      }, this.left),
    };
    this.pending = {...pending, paused: false};
    this.host.requestUpdate();
  }

  /** Drops the waiting work; answers it, if there was any. */
  cancel(): T | undefined {
    const value = this.pending?.value;
    this.stopTimers();
    this.run = undefined;
    if (this.pending) this.host.requestUpdate();
    this.pending = undefined;
    return value;
  }

  hostDisconnected() {
    this.cancel();
  }

  private stopTimers() {
    if (this.timers) {
      clearInterval(this.timers.tick);
      clearTimeout(this.timers.fire);
    }
    this.timers = undefined;
  }
}
