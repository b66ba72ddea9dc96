import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** How long the list waits for typing or paging to settle before it says what it shows. */
export const SETTLE_MS = 500;

/**
 * The text of the list's one live region, said once things settle after the filter changes or the
 * initial list arrives — not per keystroke or per page: a screen reader reads out every change.
 * A text the same as the last one is not said again.
 */
export class Announcement implements ReactiveController {
  text = '';

  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** What to say now; undefined when nothing should be (the list is loading again). */
    private readonly compose: () => string | undefined
  ) {
    host.addController(this);
  }

  /** Something worth saying happened: says it once nothing else has for `SETTLE_MS`. */
  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const text = this.compose();
      if (text === undefined || text === this.text) return;
      this.text = text;
      this.host.requestUpdate();
    }, SETTLE_MS);
  }

  hostDisconnected() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
