import type {KubeObject} from '../client/types.js';
import {fnv1a, type SimClock} from './clock.js';
import {errors} from './status.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- reads open pod status */
type Any = any;

export interface LogOptions {
  container?: string | null;
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string | null;
  limitBytes?: number;
  follow?: boolean;
}

/** Lines a container keeps before "rotation": enough for scrolling, bounded for days-old pods. */
const MAX_LINES = 5000;
const STARTUP_LINES = 6;

const ANSI = {red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', blue: '\u001b[34m', dim: '\u001b[2m', reset: '\u001b[0m'};
const PATHS = ['/api/v1/orders', '/healthz', '/api/v1/users/42', '/static/app.js', '/api/v1/cart', '/metrics', '/ログイン', '/api/v1/search?q=café'];
const USERS = ['alice', 'bob', 'carol', '田中', 'dmitri', 'zoë'];

interface Run {
  start: number;
  end: number;
  seed: number;
}

/** The container run whose output a log request reads: current, or the previous terminated one. */
function runFor(pod: Any, container: string, previous: boolean): Run {
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((c: Any) => c.name === container);
  const name = pod.metadata.name as string;
  const restarts = status?.restartCount ?? 0;
  if (previous) {
    const t = status?.lastState?.terminated;
    if (!t) errors.badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    return {start: Date.parse(t.startedAt), end: Date.parse(t.finishedAt), seed: fnv1a(`${pod.metadata.uid}/${container}/${restarts - 1}`)};
  }
  const state = status?.state ?? {};
  if (state.running) return {start: Date.parse(state.running.startedAt), end: Infinity, seed: fnv1a(`${pod.metadata.uid}/${container}/${restarts}`)};
  if (state.terminated) return {start: Date.parse(state.terminated.startedAt), end: Date.parse(state.terminated.finishedAt), seed: fnv1a(`${pod.metadata.uid}/${container}/${restarts}`)};
  const last = status?.lastState?.terminated;
  // A crash-looping container's logs are those of its last run, as the kubelet serves them.
  if (last) return {start: Date.parse(last.startedAt), end: Date.parse(last.finishedAt), seed: fnv1a(`${pod.metadata.uid}/${container}/${restarts - 1}`)};
  const reason = state.waiting?.reason ?? 'ContainerCreating';
  errors.badRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`);
}

/** Each container writes a line every 0.5–2 s (fixed per run), so a follow sees output promptly. */
function intervalOf(seed: number): number {
  return 500 + (seed % 1500);
}

function lineAt(run: Run, i: number): {ts: number; text: string} {
  const interval = intervalOf(run.seed);
  if (i < STARTUP_LINES) return {ts: run.start + i * 37, text: startupLine(run.seed, i)};
  const ts = run.start + 250 + (i - STARTUP_LINES + 1) * interval;
  return {ts, text: trafficLine(run.seed, i, ts)};
}

function countUntil(run: Run, until: number): number {
  if (until < run.start) return 0;
  const interval = intervalOf(run.seed);
  const traffic = until < run.start + 250 + interval ? 0 : Math.floor((until - run.start - 250) / interval);
  return Math.min(STARTUP_LINES, Math.floor((until - run.start) / 37) + 1) + traffic;
}

function startupLine(seed: number, i: number): string {
  const lines = [
    `${ANSI.dim}[boot]${ANSI.reset} starting service build=${(seed % 997).toString(16)} pid=1`,
    `${ANSI.green}INFO${ANSI.reset}  loaded configuration from /etc/app/config.yaml`,
    JSON.stringify({level: 'info', msg: 'connected to database', pool: 10, latency_ms: (seed % 40) + 2}),
    `${ANSI.blue}INFO${ANSI.reset}  サーバーを起動しました (server started) 🚀`,
    `INFO  listening on :8080`,
    `INFO  ready to accept connections ✅`,
  ];
  return lines[i % lines.length]!;
}

function trafficLine(seed: number, i: number, ts: number): string {
  const h = fnv1a(`${seed}:${i}`);
  const kind = h % 20;
  const path = PATHS[(h >>> 5) % PATHS.length]!;
  const user = USERS[(h >>> 9) % USERS.length]!;
  const ms = (h >>> 13) % 900;
  if (kind === 0) return `${ANSI.red}ERROR${ANSI.reset} request failed path=${path} err="upstream timed out after ${ms}ms" ❌`;
  if (kind === 1 || kind === 2) return `${ANSI.yellow}WARN${ANSI.reset}  slow request path=${path} duration=${ms}ms user=${user}`;
  if (kind < 9) return JSON.stringify({level: 'info', ts: new Date(ts).toISOString(), msg: 'request completed', method: h & 1 ? 'GET' : 'POST', path, status: 200, duration_ms: ms, user});
  if (kind < 12) return `10.244.${(h >>> 3) % 4}.${(h >>> 7) % 250} - - "GET ${path} HTTP/1.1" 200 ${(h >>> 11) % 9000} "-" "Mozilla/5.0"`;
  if (kind === 12) return `INFO  ユーザー ${user} がログインしました 🎉`;
  if (kind === 13) return `DEBUG cache hit ratio=${((h % 1000) / 10).toFixed(1)}% keys=${h % 5000}`;
  return `${ANSI.green}INFO${ANSI.reset}  handled ${h & 1 ? 'GET' : 'POST'} ${path} in ${ms}ms`;
}

/** Picks the container a request means, failing with the server's wording. */
export function resolveContainer(pod: KubeObject, requested: string | null | undefined): string {
  const p = pod as Any;
  const containers: string[] = (p.spec?.containers ?? []).map((c: Any) => c.name);
  const inits: string[] = (p.spec?.initContainers ?? []).map((c: Any) => c.name);
  const ephemeral: string[] = (p.spec?.ephemeralContainers ?? []).map((c: Any) => c.name);
  if (requested) {
    // The API server accepts any of the three kinds (pod strategy LogLocation).
    if (!containers.includes(requested) && !inits.includes(requested) && !ephemeral.includes(requested)) errors.badRequest(`container ${requested} is not valid for pod ${p.metadata.name}`);
    return requested;
  }
  if (containers.length === 1) return containers[0]!;
  if (!containers.length) errors.badRequest(`a container name must be specified for pod ${p.metadata.name}`);
  let message = `a container name must be specified for pod ${p.metadata.name}, choose one of: [${containers.join(' ')}]`;
  if (inits.length) message += ` or one of the init containers: [${inits.join(' ')}]`;
  errors.badRequest(message);
}

const encoder = new TextEncoder();

/**
 * Serves `pods/{name}/log`: deterministic lines computed from the container's run (nothing is
 * stored), filtered like the kubelet filters them, streamed on the simulation clock when following.
 */
export function podLogs(
  pod: KubeObject,
  options: LogOptions,
  clock: SimClock,
  /** `retain` is kept referenced while following, so the request's signal keeps following the caller's. */
  hooks: {onTick(listener: () => void): () => void; current(): KubeObject | undefined; signal?: AbortSignal; retain?: object}
): Response {
  const container = resolveContainer(pod, options.container);
  const now = clock.now();
  const run = runFor(pod, container, !!options.previous);
  const total = countUntil(run, Math.min(run.end, now));
  let first = Math.max(0, total - MAX_LINES);
  const cutoff = options.sinceTime ? Date.parse(options.sinceTime) : options.sinceSeconds ? now - options.sinceSeconds * 1000 : undefined;
  if (cutoff !== undefined) while (first < total && lineAt(run, first).ts < cutoff) first++;
  if (options.tailLines !== undefined && options.tailLines >= 0) first = Math.max(first, total - options.tailLines);
  let budget = options.limitBytes && options.limitBytes > 0 ? options.limitBytes : Infinity;
  const format = (i: number) => {
    const line = lineAt(run, i);
    // Container runtimes stamp lines with nanosecond precision; Go's RFC3339Nano trims trailing zeros.
    const stamp = clock.isoNano(line.ts).replace(/\.(\d{3})0{6}Z$/, (_m, ms: string) => `.${ms}${String((run.seed + i * 7919) % 1_000_000).padStart(6, '0')}Z`).replace(/0+Z$/, 'Z');
    return (options.timestamps ? stamp + ' ' : '') + line.text + '\n';
  };
  const take = (text: string): Uint8Array | undefined => {
    if (budget <= 0) return undefined;
    let bytes = encoder.encode(text);
    if (bytes.length > budget) bytes = bytes.slice(0, budget);
    budget -= bytes.length;
    return bytes;
  };
  const headers = {'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private'};
  if (!options.follow || options.previous) {
    const chunks: Uint8Array[] = [];
    for (let i = first; i < total; i++) {
      const b = take(format(i));
      if (!b) break;
      chunks.push(b);
    }
    return new Response(new Blob(chunks as BlobPart[]), {status: 200, headers});
  }
  let next = first;
  let unsubscribe = () => {};
  // Once the reader cancels, the stream is closed already; a later abort must not close it again.
  let done = false;
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = () => {
        if (done) return;
        stop();
        controller.close();
      };
      stop = () => {
        done = true;
        unsubscribe();
        hooks.signal?.removeEventListener('abort', finish);
      };
      const pump = () => {
        const current = hooks.current() as Any;
        const until = Math.min(run.end, clock.now());
        const available = countUntil(run, until);
        for (; next < available; next++) {
          const b = take(format(next));
          if (!b) return finish();
          controller.enqueue(b);
        }
        // The stream ends with the container run: pod deleted, container restarted or stopped.
        const status = (current?.status?.containerStatuses ?? []).find((c: Any) => c.name === container);
        const sameRun = current && current.metadata.uid === (pod as Any).metadata.uid && status?.state?.running && Date.parse(status.state.running.startedAt) === run.start;
        if (!sameRun || budget <= 0) finish();
      };
      unsubscribe = hooks.onTick(pump);
      hooks.signal?.addEventListener('abort', finish);
      pump();
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {status: 200, headers});
}
