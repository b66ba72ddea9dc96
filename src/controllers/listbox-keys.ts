/**
 * Keyboard helpers the picker listboxes share (WAI-ARIA APG combobox/listbox): where Arrow,
 * Home/End and Page keys move the active option, and type-ahead over option labels.
 */

/**
 * A mousedown handler for an open list and its controls: pressing an option, the list's padding or
 * its scrollbar leaves focus where it is (the combobox), so the list stays open.
 */
export const keepFocus = (event: Event) => event.preventDefault();

/** How many options PageUp/PageDown skip. */
const PAGE = 10;

/** The next active index for a navigation key, or undefined when the key doesn't navigate. */
export function navigate(key: string, active: number, count: number): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return active < 0 ? 0 : Math.min(active + 1, last);
    case 'ArrowUp':
      return active < 0 ? last : Math.max(active - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(Math.max(active, 0) + PAGE, last);
    case 'PageUp':
      return Math.max(active - PAGE, 0);
    default:
      return undefined;
  }
}

/**
 * Type-ahead as in a native select: characters typed within `timeoutMs` of each other form a
 * prefix (Space included once a prefix is under way, so "team a" can be typed); repeating one
 * character cycles through the options starting with it.
 */
export class TypeAhead {
  private buffer = '';
  private last = 0;

  constructor(private readonly timeoutMs = 500) {}

  /**
   * Whether a key event is a printable character type-ahead should take. Space is taken only while
   * a prefix is being typed; otherwise it is left to choose (WAI-ARIA APG listbox).
   */
  accepts(event: KeyboardEvent): boolean {
    if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return false;
    return event.key !== ' ' || (this.buffer !== '' && Date.now() - this.last <= this.timeoutMs);
  }

  /** The index of the option the typed prefix reaches from `active`, or -1 when none matches. */
  match(char: string, labels: readonly string[], active: number): number {
    const now = Date.now();
    this.buffer = now - this.last > this.timeoutMs ? char : this.buffer + char;
    this.last = now;
    const prefix = this.buffer.toLowerCase();
    const repeated = [...prefix].every((c) => c === prefix[0]);
    // A repeated single letter moves on from the current option; a longer prefix may stay on it.
    const start = repeated ? active + 1 : Math.max(active, 0);
    const wanted = repeated ? prefix[0]! : prefix;
    for (let i = 0; i < labels.length; i++) {
      const index = (start + i) % labels.length;
      if (labels[index]!.toLowerCase().startsWith(wanted)) return index;
    }
    return -1;
  }

  reset() {
    this.buffer = '';
  }
}
