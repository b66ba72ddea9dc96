import type {ObjectReference} from '../../client/types.js';
import type {ResourceListModel} from './list-model.js';

/** The selected rows, by key; each change answers whether the selection changed. */
export class RowSelection {
  keys = new Set<string>();

  constructor(
    private readonly mode: () => 'single' | 'multi' | undefined,
    private readonly model: ResourceListModel
  ) {}

  /** References of the selected objects still listed. */
  get references(): ObjectReference[] {
    const references: ObjectReference[] = [];
    for (const key of this.keys) {
      const row = this.model.rowOf(key);
      if (row) references.push(row.reference);
    }
    return references;
  }

  clear(): boolean {
    if (!this.keys.size) return false;
    this.keys.clear();
    return true;
  }

  /** A row activated: in single mode it becomes the selection. */
  activate(key: string): boolean {
    if (this.mode() !== 'single' || (this.keys.size === 1 && this.keys.has(key))) return false;
    this.keys = new Set([key]);
    return true;
  }

  toggle(key: string): boolean {
    const mode = this.mode();
    if (!mode) return false;
    if (mode === 'single') this.keys = this.keys.has(key) ? new Set() : new Set([key]);
    else if (!this.keys.delete(key)) this.keys.add(key);
    return true;
  }

  /** Selects or unselects every row the list shows. */
  setAll(checked: boolean) {
    for (const key of this.model.index.keys()) {
      if (checked) this.keys.add(key);
      else this.keys.delete(key);
    }
  }

  /** The mode changed: unselectable keeps no row, single at most the one selected last. */
  fitMode(): boolean {
    const mode = this.mode();
    const keep = !mode ? 0 : mode === 'single' ? 1 : this.keys.size;
    if (this.keys.size <= keep) return false;
    this.keys = new Set(keep ? [...this.keys].slice(-keep) : []);
    return true;
  }

  /** A row gone from the list. */
  drop(key: string): boolean {
    return this.keys.delete(key);
  }
}
