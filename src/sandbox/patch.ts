import {errors} from './status.js';

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};
type JsonObject = {[key: string]: Json};

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch (`application/merge-patch+json`). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? {...target} : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v) as Json;
  }
  return out;
}

/** List fields merged by key under strategic merge patch, as the built-in types' patchMergeKey tags say. */
const MERGE_KEYS: Record<string, string | ((item: JsonObject) => string)> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  // Container ports merge on containerPort, Service ports on port.
  ports: (item) => ('containerPort' in item ? 'containerPort' : 'port'),
};

/** Primitive lists that strategic merge treats as sets (patchStrategy "merge"). */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

/** `application/strategic-merge-patch+json` for the common cases: keyed lists, `$patch: delete|replace`. */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  if (patch['$patch'] === 'replace') {
    const {$patch: _ignored, ...rest} = patch;
    return rest;
  }
  if (patch['$patch'] === 'delete') return undefined;
  const out: JsonObject = isObject(target) ? {...target} : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const drop = new Set(Array.isArray(v) ? v : []);
      const current = out[field];
      if (Array.isArray(current)) out[field] = current.filter((x) => !drop.has(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const current = out[k];
    if (Array.isArray(v)) {
      const key = MERGE_KEYS[k];
      if (key && Array.isArray(current)) out[k] = mergeKeyedList(current, v, key);
      else if (MERGED_PRIMITIVE_LISTS.has(k) && Array.isArray(current)) out[k] = [...new Set([...current, ...v])];
      else out[k] = v.filter((item) => !(isObject(item) && item['$patch']));
      continue;
    }
    const merged = strategicMergePatch(current, v);
    if (merged === undefined) delete out[k];
    else out[k] = merged as Json;
  }
  return out;
}

function mergeKeyedList(current: Json[], patch: Json[], key: string | ((item: JsonObject) => string)): Json[] {
  const result = [...current];
  for (const item of patch) {
    if (!isObject(item)) {
      result.push(item);
      continue;
    }
    const k = typeof key === 'function' ? key(item) : key;
    const index = result.findIndex((c) => isObject(c) && c[k] === item[k]);
    if (item['$patch'] === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) result[index] = strategicMergePatch(result[index], item) as Json;
    else result.push(strategicMergePatch(undefined, item) as Json);
  }
  return result;
}

interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: Json;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) errors.badRequest(`the server rejected our request due to an error in our request`);
  return path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, parts: string[], path: string): {parent: JsonObject | Json[]; last: string} {
  let cur: Json = doc;
  for (const p of parts.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(cur) ? cur[Number(p)] : isObject(cur) ? cur[p] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') errors.fail500(`doc is missing path: "${path}": missing value`);
    cur = next;
  }
  return {parent: cur as JsonObject | Json[], last: parts[parts.length - 1]!};
}

/** RFC 6902 JSON patch (`application/json-patch+json`); fails with the server's wording. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) errors.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target) as Json;
  for (const op of ops as JsonPatchOp[]) {
    const parts = pointer(op.path);
    const get = (path: string): Json | undefined => {
      let cur: Json | undefined = doc;
      for (const p of pointer(path)) cur = Array.isArray(cur) ? cur[Number(p)] : isObject(cur) ? cur[p] : undefined;
      return cur;
    };
    const remove = (path: string, p: string[]) => {
      const {parent, last} = parentOf(doc, p, path);
      if (Array.isArray(parent)) {
        if (Number(last) >= parent.length) errors.fail500(`Unable to remove nonexistent key: ${last}: missing value`);
        parent.splice(Number(last), 1);
      } else {
        if (!(last in parent)) errors.fail500(`Unable to remove nonexistent key: ${last}: missing value`);
        delete parent[last];
      }
    };
    const add = (path: string, p: string[], value: Json, replace: boolean) => {
      if (!p.length) {
        doc = value;
        return;
      }
      const {parent, last} = parentOf(doc, p, path);
      if (Array.isArray(parent)) {
        const i = last === '-' ? parent.length : Number(last);
        if (replace) parent[i] = value;
        else parent.splice(i, 0, value);
      } else {
        if (replace && !(last in parent)) errors.fail500(`replace operation does not apply: doc is missing key: ${path}: missing value`);
        parent[last] = value;
      }
    };
    switch (op.op) {
      case 'add':
        add(op.path, parts, structuredClone(op.value ?? null), false);
        break;
      case 'replace':
        add(op.path, parts, structuredClone(op.value ?? null), true);
        break;
      case 'remove':
        remove(op.path, parts);
        break;
      case 'move': {
        const value = get(op.from ?? '');
        remove(op.from ?? '', pointer(op.from ?? ''));
        add(op.path, parts, value ?? null, false);
        break;
      }
      case 'copy':
        add(op.path, parts, structuredClone(get(op.from ?? '') ?? null), false);
        break;
      case 'test':
        if (JSON.stringify(get(op.path)) !== JSON.stringify(op.value)) errors.fail500(`testing value ${op.path} failed: test failed`);
        break;
      default:
        errors.badRequest(`Unexpected kind: ${String((op as {op: unknown}).op)}`);
    }
  }
  return doc;
}

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

/** Maps a PATCH Content-Type to its patch type (415 for anything else). */
export function patchTypeOf(contentType: string | null): PatchType {
  const type = (contentType ?? '').split(';')[0]!.trim();
  switch (type) {
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/json-patch+json':
      return 'json';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+cbor':
      return 'apply';
    default:
      errors.unsupportedMediaType();
  }
}

/** Applies a patch of a type to an object (the object is not modified). */
export function applyPatch(type: PatchType, target: unknown, patch: unknown): unknown {
  switch (type) {
    case 'merge':
      return mergePatch(target, patch);
    case 'json':
      return jsonPatch(target, patch);
    case 'strategic':
    case 'apply':
      // Server-side apply is approximated by a strategic merge of the applied configuration.
      return strategicMergePatch(target, patch);
  }
}
