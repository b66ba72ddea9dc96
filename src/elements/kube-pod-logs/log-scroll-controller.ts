import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {bottomOffset, offsetOf, spacerHeight, visibleRows, type ViewGeometry} from './log-window.js';

/** A one-line row's height, and the least a measured row counts as. */
const LINE_HEIGHT = 20;

export interface LogScrollOptions {
  /** Lines in the view (after filters). */
  count: () => number;
  /** Whether rows vary in height (wrapped lines, pretty JSON). */
  variableHeight: () => boolean;
}

/** What the log region renders: rows `first` to before `last`, the first at `top`, in a spacer `height` tall. */
export interface LogWindow {
  first: number;
  last: number;
  top: number;
  height: number;
}

type ScrollHost = ReactiveControllerHost & {readonly renderRoot: HTMLElement | DocumentFragment; readonly hasUpdated: boolean};

/**
 * The virtualized log region's scrolling: which rows to render for the scroll position, sticking
 * to the newest line while the reader is at the bottom, and the view and row heights measured
 * from the scroller on screen.
 */
export class LogScrollController implements ReactiveController {
  private viewTop = 0;
  private viewHeight = 600;
  private rowHeight = LINE_HEIGHT;
  /** Whether the view sticks to the newest line (scrolled to the bottom). */
  private stick = true;
  /** The scroll offset the last render windowed at. */
  private renderedTop = 0;
  /** The scroller and spacer height the view was last scrolled to the bottom of, while following. */
  private followed?: {scroller: HTMLElement; height: number};
  private resizeObserver?: ResizeObserver;
  /** The scroller the resize observer watches. */
  private observed?: Element;
  /** Whether the view or row height changed since the last update began (the initial values count, as for Lit properties). */
  private sizeChanged = true;
  private rowHeightChanged = true;
  /** Whether the update under way follows a new row height. */
  private remeasured = false;

  constructor(
    private readonly host: ScrollHost,
    private readonly options: LogScrollOptions
  ) {
    host.addController(this);
  }

  /** Whether rows vary in height, so they are measured and the region wraps. */
  get variableHeight() {
    return this.options.variableHeight();
  }

  private get scroller() {
    return this.host.renderRoot.querySelector<HTMLElement>('[part~="log"]') ?? undefined;
  }

  private get geometry(): ViewGeometry {
    return {count: this.options.count(), rowHeight: this.rowHeight, viewHeight: this.viewHeight};
  }

  private setViewHeight(value: number) {
    if (value === this.viewHeight) return;
    this.viewHeight = value;
    this.sizeChanged = true;
    this.host.requestUpdate();
  }

  private setRowHeight(value: number) {
    if (value === this.rowHeight) return;
    this.rowHeight = value;
    this.sizeChanged = this.rowHeightChanged = true;
    this.host.requestUpdate();
  }

  hostConnected() {
    // Re-attached: the next update observes the scroller's size again.
    if (this.host.hasUpdated) this.host.requestUpdate();
  }

  hostDisconnected() {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.observed = undefined;
  }

  hostUpdate() {
    if (this.sizeChanged) this.followed = undefined;
    this.remeasured = this.rowHeightChanged;
    this.sizeChanged = this.rowHeightChanged = false;
  }

  hostUpdated() {
    const scroller = this.scroller;
    if (scroller !== this.observed) this.observe(scroller);
    if (!scroller) return;
    // Not after an update the measurement itself caused: estimates could chase each other forever.
    if (this.variableHeight && !this.remeasured) this.measureRows(scroller);
    // window() already windowed at the bottom; only the scroll position follows.
    if (!this.stick) return;
    if (this.variableHeight) {
      if (scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop > 1) scroller.scrollTop = scroller.scrollHeight;
      return;
    }
    // Fixed rows: the bottom moves only with the spacer, so a full buffer scrolls nothing and reads no layout.
    const height = spacerHeight(this.geometry);
    if (this.followed?.scroller === scroller && this.followed.height === height) return;
    this.followed = {scroller, height};
    scroller.scrollTop = height;
  }

  /** The rows to render now; following windows at the bottom, so hostUpdated() only moves the scroll position. */
  window(): LogWindow {
    const geometry = this.geometry;
    const viewTop = (this.renderedTop = this.stick ? bottomOffset(geometry) : this.viewTop);
    return {...visibleRows(geometry, viewTop, this.stick), height: spacerHeight(geometry)};
  }

  /** Sticks to the newest line again, e.g. on resume. */
  followNewest() {
    this.stick = true;
    this.followed = undefined;
  }

  /** Scrolls line `index` (of the lines shown) to the middle of the view and stops following. */
  reveal(index: number) {
    const scroller = this.scroller;
    if (index < 0 || !scroller) return;
    this.stick = false;
    scroller.scrollTop = Math.max(0, offsetOf(this.geometry, index) - scroller.clientHeight / 2);
    if (scroller.scrollTop === this.viewTop) return;
    this.viewTop = scroller.scrollTop;
    this.host.requestUpdate();
  }

  /** The scroller's scroll listener. */
  readonly onScroll = () => {
    const scroller = this.scroller;
    if (!scroller) return;
    const below = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
    const stick = below <= this.rowHeight;
    // Near enough to follow but not at the bottom: the next update scrolls there.
    if (stick && below > 1) this.followed = undefined;
    // Following scrolls to where window() already windowed; that needs no second render.
    if (stick === this.stick && Math.abs(scroller.scrollTop - this.renderedTop) < 1) return;
    this.stick = stick;
    this.viewTop = scroller.scrollTop;
    this.host.requestUpdate();
  };

  /** Follows the size of the scroller on screen now: an error view or a reconnect replaces it. */
  private observe(scroller: HTMLElement | undefined) {
    if (this.observed) this.resizeObserver?.unobserve(this.observed);
    this.observed = scroller;
    if (!scroller) return;
    this.resizeObserver ??= new ResizeObserver(() => {
      const current = this.scroller;
      if (current) this.setViewHeight(current.clientHeight);
    });
    this.resizeObserver.observe(scroller);
    this.setViewHeight(scroller.clientHeight || this.viewHeight);
  }

  /** With wrap or pretty JSON, rows vary in height: estimate from the rows on screen. */
  private measureRows(scroller: HTMLElement) {
    const rows = scroller.querySelectorAll<HTMLElement>('[part~="line"]');
    if (!rows.length) return;
    let total = 0;
    for (const row of rows) total += row.offsetHeight;
    const average = Math.max(LINE_HEIGHT, Math.round(total / rows.length));
    if (Math.abs(average - this.rowHeight) > 2) this.setRowHeight(average);
  }
}
