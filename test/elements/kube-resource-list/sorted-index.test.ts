import {expect} from '@open-wc/testing';
import {SortedIndex, type SortValue} from '../../../src/elements/kube-resource-list/sorted-index.js';

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
        expect([...index.keys()]).to.deep.equal(expected(rows, descending), `round ${round}`);
      }
      for (const key of rows.keys()) expect(index.at(index.positionOf(key))).to.equal(key);
    });
  }

  it('orders by name, then namespace, the same whether names are plain or not', () => {
    const collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'});
    const names = ['web-2', 'web-10', 'Web-1', 'wéb-3', 'web', 'web 4', 'api', 'ápi-2', 'api-10', 'web-2x'];
    const namespaces = ['prod', 'dev', 'Ünit', 'a b', 'dev-2', 'dev-10'];
    const values = [undefined, 'alpha', 'Älpha', 'beta-2', 'beta-10', 'gamma delta', 3, 12];
    const index = new SortedIndex(false, 'en');
    const rows = new Map<string, [SortValue, string, string]>();
    let seed = 11;
    const pick = <T>(list: readonly T[]) => list[(seed = (seed * 48271) % 2147483647) % list.length]!;
    for (let round = 0; round < 6; round++) {
      const batch: Array<[string, SortValue, string]> = [];
      for (let i = 0; i < 120; i++) {
        const [name, namespace, value] = [pick(names), pick(namespaces), pick(values)];
        const key = `${namespace}/${name}`;
        if (batch.some(([k]) => k === key)) continue;
        rows.set(key, [value, name, namespace]);
        batch.push([key, value, `${name}\u0000${namespace}`]);
      }
      index.upsertMany(batch);
      const reference = [...rows].sort(([ka, [va, na, sa]], [kb, [vb, nb, sb]]) => {
        if (va !== vb) {
          if (va === undefined) return 1;
          if (vb === undefined) return -1;
          const byValue = typeof va === 'number' && typeof vb === 'number' ? va - vb : typeof va === 'number' ? -1 : typeof vb === 'number' ? 1 : collator.compare(va, vb);
          if (byValue) return byValue;
        }
        return collator.compare(na, nb) || collator.compare(sa, sb) || (ka < kb ? -1 : ka > kb ? 1 : 0);
      });
      expect([...index.keys()]).to.deep.equal(
        reference.map(([key]) => key),
        `round ${round}`
      );
    }
  });
});
