import type {FetchHandler} from '../client/transport.js';
import type {KubeObject} from '../client/types.js';
import {ResourceApi, type DeleteOptions, type ListOptions} from './api.js';
import {Random, realWallClock, SimClock, type WallClock} from './clock.js';
import {EventRecorder} from './events.js';
import {IDENTITIES} from './fixtures.js';
import {aggregateClusterRoles, CLUSTER_ROLES, RbacAuthorizer, type UserInfo} from './rbac.js';
import {ResourceRegistry, type ResourceDef} from './resources.js';
import {route} from './router.js';
import {Simulation} from './simulation.js';
import {RequestStats} from './stats.js';
import {errors} from './status.js';
import {ObjectStore} from './store.js';
import {WatchHub} from './watch.js';

/** Which requests an injected fault applies to: a path substring, a RegExp on "METHOD /path?query", or a predicate. */
export type FaultMatch = string | RegExp | ((method: string, url: URL) => boolean);

interface Fault {
  match: FaultMatch;
  response: number | 'drop';
  remaining: number;
}

export interface ClusterOptions {
  name: string;
  displayName: string;
  seed: number;
  epoch: number;
  clusterIpBase: string;
  /** Wall clock for watch deadlines and bookmarks; real time unless a test injects one. */
  wallClock?: WallClock;
}

/** The field manager direct writes (seeding, tests) are recorded under: what `kubectl apply` records. */
const DIRECT_MANAGER = 'kubectl-client-side-apply';

/** One in-memory cluster: storage, controllers, RBAC and the HTTP-shaped handler in front of them. */
export class SandboxCluster {
  readonly name: string;
  readonly displayName: string;
  readonly clock: SimClock;
  readonly random: Random;
  readonly store = new ObjectStore();
  readonly registry = new ResourceRegistry();
  readonly api: ResourceApi;
  readonly authorizer: RbacAuthorizer;
  readonly watches: WatchHub;
  readonly events: EventRecorder;
  readonly simulation: Simulation;
  /** Per-(method, path) request counters and per-resource list/watch counters; `stats.reset()` clears them. */
  readonly stats = new RequestStats();
  private readonly faults: Fault[] = [];
  private readonly users = new Map<string, UserInfo>();
  private storms = new Set<ReturnType<typeof setInterval>>();

  /** The cluster's API as a fetch handler: give it a Request for any kube-apiserver path. */
  readonly handle: FetchHandler;

  constructor(options: ClusterOptions) {
    this.name = options.name;
    this.displayName = options.displayName;
    this.clock = new SimClock(options.epoch);
    this.random = new Random(options.seed);
    this.api = new ResourceApi(this.store, this.registry, this.clock, this.random, options.clusterIpBase);
    this.authorizer = new RbacAuthorizer(this.store);
    this.watches = new WatchHub(this.store, this.clock, options.wallClock ?? realWallClock);
    this.events = new EventRecorder(this.store, this.clock, this.random);
    this.simulation = new Simulation(this.api, this.store, this.clock, this.random, this.events);
    for (const identity of Object.values(IDENTITIES)) this.users.set(identity.token, {name: identity.user, groups: ['system:authenticated']});
    // The ClusterRole aggregation controller runs whenever a ClusterRole changes.
    let aggregating = false;
    this.store.subscribe(CLUSTER_ROLES, () => {
      if (aggregating) return;
      aggregating = true;
      try {
        aggregateClusterRoles(this.store);
      } finally {
        aggregating = false;
      }
    });
    this.handle = (request) =>
      route(
        {
          api: this.api,
          store: this.store,
          clock: this.clock,
          authorizer: this.authorizer,
          watches: this.watches,
          stats: this.stats,
          users: this.users,
          onTick: (l) => this.simulation.onTick(l),
          takeFault: (method, url) => this.takeFault(method, url),
        },
        request
      );
  }

  /** Adds a bearer token the cluster accepts, for tests needing another identity. */
  addUser(token: string, user: UserInfo): void {
    this.users.set(token, user);
  }

  private resolve(apiVersion: string, kindOrResource: string): ResourceDef {
    const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
    const def = this.registry.all().find((d) => d.group === group && d.version === version && (d.kind === kindOrResource || d.resource === kindOrResource));
    if (!def) errors.noResource();
    return def;
  }

  // ---- direct store access for tests: no HTTP, no RBAC, same writes and watch events ----------

  /** Creates an object as a POST would (defaults, uid, resourceVersion, controllers react). */
  create(obj: KubeObject): KubeObject {
    const def = this.resolve(obj.apiVersion ?? 'v1', obj.kind ?? '');
    const created = this.api.create(def, obj, obj.metadata.namespace, {manager: DIRECT_MANAGER});
    this.simulation.settle();
    return created;
  }

  /** Replaces an object as a PUT would (409 StatusError on a stale resourceVersion). */
  update(obj: KubeObject, options: {subresource?: 'status'} = {}): KubeObject {
    const def = this.resolve(obj.apiVersion ?? 'v1', obj.kind ?? '');
    const updated = this.api.update(def, obj, obj.metadata.namespace, obj.metadata.name!, {...options, manager: DIRECT_MANAGER});
    this.simulation.settle();
    return updated;
  }

  /** Deletes as a DELETE would: pods terminate gracefully unless `gracePeriodSeconds: 0`. */
  delete(apiVersion: string, kindOrResource: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): KubeObject {
    const result = this.api.delete(this.resolve(apiVersion, kindOrResource), namespace, name, options);
    this.simulation.settle();
    return result.object;
  }

  get(apiVersion: string, kindOrResource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.api.find(this.resolve(apiVersion, kindOrResource), namespace, name);
  }

  list(apiVersion: string, kindOrResource: string, options: ListOptions = {}): KubeObject[] {
    return this.api.list(this.resolve(apiVersion, kindOrResource), options).items;
  }

  // ---- fault injection ---------------------------------------------------------------------

  /**
   * Answers the next `times` matching requests with a Status of `response` (e.g. 500, 429, 410),
   * or `'drop'` to fail them as a network error would.
   */
  failNext(match: FaultMatch, response: number | 'drop', times = 1): void {
    this.faults.push({match, response, remaining: times});
  }

  private takeFault(method: string, url: URL): number | 'drop' | undefined {
    const line = `${method} ${url.pathname}${url.search}`;
    const i = this.faults.findIndex((f) =>
      typeof f.match === 'string' ? line.includes(f.match) : f.match instanceof RegExp ? f.match.test(line) : f.match(method, url)
    );
    if (i < 0) return undefined;
    const fault = this.faults[i]!;
    if (--fault.remaining <= 0) this.faults.splice(i, 1);
    return fault.response;
  }

  /** Ends open watch streams (all, or one resource like `pods`) as a dropped connection; returns how many. */
  dropWatches(resource?: string): number {
    return this.watches.drop(resource);
  }

  /** Makes every current resourceVersion too old: watches from them get 410 Expired. */
  expireResourceVersions(): void {
    this.store.expire();
  }

  /** Open watch streams, for one resource (`pods`, `deployments.apps`) or all. */
  openWatches(resource?: string): number {
    return this.watches.openCount(resource);
  }

  /** Sends a BOOKMARK to every watch that allowed bookmarks, now. */
  bookmarkNow(): void {
    this.watches.bookmarkAll();
  }

  /**
   * Generates pod MODIFIED events at `updatesPerSecond` for `durationMs` of wall-clock time (for
   * benchmarks); resolves with the number of updates written.
   */
  stormPods(updatesPerSecond: number, durationMs: number, namespace?: string): Promise<number> {
    const podsDef = this.registry.get('', 'v1', 'pods')!;
    const keys = this.store.sortedKeys(podsDef.storage).filter((k) => !namespace || k.startsWith(`${namespace}/`));
    if (!keys.length) return Promise.resolve(0);
    const tickMs = 10;
    const started = Date.now();
    let written = 0;
    let cursor = 0;
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        const elapsed = Date.now() - started;
        const due = Math.min(Math.floor((elapsed / 1000) * updatesPerSecond), Math.floor((durationMs / 1000) * updatesPerSecond));
        for (; written < due; written++) {
          const key = keys[cursor++ % keys.length]!;
          const pod = this.store.get(podsDef.storage, key);
          if (!pod) continue;
          this.store.put(podsDef.storage, {...pod, metadata: {...pod.metadata, annotations: {...pod.metadata.annotations, 'sandbox.kube-elements.io/heartbeat': String(written)}}});
        }
        if (elapsed >= durationMs) {
          clearInterval(timer);
          this.storms.delete(timer);
          resolve(written);
        }
      }, tickMs);
      this.storms.add(timer);
    });
  }

  dispose(): void {
    for (const t of this.storms) clearInterval(t);
    this.storms.clear();
    this.watches.drop(undefined, true);
  }
}
