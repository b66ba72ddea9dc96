/**
 * An isomorphic in-memory Kubernetes API server for demos, stories and tests: the same paths,
 * bodies, status codes and headers as kube-apiserver, one FetchHandler per cluster.
 */
import type {FetchHandler} from '../client/transport.js';
import type {WallClock} from './clock.js';
import {SandboxCluster} from './cluster.js';
import {seedEdge, seedLoad, seedPrimary} from './seed.js';

export {SandboxCluster} from './cluster.js';
export type {FaultMatch} from './cluster.js';
export {IDENTITIES} from './fixtures.js';
export {ManualWallClock, realWallClock} from './clock.js';
export type {WallClock, WallTimer} from './clock.js';

export interface SandboxOptions {
  /** PRNG seed: the same seed gives the same objects, names and simulation. Default 1. */
  seed?: number;
  /** How many clusters: 'sandbox', 'sandbox-edge', then 'sandbox-3'… Default 2. */
  clusters?: number;
  /** Extra Running pods seeded in namespace `load` of the first cluster (up to 30,000). */
  pods?: number;
  /** Start the simulation on a real timer right away, as `start()` does; `dispose()` stops it. Default false. */
  running?: boolean;
  /** Real-time interval between simulation ticks while running. Default 500 ms. */
  tickMs?: number;
  /** Simulated "now" at creation, in ms since the epoch. Default 2025-06-01T12:00:00Z, for reproducible ages. */
  now?: number;
  /**
   * The wall clock watches run on: deadlines (`timeoutSeconds`) and BOOKMARKs every minute and 2 s
   * before a deadline, as kube-apiserver's watch cache sends them. Default real time; inject a
   * `ManualWallClock` to drive them from a test.
   */
  wallClock?: WallClock;
}

export interface Sandbox {
  /** Clusters by name, in creation order. */
  readonly clusters: ReadonlyMap<string, SandboxCluster>;
  /** One fetch handler per cluster, for `inMemoryTransport({clusters})`. */
  handlers(): Record<string, FetchHandler>;
  /** `GET /clusters` lists clusters; `/clusters/{name}/…` reaches that cluster's API. */
  gateway: FetchHandler;
  /** Runs the simulation on a real timer (simulated time follows wall-clock time). */
  start(): void;
  stop(): void;
  /** Advances every cluster's simulation by `ms`, deterministically. */
  step(ms: number): void;
  /** Stops timers and ends open watch and log streams. */
  dispose(): void;
}

const DEFAULT_NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const MAX_LOAD_PODS = 30_000;
/** Seeding starts this long before "now" so seeded objects have realistic ages. */
const SEED_HISTORY_MS = 60 * 24 * 60 * 60 * 1000;

function clusterName(i: number): string {
  return i === 0 ? 'sandbox' : i === 1 ? 'sandbox-edge' : `sandbox-${i + 1}`;
}

function displayName(i: number): string {
  return i === 0 ? 'Sandbox' : i === 1 ? 'Sandbox Edge' : `Sandbox ${i + 1}`;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const seed = options.seed ?? 1;
  const now = options.now ?? DEFAULT_NOW;
  const clusters = new Map<string, SandboxCluster>();
  const count = Math.max(1, options.clusters ?? 2);
  for (let i = 0; i < count; i++) {
    const cluster = new SandboxCluster({name: clusterName(i), displayName: displayName(i), seed: seed * 1000 + i, epoch: now - SEED_HISTORY_MS, clusterIpBase: `10.${96 + i}.0`, ...(options.wallClock ? {wallClock: options.wallClock} : {})});
    if (i === 0) seedPrimary(cluster, now);
    else seedEdge(cluster, now, i);
    clusters.set(cluster.name, cluster);
  }
  seedLoad([...clusters.values()][0]!, Math.min(MAX_LOAD_PODS, Math.max(0, options.pods ?? 0)));

  let timer: ReturnType<typeof setInterval> | undefined;
  const tickMs = options.tickMs ?? 500;
  const step = (ms: number) => {
    for (const c of clusters.values()) c.simulation.step(ms);
  };

  const gateway: FetchHandler = async (request) => {
    const url = new URL(request.url);
    if (url.pathname === '/clusters' || url.pathname === '/clusters/') {
      return new Response(JSON.stringify({kind: 'ClusterList', items: [...clusters.values()].map((c) => ({name: c.name, displayName: c.displayName}))}), {headers: {'Content-Type': 'application/json'}});
    }
    const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const cluster = m ? clusters.get(decodeURIComponent(m[1]!)) : undefined;
    if (!m || !cluster) {
      return new Response(JSON.stringify({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: m ? `cluster "${m[1]}" not found` : 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404}), {status: 404, headers: {'Content-Type': 'application/json'}});
    }
    const inner = new URL((m[2] ?? '/') + url.search, url.origin);
    const hasBody = !['GET', 'HEAD'].includes(request.method.toUpperCase());
    return cluster.handle(
      new Request(inner, {method: request.method, headers: request.headers, signal: request.signal, ...(hasBody ? {body: await request.arrayBuffer()} : {})})
    );
  };

  const sandbox: Sandbox = {
    clusters,
    handlers: () => Object.fromEntries([...clusters].map(([name, c]) => [name, c.handle])),
    gateway,
    start() {
      if (timer) return;
      let last = Date.now();
      timer = setInterval(() => {
        const t = Date.now();
        step(t - last);
        last = t;
      }, tickMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    step,
    dispose() {
      this.stop();
      for (const c of clusters.values()) c.dispose();
    },
  };
  if (options.running) sandbox.start();
  return sandbox;
}
