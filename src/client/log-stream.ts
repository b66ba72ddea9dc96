import {Backoff, sleep} from './backoff.js';
import {KubeApiError, isAbortError} from './errors.js';
import {retryAfterMs} from './failures.js';
import type {KubeClient} from './kube-client.js';
import type {KubeObject} from './types.js';

/** Where a followed container stream stands. */
export type LogStreamStatus = 'connecting' | 'streaming' | 'reconnecting' | 'waiting' | 'ended' | 'deleted' | 'error';

export interface LogStreamOptions {
  cluster: string;
  namespace: string;
  pod: string;
  container: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  onLine(text: string, time: number): void;
  onStatus?(status: LogStreamStatus, error?: Error): void;
  /** Reconnect delays; the defaults start at 500 ms and cap at 10 s. */
  backoff?: Backoff;
}

const ONE_SHOT_RETRIES = 3;

type LogClient = Pick<KubeClient, 'podLogBatches' | 'get'>;

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/;

/**
 * A timestamp as a key that sorts as text: UTC seconds plus nine fraction digits, so
 * `…:00.5Z` and `…:00.500000001Z` compare correctly. Undefined when it isn't RFC 3339.
 */
export function timestampKey(stamp: string): string | undefined {
  // Fast path for what servers send: UTC with 0–9 fraction digits.
  const n = stamp.length;
  if (stamp.charCodeAt(n - 1) === 90 /* Z */ && (n === 20 || (stamp.charCodeAt(19) === 46 /* . */ && n <= 30)) && stamp.charCodeAt(10) === 84 /* T */) {
    return `${stamp.slice(0, 19)}.${stamp.slice(20, n - 1).padEnd(9, '0')}`;
  }
  const m = STAMP.exec(stamp);
  if (!m) return undefined;
  const fraction = (m[2] ?? '').padEnd(9, '0').slice(0, 9);
  const seconds = m[3] === 'Z' ? m[1]! : new Date(Date.parse(`${m[1]}${m[3]}`)).toISOString().slice(0, 19);
  return `${seconds}.${fraction}`;
}

let cachedSecond = '';
let cachedSecondMs = NaN;

/** Milliseconds since the epoch of an RFC 3339 timestamp with any number of fraction digits. */
export function timestampMs(stamp: string): number {
  const key = timestampKey(stamp);
  return key ? stampMs(key.slice(0, 19), Number(key.slice(20))) : NaN;
}

const POWERS = [1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 100, 10, 1];

/** A line's timestamp: its UTC second (`YYYY-MM-DDTHH:MM:SS`) and the nanoseconds within it. */
interface Stamp {
  second: string;
  nanos: number;
}

/**
 * Reads `<RFC 3339 timestamp> <text>` into `out` and returns where the text starts (0: no timestamp).
 * It runs for every line, so the usual form (UTC, 0–9 fraction digits) is read without a regular
 * expression and, in the same second as `last`, without allocating.
 */
function readStamp(raw: string, last: string | undefined, out: Stamp): number {
  const space = raw.indexOf(' ');
  if (space < 20 || space > 35 || raw.charCodeAt(4) !== 45 /* - */) return 0;
  if (raw.charCodeAt(space - 1) === 90 /* Z */ && (space === 20 || (raw.charCodeAt(19) === 46 /* . */ && space <= 30)) && raw.charCodeAt(10) === 84 /* T */) {
    out.second = last !== undefined && raw.startsWith(last) ? last : raw.slice(0, 19);
    let digits = 0;
    let nanos = 0;
    for (let i = 20; i < space - 1; i++, digits++) nanos = nanos * 10 + raw.charCodeAt(i) - 48;
    out.nanos = nanos * POWERS[digits]!;
    return space + 1;
  }
  const key = timestampKey(raw.slice(0, space));
  if (!key) return 0;
  out.second = key.slice(0, 19);
  out.nanos = Number(key.slice(20));
  return space + 1;
}

/** Milliseconds since the epoch of a second and nanoseconds within it; lines share seconds, so the parse is cached. */
function stampMs(second: string, nanos: number): number {
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedSecondMs = Date.parse(`${second}Z`);
  }
  return cachedSecondMs + nanos / 1e6;
}

/** When the current task began running log batches (-1: no batch in this task yet). */
let taskStart = -1;
/** Batches read in one task before the page gets a turn: about half a frame. */
const TASK_BUDGET_MS = 8;

/**
 * Ends the task when it has run batches for more than half a frame. Chunks already buffered are
 * read one after another in microtasks, so a backlog (the first seconds of a busy log, a page
 * that was busy elsewhere) would otherwise be taken in one long task and freeze a frame.
 */
async function yieldWhenLong(): Promise<void> {
  const now = performance.now();
  if (taskStart < 0) {
    taskStart = now;
    // The next task starts its own count.
    setTimeout(() => (taskStart = -1));
    return;
  }
  if (now - taskStart < TASK_BUDGET_MS) return;
  await new Promise((resolve) => setTimeout(resolve));
}

type Pod = KubeObject<{restartPolicy?: string; initContainers?: Array<{name: string; restartPolicy?: string}>}, {phase?: string; containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[]; ephemeralContainerStatuses?: ContainerStatus[]}>;
interface ContainerStatus {
  name: string;
  state?: {running?: object; waiting?: {reason?: string}; terminated?: {exitCode?: number}};
}

const isWaiting = (error: unknown) => error instanceof KubeApiError && error.code === 400 && /is waiting to start|ContainerCreating|PodInitializing/.test(error.message);

/**
 * One container's log, followed across dropped connections: it always asks for timestamps, and
 * on reconnect resumes from the last one seen (`sinceTime`), dropping lines it already delivered —
 * lines stamped at exactly the last time are counted, so equal stamps are neither lost nor repeated.
 * Only a resumed request's lines are dropped so: a live stream delivers every line, even one stamped
 * earlier than the last (the node's clock stepped back).
 */
export class LogStream {
  private readonly abort = new AbortController();
  /** The last timestamp delivered: its second, and nanoseconds within it. */
  private lastSecond?: string;
  private lastNanos = 0;
  /** Lines delivered whose timestamp equals the last. */
  private atLast = 0;
  /** While resuming: how many lines at the last timestamp the server will repeat. */
  private resumeSkip = 0;
  /** A resumed request's lines are being read, and none newer than the last delivered has come yet. */
  private replaying = false;
  private statusNow?: LogStreamStatus;
  private readonly backoff: Backoff;
  readonly done: Promise<void>;

  constructor(
    private readonly client: LogClient,
    private readonly options: LogStreamOptions
  ) {
    this.backoff = options.backoff ?? new Backoff({initialMs: 500, maxMs: 10_000});
    this.done = this.run();
  }

  get status() {
    return this.statusNow;
  }

  close() {
    this.abort.abort();
  }

  private setStatus(status: LogStreamStatus, error?: Error) {
    if (this.statusNow === status && !error) return;
    this.statusNow = status;
    this.options.onStatus?.(status, error);
  }

  private request() {
    const o = this.options;
    const base = {namespace: o.namespace, pod: o.pod, container: o.container, previous: o.previous, follow: o.follow, timestamps: true, signal: this.abort.signal};
    if (this.lastSecond) {
      // The kubelet honours sinceTime to the second; the exact filtering happens here.
      return {...base, sinceTime: `${this.lastSecond}Z`};
    }
    return {...base, tailLines: o.tailLines, sinceSeconds: o.sinceSeconds, sinceTime: o.sinceTime};
  }

  private readonly stamp: Stamp = {second: '', nanos: 0};

  /** Delivers a raw line unless a resumed request repeats it. */
  private deliver(raw: string) {
    const start = readStamp(raw, this.lastSecond, this.stamp);
    if (!start) return this.options.onLine(raw, NaN);
    const {second, nanos} = this.stamp;
    const order = this.lastSecond === undefined ? 1 : second === this.lastSecond ? nanos - this.lastNanos : second < this.lastSecond ? -1 : 1;
    if (this.replaying) {
      // Lines before the last delivered, and as many at its time as were delivered, are repeats.
      if (order < 0) return;
      if (order === 0 && this.resumeSkip > 0) {
        this.resumeSkip--;
        return;
      }
      if (order > 0) this.replaying = false;
    }
    if (order === 0) {
      this.atLast++;
    } else {
      this.lastSecond = second;
      this.lastNanos = nanos;
      this.atLast = 1;
    }
    this.options.onLine(raw.slice(start), stampMs(second, nanos));
  }

  private async run() {
    const o = this.options;
    const signal = this.abort.signal;
    this.setStatus('connecting');
    for (;;) {
      this.resumeSkip = this.atLast;
      this.replaying = this.lastSecond !== undefined;
      try {
        const onOpen = () => {
          this.setStatus('streaming');
          this.backoff.reset();
        };
        for await (const batch of this.client.podLogBatches(o.cluster, {...this.request(), onOpen})) {
          for (const raw of batch) this.deliver(raw);
          await yieldWhenLong();
        }
        if (signal.aborted) return;
        if (!o.follow || o.previous) return this.setStatus('ended');
        const next = await this.afterEnd();
        if (next !== 'reconnect') return this.setStatus(next);
        await sleep(this.backoff.next(), signal);
      } catch (error) {
        if (signal.aborted || isAbortError(error)) return;
        const err = error as Error;
        if (err instanceof KubeApiError && err.code === 404) return this.setStatus((await this.podExists()) ? 'error' : 'deleted', err);
        if (isWaiting(err)) {
          this.setStatus('waiting', err);
          if (!o.follow) return;
        } else if (err instanceof KubeApiError && err.code >= 400 && err.code < 500 && err.code !== 429) {
          return this.setStatus('error', err);
        } else if (!o.follow && this.backoff.attempts >= ONE_SHOT_RETRIES) {
          // A one-off read gives up after a few tries; a followed stream keeps reconnecting.
          return this.setStatus('error', err);
        } else {
          this.setStatus('reconnecting', err);
        }
        try {
          await sleep(this.backoff.next(retryAfterMs(err)), signal);
        } catch {
          return;
        }
      }
    }
  }

  private async podExists() {
    try {
      await this.client.get(this.options.cluster, 'pods', {namespace: this.options.namespace, name: this.options.pod}, {signal: this.abort.signal});
      return true;
    } catch (error) {
      return !(error instanceof KubeApiError && error.code === 404);
    }
  }

  /** A followed stream ended: the container stopped or restarted, the pod went away, or the connection dropped. */
  private async afterEnd(): Promise<'reconnect' | 'ended' | 'deleted'> {
    let pod: Pod;
    try {
      pod = await this.client.get<Pod>(this.options.cluster, 'pods', {namespace: this.options.namespace, name: this.options.pod}, {signal: this.abort.signal});
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return 'deleted';
      return 'reconnect';
    }
    const s = pod.status ?? {};
    if (s.phase === 'Succeeded' || s.phase === 'Failed') return 'ended';
    const name = this.options.container;
    const find = (list: ContainerStatus[] | undefined) => list?.find((c) => c.name === name);
    const init = find(s.initContainerStatuses);
    const ephemeral = init ? undefined : find(s.ephemeralContainerStatuses);
    const status = init ?? ephemeral ?? find(s.containerStatuses);
    const terminated = status?.state?.terminated;
    if (terminated) {
      if (!willRestart(pod, name, init ? 'init' : ephemeral ? 'ephemeral' : 'container', terminated.exitCode)) return 'ended';
      // It will be started again: its next instance's log follows.
      this.setStatus('waiting');
    } else if (status?.state?.waiting) this.setStatus('waiting');
    else this.setStatus('reconnecting');
    return 'reconnect';
  }
}

/** Whether the kubelet starts a terminated container again, by the pod's (or a sidecar's own) restart policy. */
export function willRestart(pod: Pod, container: string, type: 'init' | 'container' | 'ephemeral', exitCode: number | undefined): boolean {
  if (type === 'ephemeral') return false;
  const own = type === 'init' ? pod.spec?.initContainers?.find((c) => c.name === container)?.restartPolicy : undefined;
  // A sidecar (an init container with restartPolicy Always) restarts whatever its exit code.
  if (own === 'Always') return true;
  if (type === 'init' && exitCode === 0) return false;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  if (policy === 'OnFailure') return exitCode !== 0;
  return true;
}
