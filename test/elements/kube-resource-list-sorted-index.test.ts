import {expect} from '@open-wc/testing';
import {SortedIndex, type SortValue} from '../../src/elements/kube-resource-list/sorted-index.js';

/** A reference order: the whole list sorted from scratch. */
function expected(rows: Map<string, SortValue>, descending = false) {
  const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});
  return [...rows.keys()].sort((a, b) => {
    const [x, y] = [rows.get(a), rows.get(b)];
    if (x !== y) {
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const byValue = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      if (byValue) return descending ? -byValue : byValue;
    }
    return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
  });
}

describe('SortedIndex', () => {
  for (const descending of [false, true]) {
    it(`keeps the same order as a full sort through batches, moves and removals${descending ? ' (descending)' : ''}`, () => {
      const index = new SortedIndex(descending);
      const rows = new Map<string, SortValue>();
      let seed = 7;
      const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
      for (let round = 0; round < 30; round++) {
        // Pages of many additions take the merge path; small bursts take the splice path.
        const size = round % 3 === 0 ? 500 : 7;
        const batch: Array<[string, SortValue, string]> = [];
        for (let i = 0; i < size; i++) {
          const key = `ns/pod-${Math.floor(random() * 3000)}`;
          const value = random() < 0.1 ? undefined : Math.floor(random() * 50);
          if (batch.some(([k]) => k === key)) continue;
          rows.set(key, value);
          batch.push([key, value, key]);
        }
        index.upsertMany(batch);
        for (let i = 0; i < 20; i++) {
          const key = `ns/pod-${Math.floor(random() * 3000)}`;
          if (rows.delete(key)) index.remove(key);
        }
        expect([...index.keys]).to.deep.equal(expected(rows, descending), `round ${round}`);
      }
      for (const key of rows.keys()) expect(index.at(index.positionOf(key))).to.equal(key);
    });
  }
});
