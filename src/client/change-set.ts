import type {InformerChanges} from './informer-types.js';

/** Accumulates store changes between two notifications, folding add/modify/delete per key. */
export class ChangeSet implements InformerChanges {
  readonly added = new Set<string>();
  readonly modified = new Set<string>();
  readonly deleted = new Set<string>();

  get size() {
    return this.added.size + this.modified.size + this.deleted.size;
  }

  add(key: string) {
    if (this.deleted.delete(key)) this.modified.add(key);
    else this.added.add(key);
  }

  modify(key: string) {
    if (!this.added.has(key)) this.modified.add(key);
  }

  delete(key: string) {
    if (this.added.delete(key)) return;
    this.modified.delete(key);
    this.deleted.add(key);
  }
}
