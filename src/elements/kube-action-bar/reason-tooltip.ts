import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** Space kept between a reason and the viewport's edges, in pixels. */
const EDGE = 8;

/**
 * The reason shown beside an action on hover and focus, as WCAG 1.4.13 asks of such content:
 * Escape hides it — with focus on the toolbar, or anywhere while an action is pointed at — until
 * focus or the pointer reaches an action again; and it is moved back inside a narrow viewport.
 * The CSS shows and hides it; this only says when it was dismissed (`dismissed`) and places it.
 */
export class ReasonTooltip implements ReactiveController {
  private hidden = false;
  private listening = false;

  constructor(private readonly host: ReactiveControllerHost & {readonly renderRoot: HTMLElement | DocumentFragment}) {
    host.addController(this);
  }

  /** Escape hid the reasons; they stay hidden until focus or the pointer moves to an action. */
  get dismissed(): boolean {
    return this.hidden;
  }

  hostDisconnected() {
    this.listen(false);
  }

  /** Focus reached an action: its reason may show again, inside the viewport. */
  readonly onFocus = (event: FocusEvent) => this.show((event.currentTarget as Element).parentElement);

  /** The pointer reached an item: Escape hides its reason even with focus elsewhere on the page. */
  readonly onPointerEnter = (event: PointerEvent) => {
    this.listen(true);
    this.show(event.currentTarget as Element);
  };

  readonly onPointerLeave = () => this.listen(false);

  /** Escape on the toolbar, or on the page while an item is pointed at: hides a reason that shows. */
  readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || this.hidden || !this.showing()) return;
    this.hidden = true;
    this.host.requestUpdate();
    // Only the reason closes, not a drawer or dialog the bar sits in.
    event.stopPropagation();
  };

  private show(item: Element | null) {
    if (this.hidden) {
      this.hidden = false;
      this.host.requestUpdate();
    }
    const reason = item?.querySelector<HTMLElement>('[part="reason"]');
    if (reason) keepInViewport(reason);
  }

  private showing(): boolean {
    return [...this.host.renderRoot.querySelectorAll('[part="reason"]')].some((reason) => getComputedStyle(reason).visibility === 'visible');
  }

  private listen(on: boolean) {
    if (on === this.listening) return;
    this.listening = on;
    if (on) document.addEventListener('keydown', this.onKeyDown);
    else document.removeEventListener('keydown', this.onKeyDown);
  }
}

/** Shifts a reason anchored at its action's start so that it ends inside the viewport (an action near the right edge of a phone). */
function keepInViewport(reason: HTMLElement) {
  reason.style.removeProperty('translate');
  const {left, right} = reason.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  let shift = right > width - EDGE ? width - EDGE - right : 0;
  if (left + shift < EDGE) shift = EDGE - left;
  if (shift) reason.style.translate = `${Math.round(shift)}px 0`;
}
