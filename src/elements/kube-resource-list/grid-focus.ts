import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {navigate} from '../../controllers/listbox-keys.js';

/** Rows rendered above and below the visible window. */
const OVERSCAN = 8;

/** The header row runs across: its keys as the listbox keys they move like. */
const ALONG_HEADER: Partial<Record<string, string>> = {ArrowLeft: 'ArrowUp', ArrowRight: 'ArrowDown', Home: 'Home', End: 'End'};

/** The rows in display order, by key. */
export interface GridRows {
  readonly length: number;
  at(position: number): string | undefined;
  positionOf(key: string): number;
}

export interface GridFocusOptions {
  rows: () => GridRows;
  rowHeight: () => number;
  /** Enter on a row. */
  activate: (key: string) => void;
  /** Space on a row; false when rows aren't selectable (Space then scrolls as usual). */
  toggle: (key: string) => boolean;
  /** Enter or Space on the column header at this index (in header-cell order). */
  pressHeader: (column: number) => void;
}

/** Where in the grid an event happened. */
export interface GridTarget {
  /** The row's key. */
  key?: string;
  /** The column header's index. */
  header?: number;
  inActions: boolean;
  checkbox: boolean;
}

/**
 * The virtualized grid's window and its roving focus, after the ARIA grid pattern: one tab stop
 * (a row, or a column header's control), arrows move between rows and along the header row, Up
 * from the first row reaches the header. The active row follows its key through live updates.
 */
export class GridFocusController implements ReactiveController {
  /** The scrolled-to window, in pixels below the header. */
  viewTop = 0;
  viewHeight = 600;
  /** The column header holding the tab stop; undefined while a row holds it. */
  header?: number;

  private headerColumn = 0;
  private activeKey?: string;
  private activePosition = 0;
  private refocus = false;
  private focusedBeforeChange?: string;
  private resizeObserver?: ResizeObserver;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: GridFocusOptions
  ) {
    host.addController(this);
  }

  private get root() {
    return this.host.shadowRoot;
  }

  get scroller() {
    return this.root?.querySelector<HTMLElement>('[part~="table"]') ?? undefined;
  }

  private get headerHeight() {
    return this.root?.querySelector<HTMLElement>('[part~="header"]')?.offsetHeight ?? 0;
  }

  hostUpdated() {
    const scroller = this.scroller;
    if (scroller && !this.resizeObserver) {
      this.resizeObserver = new ResizeObserver(() => {
        const height = this.scroller?.clientHeight;
        if (height !== undefined && height !== this.viewHeight) {
          this.viewHeight = height;
          this.host.requestUpdate();
        }
      });
      this.resizeObserver.observe(scroller);
    } else if (!scroller && this.resizeObserver) {
      this.hostDisconnected();
    }
    // A deleted focused row hands focus to its neighbour. A focused row that a change moved lost focus
    // when its element was moved (Chromium blurs a moved element); nothing else has taken it: give it back.
    const focused = this.focusedBeforeChange;
    this.focusedBeforeChange = undefined;
    if (this.refocus) {
      this.refocus = false;
      this.rowElement(this.activeKey)?.focus({preventScroll: true});
    } else if (focused !== undefined && !this.root?.activeElement && (!document.activeElement || document.activeElement === document.body)) {
      this.rowElement(focused)?.focus({preventScroll: true});
    }
  }

  hostDisconnected() {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  /** The positions to render (the window, plus the active row) and the active row's position. */
  window(): {positions: number[]; active: number} {
    const total = this.options.rows().length;
    const rowHeight = this.options.rowHeight();
    const first = Math.max(0, Math.floor(this.viewTop / rowHeight) - OVERSCAN);
    const last = Math.min(total, Math.ceil((this.viewTop + this.viewHeight) / rowHeight) + OVERSCAN);
    const active = this.resolveActive();
    const positions: number[] = [];
    if (active < first) positions.push(active);
    for (let position = first; position < last; position++) positions.push(position);
    if (active >= last) positions.push(active);
    return {positions, active};
  }

  /** Keeps the header's tab stop on a column that exists: the columns shrink with `columns`, `selectable` or the kind. */
  fitColumns(count: number) {
    const last = Math.max(0, count - 1);
    if (this.header !== undefined && this.header > last) this.header = last;
    this.headerColumn = Math.min(this.headerColumn, last);
  }

  /** Call before rows change: notes whether the focused row may be the one dropped. */
  beforeChange() {
    this.focusedBeforeChange = (this.root?.activeElement as HTMLElement | null)?.dataset?.['key'];
  }

  /** A deleted row: if it was the active row, keep its place (and focus). */
  dropped(key: string, position: number) {
    if (key !== this.activeKey) return;
    this.activePosition = Math.max(0, position);
    this.refocus ||= this.focusedBeforeChange === key;
  }

  /** Where an event happened: in which row or column header, on a checkbox, among a row's actions. */
  targetOf(event: Event): GridTarget {
    let inActions = false;
    let checkbox = false;
    for (const node of event.composedPath()) {
      if (!(node instanceof HTMLElement)) continue;
      if (node.part.contains('actions')) inActions = true;
      if (node.part.contains('select')) checkbox = true;
      if (node.part.contains('row')) return {key: node.dataset['key'], inActions, checkbox};
      if (node.part.contains('header-cell')) return {header: this.headerCells().indexOf(node), inActions, checkbox};
      if (node === this.scroller) break;
    }
    return {inActions, checkbox};
  }

  /** A row clicked: it becomes the active one. */
  clicked(key: string) {
    this.activeKey = key;
    this.header = undefined;
  }

  readonly onScroll = () => {
    const scroller = this.scroller;
    if (!scroller) return;
    const rowHeight = this.options.rowHeight();
    const top = Math.max(0, scroller.scrollTop - this.headerHeight);
    if (Math.floor(top / rowHeight) !== Math.floor(this.viewTop / rowHeight) || scroller.clientHeight !== this.viewHeight) {
      this.viewTop = top;
      this.viewHeight = scroller.clientHeight;
      this.host.requestUpdate();
    }
  };

  readonly onFocusIn = (event: FocusEvent) => {
    const {key, header} = this.targetOf(event);
    if (header !== undefined && header >= 0 && header !== this.header) {
      this.header = this.headerColumn = header;
      this.host.requestUpdate();
    } else if (key !== undefined && (key !== this.activeKey || this.header !== undefined)) {
      this.activeKey = key;
      this.header = undefined;
      this.host.requestUpdate();
    }
  };

  readonly onKeyDown = (event: KeyboardEvent) => {
    const {key, header, inActions} = this.targetOf(event);
    if (inActions) return;
    if (header !== undefined && header >= 0) {
      this.headerKey(event, header);
      return;
    }
    if (key === undefined) return;
    const rows = this.options.rows();
    const position = rows.positionOf(key);
    const page = Math.max(1, Math.floor((this.viewHeight - this.headerHeight) / this.options.rowHeight()) - 1);
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowUp':
        if (position > 0) break;
        event.preventDefault();
        void this.focusHeader(this.headerColumn);
        return;
      case 'PageDown':
        next = Math.min(rows.length - 1, position + page);
        break;
      case 'PageUp':
        next = Math.max(0, position - page);
        break;
      case 'Enter':
        event.preventDefault();
        this.options.activate(key);
        return;
      case ' ':
        if (this.options.toggle(key)) event.preventDefault();
        return;
    }
    next ??= navigate(event.key, position, rows.length);
    if (next === undefined) return;
    event.preventDefault();
    void this.moveTo(next);
  };

  private headerKey(event: KeyboardEvent, column: number) {
    switch (event.key) {
      case 'ArrowDown':
      case 'PageDown':
        event.preventDefault();
        void this.moveTo(0);
        return;
      case 'Enter':
      case ' ':
        // Handled here, so the button's or checkbox's own activation doesn't act a second time.
        event.preventDefault();
        this.options.pressHeader(column);
        return;
    }
    const along = ALONG_HEADER[event.key];
    const next = along ? navigate(along, column, this.headerCells().length) : undefined;
    if (next === undefined) return;
    event.preventDefault();
    void this.focusHeader(next);
  }

  private headerCells() {
    return [...(this.root?.querySelectorAll<HTMLElement>('[part~="header-cell"]') ?? [])];
  }

  private async focusHeader(column: number) {
    this.header = this.headerColumn = column;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const cell = this.headerCells()[column];
    (cell?.querySelector<HTMLElement>('button, input') ?? cell)?.focus({preventScroll: true});
  }

  /** The active row's position, following its key through live updates. */
  private resolveActive(): number {
    const rows = this.options.rows();
    if (!rows.length) return 0;
    const position = this.activeKey !== undefined ? rows.positionOf(this.activeKey) : -1;
    if (position >= 0) {
      this.activePosition = position;
      return position;
    }
    this.activePosition = Math.min(this.activePosition, rows.length - 1);
    this.activeKey = rows.at(this.activePosition);
    return this.activePosition;
  }

  private rowElement(key: string | undefined) {
    if (key === undefined) return undefined;
    return [...(this.root?.querySelectorAll<HTMLElement>('[part~="row"]') ?? [])].find((row) => row.dataset['key'] === key);
  }

  /** Makes a row active, scrolls it into view and focuses it. */
  private async moveTo(position: number) {
    const key = this.options.rows().at(position);
    if (key === undefined) return;
    this.activeKey = key;
    this.activePosition = position;
    this.header = undefined;
    const scroller = this.scroller;
    if (scroller) {
      const rowHeight = this.options.rowHeight();
      const header = this.headerHeight;
      const top = position * rowHeight;
      const visible = scroller.clientHeight - header;
      if (top < scroller.scrollTop) scroller.scrollTop = top;
      else if (top + rowHeight > scroller.scrollTop + visible) scroller.scrollTop = top + rowHeight - visible;
      this.viewTop = Math.max(0, scroller.scrollTop - header);
    }
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.rowElement(key)?.focus({preventScroll: true});
  }
}
