import type {ReactiveController, ReactiveControllerHost} from 'lit';

/**
 * Holds one piece of work back for a while, counting down the seconds left, so the user can
 * cancel it before anything is sent. Leaving the page cancels it too.
 */
export class UndoWindow<T> implements ReactiveController {
  /** The work waiting and the whole seconds left; undefined when nothing waits. */
  pending?: {value: T; remaining: number; total: number};
  private timers?: {tick: ReturnType<typeof setInterval>; fire: ReturnType<typeof setTimeout>};

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Runs `run(value)` after `ms`, unless cancelled first. */
  start(value: T, ms: number, run: (value: T) => void) {
    this.cancel();
    this.pending = {value, remaining: Math.ceil(ms / 1000), total: Math.ceil(ms / 1000)};
    this.timers = {
      tick: setInterval(() => {
        if (this.pending) this.pending = {...this.pending, remaining: Math.max(1, this.pending.remaining - 1)};
        this.host.requestUpdate();
      }, 1000),
      fire: setTimeout(() => {
        this.cancel();
        run(value);
      }, ms),
    };
    this.host.requestUpdate();
  }

  /** Drops the waiting work; answers it, if there was any. */
  cancel(): T | undefined {
    const value = this.pending?.value;
    if (this.timers) {
      clearInterval(this.timers.tick);
      clearTimeout(this.timers.fire);
    }
    this.timers = undefined;
    if (this.pending) this.host.requestUpdate();
    this.pending = undefined;
    return value;
  }

  hostDisconnected() {
    this.cancel();
  }
}
