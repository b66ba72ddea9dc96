import type {ReactiveControllerHost} from 'lit';

/** Rows rendered above and below the visible window. */
const OVERSCAN = 8;

/**
 * The part of a virtualized grid's rows in view, below its header: which positions to render, kept
 * up with scrolling and with the grid's height (every row is `rowHeight()` tall).
 */
export class GridWindow {
  /** The scrolled-to window, in pixels below the header. */
  private top = 0;
  private height = 600;
  private resizeObserver?: ResizeObserver;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly rowHeight: () => number
  ) {}

  get scroller() {
    return this.host.shadowRoot?.querySelector<HTMLElement>('[part~="table"]') ?? undefined;
  }

  private get headerHeight() {
    return this.host.shadowRoot?.querySelector<HTMLElement>('[part~="header"]')?.offsetHeight ?? 0;
  }

  /** Follows the grid's height while there is a grid (call after each update). */
  observe() {
    const scroller = this.scroller;
    if (scroller && !this.resizeObserver) {
      this.resizeObserver = new ResizeObserver(() => {
        const height = this.scroller?.clientHeight;
        if (height !== undefined && height !== this.height) {
          this.height = height;
          this.host.requestUpdate();
        }
      });
      this.resizeObserver.observe(scroller);
    } else if (!scroller && this.resizeObserver) {
      this.disconnect();
    }
  }

  disconnect() {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  /** The positions to render of `total` rows: those in view, a few around them, and `active` wherever it is. */
  positions(total: number, active: number): number[] {
    const rowHeight = this.rowHeight();
    const first = Math.max(0, Math.floor(this.top / rowHeight) - OVERSCAN);
    const last = Math.min(total, Math.ceil((this.top + this.height) / rowHeight) + OVERSCAN);
    const positions: number[] = [];
    if (active < first) positions.push(active);
    for (let position = first; position < last; position++) positions.push(position);
    if (active >= last) positions.push(active);
    return positions;
  }

  /** How many rows PageUp and PageDown move. */
  get page() {
    return Math.max(1, Math.floor((this.height - this.headerHeight) / this.rowHeight()) - 1);
  }

  /** Back to the top, as for a new grid; `scroll` scrolls the grid there too. */
  rewind(scroll: boolean) {
    this.top = 0;
    const scroller = this.scroller;
    if (scroll && scroller) scroller.scrollTop = 0;
  }

  /** Scrolls the row at a position into view (the host's next update renders it). */
  reveal(position: number) {
    const scroller = this.scroller;
    if (!scroller) return;
    const rowHeight = this.rowHeight();
    const header = this.headerHeight;
    const top = position * rowHeight;
    const visible = scroller.clientHeight - header;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + rowHeight > scroller.scrollTop + visible) scroller.scrollTop = top + rowHeight - visible;
    this.top = Math.max(0, scroller.scrollTop - header);
  }

  readonly onScroll = () => {
    const scroller = this.scroller;
    if (!scroller) return;
    const rowHeight = this.rowHeight();
    const top = Math.max(0, scroller.scrollTop - this.headerHeight);
    if (Math.floor(top / rowHeight) !== Math.floor(this.top / rowHeight) || scroller.clientHeight !== this.height) {
      this.top = top;
      this.height = scroller.clientHeight;
      this.host.requestUpdate();
    }
  };
}
