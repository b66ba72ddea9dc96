import type {KubeObject} from '../client/types.js';
import {compare, difference, fieldSetOf, fromFieldsV1, intersection, pathString, removePath, toFieldsV1, union, within, without, type FieldSet, type FieldsV1, type SchemaHints} from './field-sets.js';
import {apiVersionOf, type ResourceDef} from './resources.js';
import {fail} from './status.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- writes open metadata */
type Any = any;

/** Who a write is on behalf of, as kube-apiserver's field manager records it. */
export interface FieldManager {
  manager: string;
  operation: 'Apply' | 'Update';
  /** `status` or `scale` when the write came through that subresource. */
  subresource?: string;
  /** Apply only: take fields other managers own instead of failing with 409. */
  force?: boolean;
}

interface Entry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: string;
  set: FieldSet;
}

/** The longest field manager name kube-apiserver keeps (validation.FieldManagerMaxLength). */
const MAX_MANAGER_LENGTH = 128;

/** The default manager for an update: the User-Agent up to its first "/", else "unknown" (handlers' prefixFromUserAgent). */
export function managerFromUserAgent(userAgent: string | null | undefined): string {
  let out = '';
  for (const ch of (userAgent ?? '').split('/')[0]!) {
    if (!/\P{C}/u.test(ch)) continue;
    if (new TextEncoder().encode(out + ch).length > MAX_MANAGER_LENGTH) break;
    out += ch;
  }
  return out || 'unknown';
}

/** ObjectMeta fields no manager ever owns (the field manager strips them). */
const STRIPPED = [['f:apiVersion'], ['f:kind'], ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'generation', 'managedFields', 'resourceVersion', 'clusterName'].map((f) => ['f:metadata', `f:${f}`])];
const METADATA = JSON.stringify(['f:metadata']);
const ROOT = JSON.stringify([]);

/** Strips what nobody owns, plus the strategy's reset fields: status on the main resource, all but status on /status. */
function owned(def: ResourceDef, set: FieldSet, subresource: string | undefined): FieldSet {
  let out = without(set, STRIPPED);
  out.delete(METADATA);
  out.delete(ROOT);
  const hasStatus = def.subresources.some((s) => s.name === 'status');
  if (subresource === 'status') out = within(out, [['f:status']]);
  else if (hasStatus) out = without(out, [['f:status']]);
  return out;
}

function decode(obj: KubeObject | undefined): Entry[] {
  const entries = ((obj?.metadata as Any)?.managedFields ?? []) as Any[];
  return entries
    .filter((e) => e && typeof e.manager === 'string')
    .map((e) => ({manager: e.manager, operation: e.operation === 'Apply' ? 'Apply' : 'Update', apiVersion: e.apiVersion ?? '', time: e.time ?? '', ...(e.subresource ? {subresource: e.subresource} : {}), set: fromFieldsV1(e.fieldsV1 as FieldsV1)}));
}

/** Appliers keep one entry whatever apiVersion they use; updaters get one per apiVersion. */
function identity(e: {manager: string; operation: string; apiVersion: string; subresource?: string}): string {
  return JSON.stringify([e.manager, e.operation, e.operation === 'Apply' ? '' : e.apiVersion, e.subresource ?? '']);
}

/** managedFields in the API server's order: Apply before Update, then by time, manager, apiVersion, subresource. */
function encode(entries: Entry[]): unknown[] {
  const sorted = entries
    .filter((e) => e.set.size)
    .sort(
      (a, b) =>
        cmp(a.operation, b.operation) || cmp(a.time, b.time) || cmp(a.manager, b.manager) || cmp(a.apiVersion, b.apiVersion) || cmp(a.subresource ?? '', b.subresource ?? '')
    );
  return sorted.map((e) => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    time: e.time,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(e.set),
    ...(e.subresource ? {subresource: e.subresource} : {}),
  }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** "kubectl" / "kubelet" with subresource "status" using v1 — as conflict messages name a manager. */
function describe(e: Entry): string {
  let text = JSON.stringify(e.manager);
  if (e.subresource) text += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') text += ` using ${e.apiVersion}`;
  return text;
}

function conflictError(conflicts: Array<{entry: Entry; path: string}>): never {
  const causes = conflicts.map((c) => ({reason: 'FieldManagerConflict', message: `conflict with ${describe(c.entry)}`, field: pathString(c.path)}));
  let message: string;
  if (conflicts.length === 1) message = `Apply failed with 1 conflict: ${causes[0]!.message}: ${causes[0]!.field}`;
  else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) byManager.set(describe(c.entry), [...(byManager.get(describe(c.entry)) ?? []), pathString(c.path)]);
    const lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}:`, ...byManager.get(m)!.map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  fail(409, message, {reason: 'Conflict', details: {causes}});
}

/**
 * Records a write in `next.metadata.managedFields` the way kube-apiserver's field manager does:
 * an Update takes the fields it changed from everyone else; an Apply owns exactly the fields of
 * its configuration, fails with 409 when it would change fields another manager owns (unless
 * forced), and removes fields it applied before and no longer applies when nobody else owns them.
 * Returns the object to store (with `next`'s content, minus pruned fields).
 */
export function manageFields(def: ResourceDef, current: KubeObject | undefined, next: KubeObject, fm: FieldManager, now: string, applied?: unknown): KubeObject {
  const hints: SchemaHints = {builtIn: !def.crdVersion};
  const apiVersion = apiVersionOf(def);
  const incoming = (next.metadata as Any).managedFields;
  // A writer that sends managedFields different from the stored ones resets them (`[{}]` clears all).
  const base = current && Array.isArray(incoming) && incoming.length && JSON.stringify(incoming) !== JSON.stringify((current.metadata as Any).managedFields) ? decode(next) : decode(current);
  const stripped = (o: KubeObject | undefined) => (o ? {...o, metadata: {...o.metadata, managedFields: undefined}} : undefined);
  let object: Any = stripped(next);
  const diff = compare(stripped(current), object, hints);
  const changed = owned(def, union(diff.added, diff.modified), fm.subresource);
  const removed = owned(def, diff.removed, fm.subresource);
  const me: Entry = {manager: fm.manager, operation: fm.operation, apiVersion, time: now, ...(fm.subresource ? {subresource: fm.subresource} : {}), set: new Set()};
  const myId = identity(me);
  const previous = base.find((e) => identity(e) === myId);
  const others = base.filter((e) => identity(e) !== myId);

  if (fm.operation === 'Apply') {
    const conflicts = others.flatMap((entry) => [...intersection(entry.set, changed)].map((path) => ({entry, path})));
    if (conflicts.length && !fm.force) conflictError(conflicts.sort((a, b) => cmp(describe(a.entry), describe(b.entry)) || cmp(a.path, b.path)));
  }
  for (const e of others) e.set = difference(difference(e.set, changed), removed);
  if (fm.operation === 'Apply') {
    me.set = owned(def, fieldSetOf(stripped(applied as KubeObject), hints), fm.subresource);
    // Fields this applier dropped from its configuration go away unless someone else still owns them.
    const dropped = difference(previous?.set ?? new Set(), me.set);
    const stillOwned = others.reduce((acc, e) => union(acc, e.set), new Set<string>());
    const prune = [...difference(dropped, stillOwned)].sort((a, b) => b.length - a.length);
    if (prune.length) {
      object = structuredClone(object);
      for (const path of prune) removePath(object, path);
    }
    if (previous && !changed.size && !prune.length && sameSet(previous.set, me.set)) me.time = previous.time;
  } else {
    me.set = difference(union(previous?.set ?? new Set(), changed), removed);
    // An update that changed nothing of its own keeps its entry (and time) as it was.
    if (previous && !changed.size) me.time = previous.time;
  }
  const entries = [...others, me];
  return {...object, metadata: {...object.metadata, managedFields: encode(entries)}} as KubeObject;
}

function sameSet(a: FieldSet, b: FieldSet): boolean {
  return a.size === b.size && [...a].every((p) => b.has(p));
}
