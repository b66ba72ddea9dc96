/** Controls a browser focuses by itself; what a host renders into its columns and row actions is usually these. */
const NATIVE = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [contenteditable]:not([contenteditable="false"])';

/** The cells holding a host's content: its columns' cells (marked `data-extra`) and a row's actions. */
const HOST_CELL = ':is([data-extra], [part~="actions"])';

/** A row's cells that may hold a host's controls. */
export const ROW_HOST_CELL = `[part~="row"] > ${HOST_CELL}`;

/** Elements whose tabindex the grid set, so a host's own `tabindex="-1"` (not a control) stays out. */
const roved = new WeakSet<Element>();

/** Whether an element is a keyboard-operable control, as the grid roves over them in a host's cells. */
export function isHostControl(element: Element): element is HTMLElement {
  if (!(element instanceof HTMLElement)) return false;
  return (element.matches(NATIVE) || element.tabIndex >= 0 || roved.has(element)) && !element.matches(':disabled, [hidden], [hidden] *');
}

/**
 * The keyboard-operable controls a host rendered into a row — into its columns' cells and its
 * actions — in document order, the order Left and Right move along them.
 */
export function hostControls(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(`:scope > ${HOST_CELL} :is(${NATIVE}, [tabindex])`)].filter(isHostControl);
}

/** Which of a row's controls an event went through; -1 when none. */
export function hostControlIndexOf(row: Element, event: Event) {
  const path = event.composedPath();
  return hostControls(row).findIndex((control) => path.includes(control));
}

/** Where a row's control is: its cell's index among the row's cells (its column header's index), and its index in that cell. */
export interface ControlPlace {
  cell: number;
  index: number;
}

/** The place of a row's `index`th control; undefined when it has none such. */
export function placeOf(row: Element, index: number): ControlPlace | undefined {
  const controls = hostControls(row);
  const control = controls[index];
  const cell = control?.closest('[role="gridcell"]');
  if (!control || !cell) return undefined;
  return {cell: [...row.children].indexOf(cell), index: inCell(controls, cell).indexOf(control)};
}

/**
 * The index of the row's control at the place another row's control has (Up and Down keep to its
 * column): the same one in that cell, or the cell's last when it has fewer; -1 when it has none.
 */
export function indexAt(row: Element, place: ControlPlace) {
  const controls = hostControls(row);
  const cell = row.children[place.cell];
  const there = cell ? inCell(controls, cell) : [];
  const control = there[Math.min(place.index, there.length - 1)];
  return control ? controls.indexOf(control) : -1;
}

const inCell = (controls: readonly HTMLElement[], cell: Element) => controls.filter((control) => cell.contains(control));

/**
 * A host's controls (links in its columns, row actions) are tabbable by default: a tab stop for each
 * would take a Tab per control per row to leave the grid. Only the one holding the grid's tab stop
 * (the active row's `control`th) keeps one; answers whether it was found.
 */
export function fitHostControlTabStops(rows: Iterable<HTMLElement>, activeKey: string | undefined, held: number | undefined): boolean {
  let found = false;
  for (const row of rows) {
    hostControls(row).forEach((control, index) => {
      const holds = index === held && row.dataset['key'] === activeKey;
      found ||= holds;
      roved.add(control);
      const tabIndex = holds ? 0 : -1;
      if (control.tabIndex !== tabIndex || !control.hasAttribute('tabindex')) control.tabIndex = tabIndex;
    });
  }
  return found;
}

/** Whether a control uses the arrow keys itself (text entry, a select, a radio): there, only Escape leaves it. */
export function takesArrows(control: HTMLElement) {
  if (control.isContentEditable || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement) return true;
  return control instanceof HTMLInputElement && !['button', 'checkbox', 'color', 'file', 'image', 'reset', 'submit'].includes(control.type);
}
