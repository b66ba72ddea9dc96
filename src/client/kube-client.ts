import type {ClusterInfo, KubeList, KubeObject, KubeTable, ResourceType, ServerVersion, WatchEvent} from './types.js';
import type {Transport} from './transport.js';
import type {InformerListener, InformerQuery} from './informer-types.js';
import {ACCEPT_JSON, ACCEPT_TABLE, KubeHttp, itemsOf} from './http.js';
import {Discovery, type ResourceRef} from './discovery.js';
import {InformerCache, type InformerCacheOptions} from './informer-cache.js';
import {AccessReviews, rulesAllowAny, type AccessDecision, type AccessQuery, type AccessReviewOptions} from './access-review.js';
import {objectKey, parseApiVersion, resourcePath, type QueryParams} from './paths.js';
import {readWatchEvents} from './watch.js';
import {podLogQuery, readLogLineBatches, readLogLines, type PodLogOptions} from './logs.js';
import {KubeApiError, KubeNetworkError, isRecord, watchError} from './errors.js';

export interface KubeClientOptions {
  transport: Transport;
  informers?: InformerCacheOptions;
  access?: AccessReviewOptions;
}

/** Names one object of a resource type. */
export interface ObjectName {
  namespace?: string;
  name: string;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  signal?: AbortSignal;
}

export interface WriteOptions {
  /** `All` validates and answers without persisting. */
  dryRun?: 'All';
  fieldManager?: string;
  subresource?: string;
  signal?: AbortSignal;
}

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface PatchOptions extends WriteOptions {
  type: PatchType;
  /** Server-side apply: take ownership of conflicting fields. */
  force?: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
  dryRun?: 'All';
  /** Delete only if the object still has this resourceVersion / uid. */
  preconditions?: {resourceVersion?: string; uid?: string};
  signal?: AbortSignal;
}

export interface WatchOptions extends ListOptions {
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  table?: boolean;
}

/** `autoscaling/v1` Scale, as the scale subresource answers. */
export type Scale = KubeObject<{replicas?: number}, {replicas: number; selector?: string}>;

/**
 * The Kubernetes client every element shares: discovery, CRUD, Table output, shared informers,
 * access reviews and log streams, for any number of clusters behind one transport.
 * Framework-free: usable from plain scripts, React or Node.
 */
export class KubeClient {
  readonly transport: Transport;
  readonly http: KubeHttp;
  readonly discovery: Discovery;
  readonly informers: InformerCache;
  readonly access: AccessReviews;

  constructor(options: KubeClientOptions) {
    this.transport = options.transport;
    this.http = new KubeHttp(options.transport);
    this.discovery = new Discovery(this.http);
    this.informers = new InformerCache(this.http, this.discovery, options.informers);
    this.access = new AccessReviews(this.http, options.transport, options.access);
  }

  listClusters(signal?: AbortSignal): Promise<ClusterInfo[]> {
    return this.transport.listClusters(signal);
  }

  version(cluster: string, signal?: AbortSignal): Promise<ServerVersion> {
    return this.discovery.version(cluster, signal);
  }

  /** Resolves `pods`, `Pod`, `po`, `deployments.apps`-style refs, CRDs included. */
  resolve(cluster: string, ref: ResourceRef): Promise<ResourceType> {
    return this.discovery.resolve(cluster, ref);
  }

  async get<T extends KubeObject = KubeObject>(cluster: string, ref: ResourceRef, object: ObjectName, options: {subresource?: string; signal?: AbortSignal} = {}): Promise<T> {
    const type = await this.resolve(cluster, ref);
    return this.http.json<T>(cluster, this.path(type, object.namespace, object.name, options.subresource), {signal: options.signal});
  }

  /** One page of a list; follow `metadata.continue` for the next. */
  async list<T extends KubeObject = KubeObject>(cluster: string, ref: ResourceRef, options: ListOptions = {}): Promise<KubeList<T>> {
    const type = await this.resolve(cluster, ref);
    const path = this.path(type, options.namespace);
    return readList(await this.http.json<KubeList<T>>(cluster, path, {query: listQuery(options), signal: options.signal}), path);
  }

  /** Every item, following `continue` tokens page by page (`limit` per page, 500 by default). */
  async listAll<T extends KubeObject = KubeObject>(cluster: string, ref: ResourceRef, options: ListOptions = {}): Promise<KubeList<T>> {
    const items: T[] = [];
    let page: KubeList<T>;
    let token = options.continue;
    do {
      page = await this.list<T>(cluster, ref, {limit: 500, ...options, continue: token});
      items.push(...page.items);
      token = typeof page.metadata.continue === 'string' && page.metadata.continue ? page.metadata.continue : undefined;
    } while (token);
    return {...page, metadata: {resourceVersion: page.metadata.resourceVersion}, items};
  }

  /**
   * One page as a `meta.k8s.io/v1` Table — the columns `kubectl get` shows. Servers that print
   * no tables answer with a plain list, turned into a Name/Created table here.
   */
  async listTable(cluster: string, ref: ResourceRef, options: ListOptions & {includeObject?: 'None' | 'Metadata' | 'Object'} = {}): Promise<KubeTable> {
    const type = await this.resolve(cluster, ref);
    const path = this.path(type, options.namespace);
    const body = await this.http.json<KubeTable | KubeList>(cluster, path, {
      accept: ACCEPT_TABLE,
      query: {...listQuery(options), includeObject: options.includeObject ?? 'Metadata'},
      signal: options.signal,
    });
    if (body.kind === 'Table') {
      // Rows that are rows: an object with cells.
      const rows = itemsOf(body as unknown as Record<string, unknown>, 'rows', path).filter((row) => isRecord(row) && Array.isArray(row.cells));
      return {...(body as KubeTable), rows: rows as KubeTable['rows']};
    }
    const list = readList(body as KubeList, path);
    return {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: list.metadata,
      columnDefinitions: [
        {name: 'Name', type: 'string', format: 'name'},
        {name: 'Created At', type: 'date'},
      ],
      rows: list.items.map((object) => ({cells: [object.metadata.name, object.metadata.creationTimestamp], object})),
    };
  }

  /** Creates an object; its `apiVersion`/`kind` say where, unless `ref` is given. */
  async create<T extends KubeObject>(cluster: string, object: T, options: WriteOptions & {ref?: ResourceRef} = {}): Promise<T> {
    const type = await this.resolve(cluster, options.ref ?? refOf(object));
    return this.http.json<T>(cluster, this.path(type, object.metadata.namespace, undefined, options.subresource), {
      method: 'POST',
      body: object,
      query: writeQuery(options),
      signal: options.signal,
    });
  }

  /** Replaces (PUT) an object; a stale `metadata.resourceVersion` answers 409 Conflict. */
  async replace<T extends KubeObject>(cluster: string, object: T, options: WriteOptions & {ref?: ResourceRef} = {}): Promise<T> {
    const type = await this.resolve(cluster, options.ref ?? refOf(object));
    const {namespace, name} = object.metadata;
    return this.http.json<T>(cluster, this.path(type, namespace, name ?? '', options.subresource), {
      method: 'PUT',
      body: object,
      query: writeQuery(options),
      signal: options.signal,
    });
  }

  /** Patches with JSON merge, strategic merge, JSON patch, or server-side apply. */
  async patch<T extends KubeObject = KubeObject>(cluster: string, ref: ResourceRef, object: ObjectName, patch: unknown, options: PatchOptions): Promise<T> {
    if (options.type === 'apply' && !options.fieldManager) {
      throw new TypeError('Server-side apply needs a fieldManager');
    }
    const type = await this.resolve(cluster, ref);
    return this.http.json<T>(cluster, this.path(type, object.namespace, object.name, options.subresource), {
      method: 'PATCH',
      body: patch,
      contentType: PATCH_CONTENT_TYPES[options.type],
      query: {...writeQuery(options), force: options.type === 'apply' && options.force ? true : undefined},
      signal: options.signal,
    });
  }

  /** Deletes an object; answers with the object (graceful deletion) or a Status. */
  async delete(cluster: string, ref: ResourceRef, object: ObjectName, options: DeleteOptions = {}): Promise<KubeObject> {
    const type = await this.resolve(cluster, ref);
    return this.http.json<KubeObject>(cluster, this.path(type, object.namespace, object.name), {
      method: 'DELETE',
      body: {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        propagationPolicy: options.propagationPolicy,
        gracePeriodSeconds: options.gracePeriodSeconds,
        dryRun: options.dryRun ? [options.dryRun] : undefined,
        preconditions: options.preconditions,
      },
      signal: options.signal,
    });
  }

  getScale(cluster: string, ref: ResourceRef, object: ObjectName, signal?: AbortSignal): Promise<Scale> {
    return this.get<Scale>(cluster, ref, object, {subresource: 'scale', signal});
  }

  /** Sets replicas through the scale subresource (what `update` on `…/scale` authorizes). */
  setScale(cluster: string, ref: ResourceRef, object: ObjectName, replicas: number, options: WriteOptions = {}): Promise<Scale> {
    return this.patch<Scale>(cluster, ref, object, {spec: {replicas}}, {...options, type: 'merge', subresource: 'scale'});
  }

  /** Replaces the status subresource. */
  replaceStatus<T extends KubeObject>(cluster: string, object: T, options: WriteOptions = {}): Promise<T> {
    return this.replace(cluster, object, {...options, subresource: 'status'});
  }

  /**
   * Watch events from a resourceVersion until the server ends the stream or `signal` aborts. Like a
   * followed log, it holds a connection, taken from the shared informers' watches where few are left.
   */
  async *watch<T = KubeObject>(cluster: string, ref: ResourceRef, options: WatchOptions = {}): AsyncGenerator<WatchEvent<T>, void, undefined> {
    const type = await this.resolve(cluster, ref);
    const slot = this.http.streams.forStream();
    try {
      const response = await this.http.request(cluster, this.path(type, options.namespace), {
        accept: options.table ? ACCEPT_TABLE : ACCEPT_JSON,
        query: {
          ...listQuery(options),
          watch: 1,
          allowWatchBookmarks: options.allowWatchBookmarks ?? true,
          timeoutSeconds: options.timeoutSeconds,
          includeObject: options.table ? 'Metadata' : undefined,
        },
        signal: options.signal,
      });
      if (!response.body) throw new KubeNetworkError('The watch response has no body');
      for await (const event of readWatchEvents<T>(response.body, options.signal)) {
        if (event.type === 'ERROR') throw watchError(event.object);
        yield event;
      }
    } finally {
      slot.release();
    }
  }

  /**
   * Subscribes to a shared list+watch; see `InformerCache.subscribe`. Returns the unsubscribe
   * function. Subscribers with equal queries share one list and one watch.
   */
  subscribe<T = KubeObject>(query: InformerQuery, listener: InformerListener<T>): () => void {
    return this.informers.subscribe(query, listener);
  }

  /**
   * Pod log lines, read incrementally; with `follow`, new lines keep coming until aborted. A
   * followed log holds a connection: where the transport has few (HTTP/1.1), it takes a watch's,
   * and that watch lists on an interval until the log ends.
   */
  podLogs(cluster: string, options: PodLogOptions): AsyncGenerator<string, void, undefined> {
    return this.podLogReader(cluster, options, readLogLines);
  }

  /** Like `podLogs`, one array of lines per chunk received, for readers of fast streams. */
  podLogBatches(cluster: string, options: PodLogOptions): AsyncGenerator<string[], void, undefined> {
    return this.podLogReader(cluster, options, readLogLineBatches);
  }

  private async *podLogReader<T>(
    cluster: string,
    options: PodLogOptions,
    read: (body: ReadableStream<Uint8Array>, signal?: AbortSignal) => AsyncIterable<T>
  ): AsyncGenerator<T, void, undefined> {
    const slot = options.follow ? this.http.streams.forStream() : undefined;
    try {
      const body = await this.podLogBody(cluster, options);
      if (body) yield* read(body, options.signal);
    } finally {
      slot?.release();
    }
  }

  private async podLogBody(cluster: string, options: PodLogOptions) {
    const response = await this.http.request(
      cluster,
      resourcePath({group: '', version: 'v1', resource: 'pods', namespace: options.namespace, name: options.pod, subresource: 'log'}),
      {accept: '*/*', query: podLogQuery(options), signal: options.signal}
    );
    options.onOpen?.();
    return response.body ?? undefined;
  }

  /** May the current identity do this? Answered by SelfSubjectAccessReview, shared and cached. */
  async can(cluster: string, verb: string, ref: ResourceRef, options: Omit<AccessQuery, 'verb' | 'resource' | 'group'> = {}): Promise<boolean> {
    return (await this.review(cluster, verb, ref, options)).allowed;
  }

  /** Like `can`, with the authorizer's reason. */
  async review(cluster: string, verb: string, ref: ResourceRef, options: Omit<AccessQuery, 'verb' | 'resource' | 'group'> = {}): Promise<AccessDecision> {
    const type = await this.resolve(cluster, ref);
    return this.access.review(cluster, {...options, verb, resource: type.resource, group: type.group});
  }

  /**
   * The namespaces the user may work in. Lists namespaces where allowed (`source: 'list'`);
   * otherwise asks SelfSubjectRulesReview about each candidate (the provider's
   * `allowed-namespaces`, the current namespace) and keeps those granting `list` on anything.
   */
  async accessibleNamespaces(cluster: string, candidates: readonly string[] = [], signal?: AbortSignal): Promise<{namespaces: string[]; source: 'list' | 'rules'}> {
    try {
      const list = await this.listAll(cluster, {resource: 'namespaces', group: ''}, {signal});
      return {namespaces: list.items.flatMap((ns) => (typeof ns.metadata.name === 'string' && ns.metadata.name ? [ns.metadata.name] : [])).sort(), source: 'list'};
    } catch (error) {
      if (!(error instanceof KubeApiError && error.isForbidden)) throw error;
    }
    const unique = [...new Set(candidates.filter(Boolean))];
    const usable = await Promise.all(
      unique.map(async (namespace) => rulesAllowAny(await this.access.rules(cluster, namespace, signal), 'list'))
    );
    return {namespaces: unique.filter((_, index) => usable[index]).sort(), source: 'rules'};
  }

  /** Closes every watch. */
  dispose() {
    this.informers.dispose();
  }

  private path(type: ResourceType, namespace?: string, name?: string, subresource?: string) {
    return resourcePath({
      group: type.group,
      version: type.version,
      resource: type.resource,
      namespace: type.namespaced ? namespace || undefined : undefined,
      name,
      subresource,
    });
  }
}

export function createKubeClient(options: KubeClientOptions): KubeClient {
  return new KubeClient(options);
}

/**
 * A list body as the API defines it: `metadata` an object, `items` an array (null is none, anything
 * else a `KubeMalformedResponseError`) of objects with metadata — other items are left out.
 */
function readList<T extends KubeObject>(body: KubeList<T>, path: string): KubeList<T> {
  const raw = body as unknown as Record<string, unknown>;
  const items = itemsOf(raw, 'items', path).filter((item): item is T => isRecord(item) && isRecord(item.metadata));
  return {...body, metadata: isRecord(raw.metadata) ? body.metadata : {}, items};
}

/** The ref an object's own `apiVersion` and `kind` give. */
function refOf(object: KubeObject): ResourceRef {
  if (!object.apiVersion || !object.kind) throw new TypeError(`Object ${objectKey(object.metadata)} has no apiVersion/kind`);
  const {group, version} = parseApiVersion(object.apiVersion);
  return {kind: object.kind, group, version};
}

function listQuery(options: ListOptions): QueryParams {
  return {
    labelSelector: options.labelSelector || undefined,
    fieldSelector: options.fieldSelector || undefined,
    limit: options.limit,
    continue: options.continue,
    resourceVersion: options.resourceVersion,
  };
}

function writeQuery(options: WriteOptions): QueryParams {
  return {dryRun: options.dryRun, fieldManager: options.fieldManager};
}
