/** Controls a browser focuses by itself; a host's row actions are usually these. */
const NATIVE = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [contenteditable]:not([contenteditable="false"])';

/** Elements whose tabindex the grid set, so a host's own `tabindex="-1"` (not a control) stays out. */
const roved = new WeakSet<Element>();

/** The keyboard-operable controls a host rendered into a row's actions, in document order. */
export function actionControls(row: Element): HTMLElement[] {
  const cell = row.querySelector(':scope > [part~="actions"]');
  if (!cell) return [];
  return [...cell.querySelectorAll<HTMLElement>(`${NATIVE}, [tabindex]`)].filter(
    (control) => (control.matches(NATIVE) || control.tabIndex >= 0 || roved.has(control)) && !control.matches(':disabled, [hidden], [hidden] *')
  );
}

/** Which of a row's action controls an event went through; -1 when none. */
export function actionIndexOf(row: Element, event: Event) {
  const path = event.composedPath();
  return actionControls(row).findIndex((control) => path.includes(control));
}

/**
 * A host's row actions are its own controls, tabbable by default: a tab stop per row would take a
 * Tab per row to leave the grid. Only the action holding the grid's tab stop (the active row's
 * `action`th) keeps one; answers whether it was found.
 */
export function fitActionTabStops(rows: Iterable<HTMLElement>, activeKey: string | undefined, action: number | undefined): boolean {
  let held = false;
  for (const row of rows) {
    actionControls(row).forEach((control, index) => {
      const holds = index === action && row.dataset['key'] === activeKey;
      held ||= holds;
      roved.add(control);
      const tabIndex = holds ? 0 : -1;
      if (control.tabIndex !== tabIndex || !control.hasAttribute('tabindex')) control.tabIndex = tabIndex;
    });
  }
  return held;
}

/** Whether a control uses the arrow keys itself (text entry, a select, a radio): there, only Escape leaves it. */
export function takesArrows(control: HTMLElement) {
  if (control.isContentEditable || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement) return true;
  return control instanceof HTMLInputElement && !['button', 'checkbox', 'color', 'file', 'image', 'reset', 'submit'].includes(control.type);
}
