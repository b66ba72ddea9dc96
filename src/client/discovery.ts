import type {ResourceType, ServerVersion} from './types.js';
import {KubeAbortError, KubeApiError} from './errors.js';
import type {KubeHttp} from './http.js';
import {parseApiVersion} from './paths.js';

/** How a caller names a resource type: `pods`, `Pod`, `po`, or with group/apiVersion to disambiguate. */
export type ResourceRef =
  | string
  | {kind?: string; resource?: string; group?: string; version?: string; apiVersion?: string};

/** Aggregated discovery first (one request per root), then the legacy documents. */
const ACCEPT_AGGREGATED =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,' +
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface APIResource {
  name: string;
  singularName?: string;
  namespaced: boolean;
  kind: string;
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
}
interface APIResourceList {
  groupVersion: string;
  resources: APIResource[];
}
interface APIGroupList {
  groups: Array<{name: string; preferredVersion?: {version: string}; versions: Array<{version: string}>}>;
}
interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  items: Array<{
    metadata?: {name?: string};
    versions: Array<{
      version: string;
      resources?: Array<{
        resource: string;
        responseKind?: {kind?: string};
        scope: 'Namespaced' | 'Cluster';
        singularResource?: string;
        verbs?: string[];
        shortNames?: string[];
        categories?: string[];
        subresources?: Array<{subresource: string}>;
      }>;
    }>;
  }>;
}

/** All resource types of one cluster at their preferred versions, in discovery priority order. */
export class ResourceRegistry {
  constructor(readonly types: readonly ResourceType[]) {}

  /**
   * Finds a type by kind, plural, singular or short name (case-insensitive), narrowed by group
   * and version when given. Ties go to the first in discovery order (core before extensions),
   * as kubectl resolves them.
   */
  find(ref: ResourceRef): ResourceType | undefined {
    const query = typeof ref === 'string' ? parseStringRef(ref) : normalizeRef(ref);
    const name = query.name.toLowerCase();
    return this.types.find(
      (type) =>
        (query.group === undefined || type.group === query.group) &&
        (query.version === undefined || type.version === query.version) &&
        (type.resource === name ||
          type.kind.toLowerCase() === name ||
          type.singular === name ||
          type.shortNames.includes(name))
    );
  }
}

/** `deployments`, or kubectl's `resource.group` form: `deployments.apps`, `databases.sandbox.kube-elements.io`. */
function parseStringRef(ref: string): {name: string; group?: string; version?: string} {
  const dot = ref.indexOf('.');
  return dot < 0 ? {name: ref} : {name: ref.slice(0, dot), group: ref.slice(dot + 1)};
}

function normalizeRef(ref: Exclude<ResourceRef, string>): {name: string; group?: string; version?: string} {
  const fromApiVersion = ref.apiVersion ? parseApiVersion(ref.apiVersion) : undefined;
  return {
    name: ref.resource ?? ref.kind ?? '',
    group: ref.group ?? fromApiVersion?.group,
    version: ref.version ?? fromApiVersion?.version,
  };
}

/** Describes a resource reference in words for an error message. */
export function describeRef(ref: ResourceRef) {
  if (typeof ref === 'string') return ref;
  const name = ref.resource ?? ref.kind ?? '?';
  const group = ref.group ?? (ref.apiVersion ? parseApiVersion(ref.apiVersion).group : undefined);
  return group ? `${name}.${group}` : name;
}

/** Per-cluster discovery: `/version`, and the resource registry from `/api` + `/apis`. */
export class Discovery {
  private readonly registries = new Map<string, Promise<ResourceRegistry>>();
  /** The core group alone, known as soon as `/api` answers: most lookups need nothing more. */
  private readonly cores = new Map<string, Promise<ResourceRegistry>>();
  private readonly versions = new Map<string, Promise<ServerVersion>>();
  private readonly lastLoaded = new Map<string, number>();
  /** An unknown name re-discovers at most this often, so a typo can't flood the server. */
  static readonly UNKNOWN_REFRESH_MS = 10_000;
  /** A described type's 404 re-discovers at most this often (see `forgetStale`). */
  static readonly STALE_REFRESH_MS = 1000;

  constructor(private readonly http: KubeHttp) {}

  /** The server's version; one shared request per cluster, so a caller's abort only ends its own wait. */
  version(cluster: string, signal?: AbortSignal): Promise<ServerVersion> {
    let version = this.versions.get(cluster);
    if (!version) {
      version = this.http.json<ServerVersion>(cluster, '/version');
      this.versions.set(cluster, version);
      version.catch(() => this.versions.delete(cluster));
    }
    return signal ? abortable(version, signal) : version;
  }

  registry(cluster: string): Promise<ResourceRegistry> {
    let registry = this.registries.get(cluster);
    if (!registry) {
      const core = this.loadCore(cluster);
      registry = this.load(cluster, core);
      this.lastLoaded.set(cluster, Date.now());
      this.registries.set(cluster, registry);
      this.cores.set(cluster, core);
      registry.catch(() => this.forget(cluster));
      core.catch(() => this.forget(cluster));
    }
    return registry;
  }

  private forget(cluster: string) {
    this.registries.delete(cluster);
    this.cores.delete(cluster);
  }

  /**
   * Forgets a cluster's discovery because a type it described answered 404 — its CRD went, or no
   * longer serves that version — unless that discovery is under `STALE_REFRESH_MS` old, so many lists
   * finding the same change ask the server once. Returns whether it was forgotten.
   */
  forgetStale(cluster: string): boolean {
    return this.forgetOlderThan(cluster, Discovery.STALE_REFRESH_MS);
  }

  private forgetOlderThan(cluster: string, ms: number): boolean {
    if (Date.now() - (this.lastLoaded.get(cluster) ?? 0) < ms) return false;
    this.refresh(cluster);
    return true;
  }

  /** Forgets what was discovered (for one cluster or all); the next lookup asks again. */
  refresh(cluster?: string) {
    if (cluster === undefined) {
      this.registries.clear();
      this.cores.clear();
      this.versions.clear();
    } else {
      this.forget(cluster);
      this.versions.delete(cluster);
    }
  }

  /**
   * Resolves a reference to a resource type. An unknown name triggers one fresh discovery
   * (a CRD may have been installed since), then a 404-style `KubeApiError` like kubectl's.
   */
  async resolve(cluster: string, ref: ResourceRef): Promise<ResourceType> {
    const cached = this.registries.has(cluster);
    const registry = this.registry(cluster);
    // Core types come first in discovery order, so a core match is final without waiting for /apis.
    const core = await this.cores.get(cluster)?.catch(() => undefined);
    let found = core?.find(ref) ?? (await registry).find(ref);
    if (!found && cached && this.forgetOlderThan(cluster, Discovery.UNKNOWN_REFRESH_MS)) found = (await this.registry(cluster)).find(ref);
    if (!found) {
      throw new KubeApiError({
        kind: 'Status',
        status: 'Failure',
        code: 404,
        reason: 'NotFound',
        message: `the server doesn't have a resource type "${describeRef(ref)}"`,
      });
    }
    return found;
  }

  private async loadCore(cluster: string): Promise<ResourceRegistry> {
    const core = await this.http.json<APIGroupDiscoveryList | {versions: string[]}>(cluster, '/api', {accept: ACCEPT_AGGREGATED});
    return new ResourceRegistry(isAggregated(core) ? fromAggregated(core) : await this.legacyGroup(cluster, '', 'v1'));
  }

  /** Core first, then every group at its preferred version: the order kubectl resolves names in. */
  private async load(cluster: string, core: Promise<ResourceRegistry>): Promise<ResourceRegistry> {
    const [coreRegistry, groups] = await Promise.all([
      core,
      this.http.json<APIGroupDiscoveryList | APIGroupList>(cluster, '/apis', {accept: ACCEPT_AGGREGATED}),
    ]);
    const types: ResourceType[] = [...coreRegistry.types];
    if (isAggregated(groups)) types.push(...fromAggregated(groups));
    else {
      const lists = await Promise.all(
        groups.groups.map((group) => {
          const version = group.preferredVersion?.version ?? group.versions[0]?.version;
          return version ? this.legacyGroup(cluster, group.name, version) : Promise.resolve([]);
        })
      );
      for (const list of lists) types.push(...list);
    }
    return new ResourceRegistry(types);
  }

  private async legacyGroup(cluster: string, group: string, version: string): Promise<ResourceType[]> {
    const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
    let list: APIResourceList;
    try {
      list = await this.http.json<APIResourceList>(cluster, path);
    } catch (error) {
      // An aggregated API server that is down (e.g. metrics) must not hide every other group.
      if (error instanceof KubeApiError && error.code >= 500) return [];
      throw error;
    }
    const subresources = new Map<string, string[]>();
    for (const entry of list.resources) {
      const slash = entry.name.indexOf('/');
      if (slash > 0) {
        const parent = entry.name.slice(0, slash);
        subresources.set(parent, [...(subresources.get(parent) ?? []), entry.name.slice(slash + 1)]);
      }
    }
    return list.resources
      .filter((entry) => !entry.name.includes('/'))
      .map((entry) => ({
        group,
        version,
        resource: entry.name,
        kind: entry.kind,
        singular: entry.singularName || entry.kind.toLowerCase(),
        shortNames: entry.shortNames ?? [],
        namespaced: entry.namespaced,
        verbs: entry.verbs ?? [],
        categories: entry.categories ?? [],
        subresources: subresources.get(entry.name) ?? [],
      }));
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new KubeAbortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new KubeAbortError());
    signal.addEventListener('abort', onAbort, {once: true});
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function isAggregated(value: unknown): value is APIGroupDiscoveryList {
  return (value as {kind?: string} | null)?.kind === 'APIGroupDiscoveryList';
}

function fromAggregated(list: APIGroupDiscoveryList): ResourceType[] {
  const types: ResourceType[] = [];
  for (const item of list.items) {
    // Versions are listed in preference order; the first is the preferred one.
    const preferred = item.versions[0];
    if (!preferred) continue;
    for (const resource of preferred.resources ?? []) {
      const kind = resource.responseKind?.kind ?? '';
      types.push({
        group: item.metadata?.name ?? '',
        version: preferred.version,
        resource: resource.resource,
        kind,
        singular: resource.singularResource || kind.toLowerCase(),
        shortNames: resource.shortNames ?? [],
        namespaced: resource.scope === 'Namespaced',
        verbs: resource.verbs ?? [],
        categories: resource.categories ?? [],
        subresources: (resource.subresources ?? []).map((sub) => sub.subresource),
      });
    }
  }
  return types;
}
