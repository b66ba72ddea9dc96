import type {KubeObject} from '../client/types.js';
import type {Random, SimClock} from './clock.js';
import {applyCreateDefaults, tracksGeneration} from './defaults.js';
import {manageFields} from './managed-fields.js';
import {applyPatch, type PatchType} from './patch.js';
import {crdResources, storageKey, type ResourceDef, type ResourceRegistry} from './resources.js';
import {accept} from './representation.js';
import {parseFieldSelector, parseLabelSelector} from './selectors.js';
import {errors, fail} from './status.js';
import {objectKey, type ObjectStore} from './store.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- writes into open spec/status */
type Any = any;

export const NAMESPACES = storageKey('', 'namespaces');
export const PODS = storageKey('', 'pods');
export const CRDS = storageKey('apiextensions.k8s.io', 'customresourcedefinitions');

export interface WriteOptions {
  dryRun?: boolean;
  /** `status` scopes the write to status; `scale` is recorded as the managedFields subresource. */
  subresource?: string;
  /**
   * The field manager the write is recorded under in managedFields (an Update, or an Apply for
   * apply patches). Writes without one keep managedFields as they were.
   */
  manager?: string;
  /** Apply patches: the applied configuration (the write is an Apply) and whether to force conflicts. */
  applied?: unknown;
  force?: boolean;
  /** Seeding keeps the creationTimestamp it was given, so seeded objects have realistic ages. */
  keepTimestamps?: boolean;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  orphanDependents?: boolean;
  preconditions?: {uid?: string; resourceVersion?: string};
  dryRun?: boolean;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: number;
  continue?: string | null;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Where API writes land: the store plus the behaviour kube-apiserver's registry strategies add. */
export class ResourceApi {
  /** Called after every successful write so controllers can react (the simulation sets it). */
  onDeleteRequested?: (def: ResourceDef, obj: KubeObject) => void;

  constructor(
    readonly store: ObjectStore,
    readonly registry: ResourceRegistry,
    readonly clock: SimClock,
    readonly random: Random,
    readonly clusterIpBase: string
  ) {}

  key(def: ResourceDef, namespace: string | undefined, name: string): string {
    return objectKey(def.namespaced ? namespace : undefined, name);
  }

  get(def: ResourceDef, namespace: string | undefined, name: string): KubeObject {
    const obj = this.store.get(def.storage, this.key(def, namespace, name));
    if (!obj) errors.notFound(def, name);
    return obj;
  }

  find(def: ResourceDef, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(def.storage, this.key(def, namespace, name));
  }

  list(def: ResourceDef, options: ListOptions = {}): ListResult {
    const labels = parseLabelSelector(options.labelSelector ?? null);
    const fields = parseFieldSelector(options.fieldSelector ?? null, def.kind);
    const keys = this.store.sortedKeys(def.storage);
    let start = 0;
    let end = keys.length;
    const rv = this.store.resourceVersion;
    let listRv = rv;
    if (def.namespaced && options.namespace) {
      start = lowerBound(keys, `${options.namespace}/`);
      end = lowerBound(keys, `${options.namespace}0`);
    }
    if (options.continue) {
      const token = decodeContinue(options.continue);
      if (token.rv < this.store.oldestWatchable()) {
        fail(410, 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.', {reason: 'Expired'});
      }
      start = Math.max(start, lowerBound(keys, token.start));
      listRv = token.rv;
    }
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    const items: KubeObject[] = [];
    let i = start;
    for (; i < end && items.length < limit; i++) {
      const obj = this.store.get(def.storage, keys[i]!)!;
      if (labels && !labels(obj.metadata.labels)) continue;
      if (fields && !fields(obj)) continue;
      items.push(obj);
    }
    const result: ListResult = {items, resourceVersion: String(listRv)};
    // Only a full page can have more; scan ahead for one more match to avoid an empty last page.
    if (items.length === limit && i < end) {
      let more = !labels && !fields;
      for (let j = i; !more && j < end; j++) {
        const obj = this.store.get(def.storage, keys[j]!)!;
        if ((!labels || labels(obj.metadata.labels)) && (!fields || fields(obj))) more = true;
      }
      if (more) {
        result.continue = encodeContinue(listRv, keys[i - 1]! + '\u0000');
        if (!labels && !fields) result.remainingItemCount = end - i;
      }
    }
    return result;
  }

  create(def: ResourceDef, body: KubeObject, namespace: string | undefined, options: WriteOptions = {}): KubeObject {
    const obj = structuredClone(accept(def, body)) as Any;
    obj.metadata = obj.metadata ?? {};
    if (def.namespaced) {
      if (obj.metadata.namespace && namespace && obj.metadata.namespace !== namespace) {
        errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      obj.metadata.namespace = namespace ?? obj.metadata.namespace ?? 'default';
      if (!this.store.get(NAMESPACES, obj.metadata.namespace)) errors.notFound({group: '', resource: 'namespaces'}, obj.metadata.namespace);
    } else delete obj.metadata.namespace;
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = obj.metadata.generateName + this.random.suffix();
    if (!obj.metadata.name) {
      errors.invalid(def, def.kind, '', [{field: 'metadata.name', message: 'Required value: name or generateName is required', reason: 'FieldValueRequired'}]);
    }
    const stored = def.representation ? obj : {...obj, apiVersion: obj.apiVersion ?? `${def.group ? def.group + '/' : ''}${def.version}`, kind: def.kind};
    if (this.store.get(def.storage, this.key(def, obj.metadata.namespace, obj.metadata.name))) errors.alreadyExists(def, obj.metadata.name);
    stored.metadata = {
      ...stored.metadata,
      uid: this.random.uuid(),
      creationTimestamp: stored.metadata.creationTimestamp && options.keepTimestamps ? stored.metadata.creationTimestamp : this.clock.iso(),
    };
    delete stored.metadata.resourceVersion;
    delete stored.metadata.deletionTimestamp;
    if (tracksGeneration(stored)) stored.metadata.generation = 1;
    applyCreateDefaults(stored, this.random, {clusterIpBase: this.clusterIpBase});
    if (def.kind === 'CustomResourceDefinition') stored.status = crdStatus(stored);
    delete stored.metadata.managedFields;
    const managed = options.manager ? manageFields(def, undefined, stored, {manager: options.manager, operation: options.applied ? 'Apply' : 'Update'}, this.clock.iso(), options.applied) : stored;
    if (options.dryRun) return {...managed, metadata: {...managed.metadata}};
    const result = this.store.put(def.storage, managed);
    if (def.storage === CRDS) this.refreshCrds();
    return result;
  }

  /** PUT: replaces an object (or its status), with optimistic concurrency on resourceVersion. */
  update(def: ResourceDef, body: KubeObject, namespace: string | undefined, name: string, options: WriteOptions = {}): KubeObject {
    const current = this.get(def, namespace, name);
    const incoming = structuredClone(accept(def, body)) as Any;
    incoming.metadata = incoming.metadata ?? {};
    if (incoming.metadata.name && incoming.metadata.name !== name) {
      errors.badRequest(`the name of the object (${incoming.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (incoming.metadata.resourceVersion && incoming.metadata.resourceVersion !== current.metadata.resourceVersion) {
      errors.staleResourceVersion(def, name);
    }
    return this.write(def, current, incoming, options);
  }

  /** PATCH of any type; `manager` is required for apply (`fieldManager`), `force` takes conflicting fields. */
  patch(def: ResourceDef, namespace: string | undefined, name: string, type: PatchType, patch: unknown, options: WriteOptions): {object: KubeObject; created: boolean} {
    if (type === 'apply' && !options.manager) {
      errors.badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    }
    if (type === 'apply' && (!patch || typeof patch !== 'object' || Array.isArray(patch))) errors.badRequest('error decoding YAML: the apply configuration must be an object');
    const applyOptions = type === 'apply' ? {applied: patch} : {};
    const current = this.find(def, namespace, name);
    if (!current) {
      if (type !== 'apply') errors.notFound(def, name);
      const body = {...(patch as KubeObject), metadata: {...(patch as KubeObject).metadata, name}};
      return {object: this.create(def, body, namespace, {...options, ...applyOptions}), created: true};
    }
    const base = structuredClone(current) as Any;
    delete base.metadata.managedFields;
    const patched = applyPatch(type, base, patch) as Any;
    if (!patched || typeof patched !== 'object') errors.badRequest('the patch produced a value that is not an object');
    patched.metadata = patched.metadata ?? {};
    if (patched.metadata.resourceVersion && patched.metadata.resourceVersion !== current.metadata.resourceVersion) {
      errors.staleResourceVersion(def, name);
    }
    if (patched.metadata.name !== name) errors.badRequest(`metadata.name: Invalid value: "${patched.metadata.name}": field is immutable`);
    if (type !== 'json' && !('managedFields' in ((patch as Any)?.metadata ?? {}))) delete patched.metadata.managedFields;
    return {object: this.write(def, current, patched, {...options, ...applyOptions}), created: false};
  }

  /** Shared tail of update and patch: immutable fields, subresource scoping, managedFields, generation, finalizers. */
  private write(def: ResourceDef, current: KubeObject, incoming: Any, options: WriteOptions): KubeObject {
    const hasStatus = def.subresources.some((s) => s.name === 'status');
    let next: Any;
    if (options.subresource === 'status') {
      next = {...current, status: incoming.status};
    } else {
      next = {...incoming, apiVersion: current.apiVersion, kind: current.kind};
      if (hasStatus) next.status = current.status;
    }
    next.metadata = {
      ...(options.subresource === 'status' ? current.metadata : next.metadata),
      uid: current.metadata.uid,
      namespace: current.metadata.namespace,
      name: current.metadata.name,
      creationTimestamp: current.metadata.creationTimestamp,
      ...(current.metadata.deletionTimestamp ? {deletionTimestamp: current.metadata.deletionTimestamp, deletionGracePeriodSeconds: current.metadata.deletionGracePeriodSeconds} : {}),
    };
    if (!def.namespaced) delete next.metadata.namespace;
    if (options.manager) {
      const operation = options.applied ? 'Apply' : 'Update';
      next = manageFields(def, current, next, {manager: options.manager, operation, ...(options.subresource ? {subresource: options.subresource} : {}), ...(options.force ? {force: true} : {})}, this.clock.iso(), options.applied);
    } else if (current.metadata.managedFields) next.metadata.managedFields = current.metadata.managedFields;
    else delete next.metadata.managedFields;
    if (current.metadata.generation !== undefined) {
      const specChanged = !sameJson(current.spec, next.spec);
      next.metadata.generation = (current.metadata.generation ?? 1) + (specChanged && options.subresource !== 'status' ? 1 : 0);
    }
    // Like etcd3's GuaranteedUpdate, a write that changes nothing is not written: same resourceVersion, no event.
    if (sameJson({...next, metadata: {...next.metadata, resourceVersion: undefined}}, {...current, metadata: {...current.metadata, resourceVersion: undefined}})) return current;
    if (options.dryRun) return next;
    const stored = this.store.put(def.storage, next);
    if (def.storage === CRDS) this.refreshCrds();
    if (stored.metadata.deletionTimestamp && !(stored.metadata.finalizers ?? []).length && def.kind !== 'Pod') {
      this.removeNow(def, stored);
    }
    return stored;
  }

  /** Records a controller's direct storage write in managedFields, as its Update (of a subresource). */
  recordUpdate(current: KubeObject, next: KubeObject, manager: string, subresource?: string): KubeObject {
    const def = this.registry.byKind(current.apiVersion ?? '', current.kind ?? '');
    if (!def) return next;
    return manageFields(def, current, next, {manager, operation: 'Update', ...(subresource ? {subresource} : {})}, this.clock.iso());
  }

  /** DELETE: graceful for pods, finalizers and propagation for everything. */
  delete(def: ResourceDef, namespace: string | undefined, name: string, options: DeleteOptions = {}): {object: KubeObject; removed: boolean} {
    const current = this.get(def, namespace, name) as Any;
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      errors.conflict(def, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      errors.conflict(def, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
    }
    if (options.dryRun) return {object: current, removed: false};
    const policy = options.propagationPolicy ?? (options.orphanDependents ? 'Orphan' : 'Background');
    const finalizers: string[] = [...(current.metadata.finalizers ?? [])];
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy === 'Orphan') this.orphanDependents(current.metadata.uid);
    let grace = 0;
    if (def.kind === 'Pod') {
      const phase = current.status?.phase;
      const unscheduled = !current.spec?.nodeName;
      grace = unscheduled || phase === 'Succeeded' || phase === 'Failed' ? 0 : (options.gracePeriodSeconds ?? current.spec?.terminationGracePeriodSeconds ?? 30);
    }
    if (current.metadata.deletionTimestamp) {
      // A second delete may only shorten a pod's grace period.
      if (def.kind === 'Pod' && grace === 0 && !finalizers.length) return {object: this.removeNow(def, current), removed: true};
      return {object: current, removed: false};
    }
    if (grace > 0 || finalizers.length) {
      const next = {
        ...current,
        metadata: {
          ...current.metadata,
          deletionTimestamp: this.clock.iso(this.clock.now() + grace * 1000),
          deletionGracePeriodSeconds: grace,
          ...(finalizers.length ? {finalizers} : {}),
        },
      };
      const stored = this.store.put(def.storage, next);
      this.onDeleteRequested?.(def, stored);
      return {object: stored, removed: false};
    }
    return {object: this.removeNow(def, current), removed: true};
  }

  /** Removes an object from storage now (grace elapsed, finalizers done, or gracePeriodSeconds=0). */
  removeNow(def: ResourceDef, obj: KubeObject): KubeObject {
    const removed = this.store.remove(def.storage, this.key(def, obj.metadata.namespace, obj.metadata.name!)) ?? obj;
    if (def.storage === CRDS) {
      const spec = (obj.spec ?? {}) as Any;
      const storage = storageKey(spec.group, spec.names?.plural);
      for (const key of [...this.store.sortedKeys(storage)]) this.store.remove(storage, key);
      this.refreshCrds();
    }
    if (def.kind === 'Namespace') {
      for (const d of this.registry.all()) {
        if (!d.namespaced || d.representation) continue;
        for (const key of this.store.sortedKeys(d.storage).filter((k) => k.startsWith(`${obj.metadata.name}/`))) this.store.remove(d.storage, key);
      }
    }
    return removed;
  }

  orphanDependents(uid: string): void {
    for (const {storage, key} of this.store.dependents(uid)) {
      const dep = this.store.get(storage, key);
      if (!dep) continue;
      const refs = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      const metadata = {...dep.metadata};
      if (refs.length) metadata.ownerReferences = refs;
      else delete metadata.ownerReferences;
      this.store.put(storage, {...dep, metadata});
    }
  }

  /** Re-registers custom resources from the stored CRDs (discovery and serving follow). */
  refreshCrds(): void {
    const defs: ResourceDef[] = [];
    for (const crd of this.store.values(CRDS)) {
      if (crd.metadata.deletionTimestamp) continue;
      defs.push(...crdResources(crd as unknown as {spec: Parameters<typeof crdResources>[0]['spec']}));
    }
    this.registry.setCustom(defs);
  }
}

function crdStatus(crd: Any): unknown {
  return {
    acceptedNames: crd.spec.names,
    storedVersions: (crd.spec.versions ?? []).filter((v: Any) => v.storage).map((v: Any) => v.name),
    conditions: [
      {type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found'},
      {type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted'},
    ],
  };
}

/** Deep equality of JSON values, regardless of key order (undefined members count as absent). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameJson(v, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Any)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Any)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Any)[k], (b as Any)[k]));
}

function lowerBound(keys: string[], target: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Continue tokens look like kube-apiserver's: base64 JSON with the list RV and the next key. */
function encodeContinue(rv: number, start: string): string {
  return btoa(JSON.stringify({v: 'meta.k8s.io/v1', rv, start})).replace(/=+$/, '');
}

function decodeContinue(token: string): {rv: number; start: string} {
  try {
    const parsed = JSON.parse(atob(token)) as {rv: number; start: string};
    if (typeof parsed.rv !== 'number' || typeof parsed.start !== 'string') throw new Error('bad');
    return parsed;
  } catch {
    errors.badRequest(`continue key is not valid: illegal base64 data at input byte 0`);
  }
}
