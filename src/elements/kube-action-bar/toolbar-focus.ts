import type {ReactiveControllerHost} from 'lit';

/** The id of the action button at this index, which `ToolbarFocus` focuses. */
export function actionId(index: number): string {
  return `action-${index}`;
}

/**
 * The toolbar's roving tabindex (WAI-ARIA APG toolbar): one action holds the tab stop; arrow keys
 * move it and wrap around, Home and End reach the ends. It has no lifecycle of its own, so it is
 * not added to the host as a controller; it asks the host to render when the tab stop moves.
 */
export class ToolbarFocus {
  private index = 0;

  constructor(
    private readonly host: ReactiveControllerHost & {readonly renderRoot: HTMLElement | DocumentFragment},
    private readonly count: () => number
  ) {}

  /** The index of the action last chosen, focused or moved to; may exceed the actions shown now. */
  get active(): number {
    return this.index;
  }

  set active(index: number) {
    if (index === this.index) return;
    this.index = index;
    this.host.requestUpdate();
  }

  /** The action holding the tab stop among `count` shown: the active one, or the last. */
  tabStop(count: number): number {
    return Math.min(this.index, Math.max(0, count - 1));
  }

  /** Arrow keys, Home and End on the toolbar. */
  readonly onKeyDown = (event: KeyboardEvent) => {
    const count = this.count();
    if (!count) return;
    // From the action that holds the tab stop now: fewer actions may be shown than when it was chosen.
    const at = this.tabStop(count);
    const moves: Record<string, number> = {ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: count - 1};
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.active = (next + count) % count;
    this.focus();
  };

  /** Focuses the active action once the toolbar has rendered. */
  focus() {
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(`#${actionId(this.tabStop(this.count()))}`)?.focus());
  }
}
