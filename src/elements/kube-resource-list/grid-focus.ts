import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {navigate} from '../../controllers/listbox-keys.js';
import {fitHostControlTabStops, hostControlIndexOf, hostControls, indexAt, isHostControl, placeOf, ROW_HOST_CELL, takesArrows, type ControlPlace} from './host-controls.js';
import {GridWindow} from './grid-window.js';

/** The header row runs across: its keys as the listbox keys they move like. */
const ALONG_HEADER: Partial<Record<string, string>> = {ArrowLeft: 'ArrowUp', ArrowRight: 'ArrowDown', Home: 'Home', End: 'End'};

/** The states that stand in for the grid (loading, empty, failed): focus waits on them for rows. */
const STAND_IN = ':is([part~="loading"], [part~="empty"], [part~="error"], [part~="forbidden"], [part~="no-cluster"])[tabindex]';

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
  /** Among a row's actions, or on a control in a host's column: the host's, not the row's. */
  inControls: boolean;
  checkbox: boolean;
}

/**
 * The virtualized grid's roving focus, after the ARIA grid pattern: one tab stop (a row, a column
 * header's control, or one of the active row's controls: links or buttons in a host's columns, its
 * actions); arrows move between rows, along the header row, and into and along a row's controls;
 * Up from the first row reaches the header. The active row follows its key through live updates.
 * When the rows are replaced (another query, the state standing in for them), focus stays in the
 * list: on that state while it shows, then on the grid's tab stop — the first row after a new query.
 */
export class GridFocusController implements ReactiveController {
  /** The column header holding the tab stop; undefined while a row holds it. */
  header?: number;
  /** Which of the active row's host controls holds the tab stop; undefined while the row does. */
  control?: number;

  private headerColumn = 0;
  private activeKey?: string;
  private activePosition = 0;
  private refocus = false;
  private focusedBeforeChange?: string;
  /** Whether focus was in the grid, or on the state standing in for it, as the update began. */
  private focusWasInside = false;
  /** The list held focus when its query changed: the new rows' tab stop takes it. */
  private restart = false;
  private readonly view: GridWindow;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: GridFocusOptions
  ) {
    this.view = new GridWindow(host, options.rowHeight);
    host.addController(this);
  }

  private get root() {
    return this.host.shadowRoot;
  }

  private get scroller() {
    return this.view.scroller;
  }

  readonly onScroll = () => this.view.onScroll();

  /** Whether the row holds the grid's tab stop, when it is the active one. */
  get rowHoldsTabStop() {
    return this.header === undefined && this.control === undefined;
  }

  hostUpdate() {
    this.focusWasInside = this.holdsFocus();
  }

  hostUpdated() {
    this.view.observe();
    // No grid (loading, empty, failed): the next one starts at the top, its first row active.
    if (!this.scroller) this.forgetPlace();
    this.fitControls();
    // A deleted focused row hands focus to its neighbour. A focused row that a change moved lost focus
    // when its element was moved (Chromium blurs a moved element); nothing else has taken it: give it back.
    const focused = this.focusedBeforeChange;
    this.focusedBeforeChange = undefined;
    if (this.refocus) {
      this.refocus = false;
      this.rowElement(this.activeKey)?.focus({preventScroll: true});
    } else if (focused !== undefined && this.focusLost()) {
      this.rowElement(focused)?.focus({preventScroll: true});
    }
    // What held focus was replaced (rows by a state standing in for them, or the other way round), or a
    // new query's rows arrived while the list held focus: the tab stop takes it, instead of <body>.
    const lost = this.focusWasInside && this.focusLost();
    if (this.restart && !lost && !this.holdsFocus()) this.restart = false;
    const rowsArrived = this.restart && !!this.rowElement(this.activeKey);
    if (lost || rowsArrived) this.tabStop()?.focus({preventScroll: true});
    if (rowsArrived) this.restart = false;
  }

  hostDisconnected() {
    this.view.disconnect();
  }

  /** The positions to render (the window, plus the active row) and the active row's position. */
  window(): {positions: number[]; active: number} {
    const active = this.resolveActive();
    return {positions: this.view.positions(this.options.rows().length, active), active};
  }

  /** Keeps the header's tab stop on a column that exists: the columns shrink with `columns`, `selectable` or the kind. */
  fitColumns(count: number) {
    const last = Math.max(0, count - 1);
    if (this.header !== undefined && this.header > last) this.header = last;
    this.headerColumn = Math.min(this.headerColumn, last);
  }

  /** The query changed: its rows start at the first, at the top; if the list holds focus, they take it. */
  reset() {
    this.restart = this.holdsFocus();
    this.forgetPlace(true);
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

  /** Where an event happened: in which row or column header, on a checkbox, among a row's actions or on a control in a host's column. */
  targetOf(event: Event): GridTarget {
    let inControls = false;
    let control = false;
    let checkbox = false;
    for (const node of event.composedPath()) {
      if (!(node instanceof HTMLElement)) continue;
      control ||= isHostControl(node);
      if (node.part.contains('actions') || (control && node.hasAttribute('data-extra'))) inControls = true;
      if (node.part.contains('select')) checkbox = true;
      if (node.part.contains('row')) return {key: node.dataset['key'], inControls, checkbox};
      if (node.part.contains('header-cell')) return {header: this.headerCells().indexOf(node), inControls, checkbox};
      if (node === this.scroller) break;
    }
    return {inControls, checkbox};
  }

  /** A row clicked: it becomes the active one. */
  clicked(key: string) {
    this.activeKey = key;
    this.header = undefined;
    this.control = undefined;
  }

  readonly onFocusIn = (event: FocusEvent) => {
    const {key, header, inControls} = this.targetOf(event);
    if (header !== undefined && header >= 0) {
      if (header === this.header) return;
      this.header = this.headerColumn = header;
      this.control = undefined;
      this.host.requestUpdate();
      return;
    }
    if (key === undefined) return;
    const row = inControls ? this.rowElement(key) : undefined;
    const index = row ? hostControlIndexOf(row, event) : -1;
    const control = index >= 0 ? index : undefined;
    if (key !== this.activeKey || this.header !== undefined || control !== this.control) {
      this.activeKey = key;
      this.header = undefined;
      this.control = control;
      this.host.requestUpdate();
    }
  };

  readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const {key, header, inControls} = this.targetOf(event);
    if (header !== undefined && header >= 0) {
      this.headerKey(event, header);
      return;
    }
    if (key === undefined) return;
    if (inControls) {
      this.controlKey(event, key);
      return;
    }
    switch (event.key) {
      case 'Enter':
        event.preventDefault();
        this.options.activate(key);
        return;
      case ' ':
        if (this.options.toggle(key)) event.preventDefault();
        return;
      case 'ArrowRight':
        if (this.focusControl(key, 0)) event.preventDefault();
        return;
    }
    const next = this.rowTarget(event.key, key);
    if (next === undefined) return;
    event.preventDefault();
    if (next === 'header') void this.focusHeader(this.headerColumn);
    else void this.moveTo(next);
  };

  /** Where a key moves from a row: to another row's position, up to the header row, or nowhere. */
  private rowTarget(pressed: string, key: string): number | 'header' | undefined {
    const rows = this.options.rows();
    const position = rows.positionOf(key);
    const page = this.view.page;
    switch (pressed) {
      case 'ArrowUp':
        return position > 0 ? position - 1 : 'header';
      case 'PageDown':
        return Math.min(rows.length - 1, position + page);
      case 'PageUp':
        return Math.max(0, position - page);
    }
    return navigate(pressed, position, rows.length);
  }

  /**
   * Keys on one of a row's controls (in a host's column or among its actions): Left and Right along
   * them (Left from the first, or Escape, back to the row), Up and Down to the control in the same
   * place a row up or down. A control that uses arrows itself (a text field, a select) keeps them;
   * Escape still leaves it.
   */
  private controlKey(event: KeyboardEvent, key: string) {
    const row = this.rowElement(key);
    const index = row ? hostControlIndexOf(row, event) : -1;
    if (!row || index < 0) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      row.focus({preventScroll: true});
      return;
    }
    if (takesArrows(hostControls(row)[index]!)) return;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      const next = index + (event.key === 'ArrowRight' ? 1 : -1);
      if (next < 0) row.focus({preventScroll: true});
      else this.focusControl(key, next);
      return;
    }
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    const next = this.rowTarget(event.key, key);
    const place = placeOf(row, index);
    if (next === undefined || !place) return;
    event.preventDefault();
    // Up from the first row: the header of the control's column.
    if (next === 'header') void this.focusHeader(place.cell);
    else void this.moveTo(next, place);
  }

  /** Focuses one of a row's controls (its last, when it has fewer); false when it has none. */
  private focusControl(key: string, index: number): boolean {
    const row = this.rowElement(key);
    const controls = row ? hostControls(row) : [];
    const control = controls[Math.min(index, controls.length - 1)];
    // Scrolled to sideways when the grid is wider than its host.
    control?.focus();
    return !!control;
  }

  /** Only the control holding the tab stop is tabbable; if it is gone (the host renders fewer now), the row takes the stop back. */
  private fitControls() {
    if (this.control === undefined && !this.root?.querySelector(ROW_HOST_CELL)) return;
    const held = fitHostControlTabStops(this.rowElements(), this.activeKey, this.control);
    if (this.control === undefined || held) return;
    this.control = undefined;
    this.host.requestUpdate();
  }

  /** Forgets the active row and the scrolled-to window, as for a new grid; `scroll` scrolls the grid back to the top. */
  private forgetPlace(scroll = false) {
    this.activeKey = undefined;
    this.activePosition = 0;
    this.control = undefined;
    this.view.rewind(scroll);
  }

  private holdsFocus() {
    const active = this.root?.activeElement;
    return !!active && (!!this.scroller?.contains(active) || active.matches(STAND_IN));
  }

  /** Nothing has focus: what had it left the page. */
  private focusLost() {
    return !this.root?.activeElement && (!document.activeElement || document.activeElement === document.body);
  }

  /** What holds the list's tab stop: a column header's control, a row's control or the active row — or the state standing in for the grid. */
  private tabStop(): HTMLElement | undefined {
    if (!this.scroller) return this.root?.querySelector<HTMLElement>(STAND_IN) ?? undefined;
    if (this.header !== undefined) return this.headerControl(this.header);
    const row = this.rowElement(this.activeKey);
    return (row && this.control !== undefined ? hostControls(row)[this.control] : undefined) ?? row;
  }

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

  private headerControl(column: number) {
    const cell = this.headerCells()[column];
    return cell?.querySelector<HTMLElement>('button, input') ?? cell;
  }

  private async focusHeader(column: number) {
    this.header = this.headerColumn = column;
    this.control = undefined;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.headerControl(column)?.focus({preventScroll: true});
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
    this.control = undefined;
    return this.activePosition;
  }

  private rowElements() {
    return [...(this.root?.querySelectorAll<HTMLElement>('[part~="row"]') ?? [])];
  }

  private rowElement(key: string | undefined) {
    return key === undefined ? undefined : this.rowElements().find((row) => row.dataset['key'] === key);
  }

  /** Makes a row active, scrolls it into view and focuses it — or, given a place, its control there. */
  private async moveTo(position: number, place?: ControlPlace) {
    const key = this.options.rows().at(position);
    if (key === undefined) return;
    this.activeKey = key;
    this.activePosition = position;
    this.header = undefined;
    this.control = undefined;
    this.view.reveal(position);
    this.host.requestUpdate();
    await this.host.updateComplete;
    const row = this.rowElement(key);
    const index = row && place ? indexAt(row, place) : -1;
    if (index < 0 || !this.focusControl(key, index)) row?.focus({preventScroll: true});
  }
}
