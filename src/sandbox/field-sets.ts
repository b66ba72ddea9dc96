/**
 * Field sets as structured-merge-diff (server-side apply) sees them: paths of path elements
 * (`f:name`, `k:{"name":"app"}`, `v:"x"`, `i:3`), converted to and from the FieldsV1 wire format.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- walks open JSON objects */
type Any = any;

/** A set of paths; each path is a JSON array of path elements, so it can live in a Set. */
export type FieldSet = Set<string>;

export type FieldsV1 = {[element: string]: FieldsV1};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lists merged by key in the built-in types (their `listMapKeys`); items lacking a key make the list atomic. */
const LIST_KEYS: Record<string, (item: Record<string, unknown>) => string[]> = {
  containers: () => ['name'],
  initContainers: () => ['name'],
  ephemeralContainers: () => ['name'],
  volumes: () => ['name'],
  env: () => ['name'],
  imagePullSecrets: () => ['name'],
  resourceClaims: () => ['name'],
  volumeMounts: () => ['mountPath'],
  volumeDevices: () => ['devicePath'],
  conditions: () => ['type'],
  ownerReferences: () => ['uid'],
  hostAliases: () => ['ip'],
  addresses: () => ['type'],
  podIPs: () => ['ip'],
  hostIPs: () => ['ip'],
  topologySpreadConstraints: () => ['topologyKey', 'whenUnsatisfiable'],
  // Container ports are keyed by containerPort+protocol, Service ports by port+protocol.
  ports: (item) => ('containerPort' in item ? ['containerPort', 'protocol'] : ['port', 'protocol']),
};
/** Primitive lists that are sets (`listType: set`). */
const SET_LISTS = new Set(['finalizers']);
/** Key fields the schema defaults, so an applied item without them still finds its match. */
const KEY_DEFAULTS: Record<string, unknown> = {protocol: 'TCP'};

type ListShape = {kind: 'map'; keys: (item: Record<string, unknown>) => string[]} | {kind: 'set'} | {kind: 'atomic'};

/** Whether this is built-in schema knowledge (custom resources treat every list as atomic). */
export interface SchemaHints {
  builtIn: boolean;
}

function listShape(field: string, items: unknown[], hints: SchemaHints): ListShape {
  if (!hints.builtIn) return {kind: 'atomic'};
  if (SET_LISTS.has(field) && items.every((i) => typeof i !== 'object' || i === null)) return {kind: 'set'};
  const keys = LIST_KEYS[field];
  if (!keys || !items.every((i) => isObject(i) && keys(i).every((k) => k in i || k in KEY_DEFAULTS))) return {kind: 'atomic'};
  return {kind: 'map', keys};
}

/** A LabelSelector is an atomic struct: owned as a whole. */
function isAtomicMap(field: string, value: Record<string, unknown>): boolean {
  return field === 'selector' && ('matchLabels' in value || 'matchExpressions' in value);
}

function keyElement(item: Record<string, unknown>, keys: string[]): string {
  const fields = [...keys].sort().map((k) => [k, k in item ? item[k] : KEY_DEFAULTS[k]] as const);
  return 'k:' + JSON.stringify(Object.fromEntries(fields));
}

const pathKey = (path: string[]) => JSON.stringify(path);

/** The field set of an applied configuration: its leaves, and each keyed list item itself. */
export function fieldSetOf(obj: unknown, hints: SchemaHints): FieldSet {
  const set: FieldSet = new Set();
  const walk = (value: unknown, path: string[], field: string) => {
    if (isObject(value) && !isAtomicMap(field, value)) {
      const entries = Object.entries(value);
      if (!entries.length) set.add(pathKey(path));
      for (const [k, v] of entries) walk(v, [...path, `f:${k}`], k);
      return;
    }
    if (Array.isArray(value) && value.length) {
      const shape = listShape(field, value, hints);
      if (shape.kind === 'set') {
        for (const v of value) set.add(pathKey([...path, `v:${JSON.stringify(v)}`]));
        return;
      }
      if (shape.kind === 'map') {
        for (const item of value as Array<Record<string, unknown>>) {
          const itemPath = [...path, keyElement(item, shape.keys(item))];
          set.add(pathKey(itemPath));
          walk(item, itemPath, '');
        }
        return;
      }
    }
    set.add(pathKey(path));
  };
  walk(obj, [], '');
  return set;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** What changed between two objects, path by path (maps that appear or vanish count themselves too). */
export function compare(before: unknown, after: unknown, hints: SchemaHints): Comparison {
  const out: Comparison = {added: new Set(), modified: new Set(), removed: new Set()};
  const leaf = (lhs: unknown, rhs: unknown, path: string[]) => {
    if (lhs === undefined && rhs === undefined) return;
    if (lhs === undefined) out.added.add(pathKey(path));
    else if (rhs === undefined) out.removed.add(pathKey(path));
    else if (JSON.stringify(lhs) !== JSON.stringify(rhs)) out.modified.add(pathKey(path));
  };
  const walk = (lhs: unknown, rhs: unknown, path: string[], field: string) => {
    const lObj = isObject(lhs);
    const rObj = isObject(rhs);
    if ((lObj || lhs === undefined) && (rObj || rhs === undefined) && (lObj || rObj)) {
      const l = (lhs ?? {}) as Record<string, unknown>;
      const r = (rhs ?? {}) as Record<string, unknown>;
      if (isAtomicMap(field, lObj ? l : r) || (!Object.keys(l).length && !Object.keys(r).length)) return leaf(lhs, rhs, path);
      for (const k of new Set([...Object.keys(l), ...Object.keys(r)])) walk(l[k], r[k], [...path, `f:${k}`], k);
      if (lhs === undefined) out.added.add(pathKey(path));
      else if (rhs === undefined) out.removed.add(pathKey(path));
      return;
    }
    const lArr = Array.isArray(lhs);
    const rArr = Array.isArray(rhs);
    if ((lArr || lhs === undefined) && (rArr || rhs === undefined) && (lArr || rArr)) {
      const l = (lhs ?? []) as unknown[];
      const r = (rhs ?? []) as unknown[];
      if (!l.length && !r.length) return leaf(lhs, rhs, path);
      const shape = listShape(field, [...l, ...r], hints);
      if (shape.kind === 'set') {
        const ls = new Set(l.map((v) => JSON.stringify(v)));
        const rs = new Set(r.map((v) => JSON.stringify(v)));
        for (const v of ls) if (!rs.has(v)) out.removed.add(pathKey([...path, `v:${v}`]));
        for (const v of rs) if (!ls.has(v)) out.added.add(pathKey([...path, `v:${v}`]));
        return;
      }
      if (shape.kind === 'map') {
        const byKey = (items: unknown[]) => new Map((items as Array<Record<string, unknown>>).map((i) => [keyElement(i, shape.keys(i)), i]));
        const lm = byKey(l);
        const rm = byKey(r);
        for (const k of new Set([...lm.keys(), ...rm.keys()])) {
          const itemPath = [...path, k];
          walk(lm.get(k), rm.get(k), itemPath, '');
        }
        return;
      }
    }
    leaf(lhs, rhs, path);
  };
  walk(before, after, [], '');
  return out;
}

export const union = (a: FieldSet, b: FieldSet): FieldSet => new Set([...a, ...b]);
export const difference = (a: FieldSet, b: FieldSet): FieldSet => new Set([...a].filter((p) => !b.has(p)));
export const intersection = (a: FieldSet, b: FieldSet): FieldSet => new Set([...a].filter((p) => b.has(p)));

/** Drops the paths under any of `prefixes` (each a path, e.g. `['f:status']`). */
export function without(set: FieldSet, prefixes: string[][]): FieldSet {
  const keys = prefixes.map((p) => pathKey(p).slice(0, -1));
  return new Set([...set].filter((p) => !keys.some((k) => p === k + ']' || p.startsWith(k + ','))));
}

/** Keeps only the paths under one of `prefixes`. */
export function within(set: FieldSet, prefixes: string[][]): FieldSet {
  return difference(set, without(set, prefixes));
}

const RANK: Record<string, number> = {f: 0, k: 1, v: 2, i: 3};

function compareElements(a: string, b: string): number {
  const ra = RANK[a[0]!] ?? 9;
  const rb = RANK[b[0]!] ?? 9;
  if (ra !== rb) return ra - rb;
  if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FieldsV1 as the API server serialises it: `"."` marks a member that also has children; elements sorted. */
export function toFieldsV1(set: FieldSet): FieldsV1 {
  interface Node {
    member: boolean;
    children: Map<string, Node>;
  }
  const root: Node = {member: false, children: new Map()};
  for (const key of set) {
    let node = root;
    for (const element of JSON.parse(key) as string[]) {
      let child = node.children.get(element);
      if (!child) node.children.set(element, (child = {member: false, children: new Map()}));
      node = child;
    }
    node.member = true;
  }
  const emit = (node: Node): FieldsV1 => {
    const out: FieldsV1 = {};
    if (node.member && node.children.size) out['.'] = {};
    for (const element of [...node.children.keys()].sort(compareElements)) out[element] = emit(node.children.get(element)!);
    return out;
  };
  return emit(root);
}

export function fromFieldsV1(fields: FieldsV1 | undefined): FieldSet {
  const set: FieldSet = new Set();
  const walk = (node: FieldsV1, path: string[]) => {
    for (const [element, child] of Object.entries(node ?? {})) {
      if (element === '.') continue;
      const p = [...path, element];
      if (!isObject(child) || !Object.keys(child).length || '.' in child) set.add(pathKey(p));
      if (isObject(child)) walk(child, p);
    }
  };
  walk(fields ?? {}, []);
  return set;
}

/** A path as conflict messages print it: `.spec.containers[name="app"].image`. */
export function pathString(key: string): string {
  return (JSON.parse(key) as string[])
    .map((e) => {
      const body = e.slice(2);
      if (e.startsWith('f:')) return `.${body}`;
      if (e.startsWith('k:')) {
        return `[${Object.entries(JSON.parse(body) as Record<string, unknown>)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      }
      if (e.startsWith('v:')) return `[=${body}]`;
      return `[${body}]`;
    })
    .join('');
}

/** Removes the field a path names from an object (for fields an applier stopped applying). */
export function removePath(obj: Any, key: string): void {
  const path = JSON.parse(key) as string[];
  let parent: Any = obj;
  for (let i = 0; i < path.length; i++) {
    const e = path[i]!;
    const body = e.slice(2);
    const last = i === path.length - 1;
    if (e.startsWith('f:')) {
      if (!isObject(parent)) return;
      if (last) delete (parent as Any)[body];
      else parent = (parent as Any)[body];
      continue;
    }
    if (!Array.isArray(parent)) return;
    let index = -1;
    if (e.startsWith('k:')) {
      const keys = JSON.parse(body) as Record<string, unknown>;
      index = parent.findIndex((item: Any) => isObject(item) && Object.entries(keys).every(([k, v]) => JSON.stringify(k in item ? item[k] : KEY_DEFAULTS[k]) === JSON.stringify(v)));
    } else if (e.startsWith('v:')) index = parent.findIndex((item: unknown) => JSON.stringify(item) === body);
    else index = Number(body);
    if (index < 0) return;
    if (last) parent.splice(index, 1);
    else parent = parent[index];
  }
}
