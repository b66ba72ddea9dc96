import type {Transport} from './transport.js';
import type {KubeHttp} from './http.js';
import {KubeAbortError, KubeNetworkError} from './errors.js';

/** One question to the authorizer: may I `verb` this resource (in this namespace, by this name)? */
export interface AccessQuery {
  verb: string;
  /** Plural resource name, e.g. `pods`, `deployments`. */
  resource: string;
  group?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface AccessDecision {
  allowed: boolean;
  denied?: boolean;
  /** The authorizer's reason, when it gave one. */
  reason?: string;
  evaluationError?: string;
}

export interface AccessReviewOptions {
  /** How long answers are reused; 60 s by default. */
  ttlMs?: number;
  /** Reviews in flight at once per client; the rest queue. 8 by default. */
  concurrency?: number;
  /** How long one review may take before it fails (and frees its slot); 10 s by default. */
  timeoutMs?: number;
  now?: () => number;
}

/** An access review that got no answer in time. */
export class AccessReviewTimeoutError extends KubeNetworkError {
  constructor(readonly timeoutMs: number) {
    super(`The API server did not answer within ${Math.round(timeoutMs / 100) / 10} s`);
  }
}

/** Rejects with `AccessReviewTimeoutError` when `work` has not settled after `ms`, even if it never does. */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new AccessReviewTimeoutError(ms));
    }, ms);
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error))
    );
  });
}

/** One shared question: the callers still waiting, and what drops it from the queue. */
interface Pending {
  promise: Promise<AccessDecision>;
  /** Callers without a signal, or whose signal has not fired. */
  waiting: number;
  drop: AbortController;
}

interface RulesReview {
  status: {
    resourceRules: Array<{verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[]}>;
    nonResourceRules?: Array<{verbs: string[]; nonResourceURLs?: string[]}>;
    incomplete: boolean;
    evaluationError?: string;
  };
}

/**
 * Answers `can(…)` with SelfSubjectAccessReview. Identical concurrent questions share one
 * request, answers are cached per (cluster, identity, attributes) for a TTL, and a change of
 * credentials never reuses another identity's answers.
 */
export class AccessReviews {
  private readonly answers = new Map<string, {decision: AccessDecision; expires: number}>();
  private readonly pending = new Map<string, Pending>();
  private readonly queue: Array<() => void> = [];
  private active = 0;
  /** How long one review may take; also the limit callers use for related reads. */
  readonly timeoutMs: number;
  private readonly ttlMs: number;
  private readonly concurrency: number;
  private readonly now: () => number;

  constructor(
    private readonly http: KubeHttp,
    private readonly transport: Transport,
    options: AccessReviewOptions = {}
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.concurrency = options.concurrency ?? 8;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The authorizer's answer. With `signal`, a caller that stops waiting (e.g. its selection
   * changed) drops the request from the queue if no other caller still waits for it; a request
   * already sent runs on, bounded by the timeout.
   */
  async review(cluster: string, query: AccessQuery, options: {signal?: AbortSignal} = {}): Promise<AccessDecision> {
    const {signal} = options;
    signal?.throwIfAborted();
    const identity = (await this.transport.identity?.(cluster)) ?? '';
    signal?.throwIfAborted();
    const key = JSON.stringify([
      cluster,
      identity,
      query.group ?? '',
      query.resource,
      query.subresource ?? '',
      query.verb,
      query.namespace ?? '',
      query.name ?? '',
    ]);
    const cached = this.answers.get(key);
    if (cached && cached.expires > this.now()) return cached.decision;
    let pending = this.pending.get(key);
    if (!pending) {
      const drop = new AbortController();
      const promise = this.limited(() => withTimeout(this.ask(cluster, query, drop.signal), this.timeoutMs, () => drop.abort()), drop.signal)
        .then((decision) => {
          this.answers.set(key, {decision, expires: this.now() + this.ttlMs});
          return decision;
        })
        .finally(() => {
          if (this.pending.get(key) === entry) this.pending.delete(key);
        });
      // Dropped with nobody waiting: the rejection has no reader.
      promise.catch(() => undefined);
      const entry: Pending = {promise, waiting: 0, drop};
      pending = entry;
      this.pending.set(key, entry);
    }
    const shared = pending;
    shared.waiting++;
    if (!signal) return shared.promise;
    return new Promise<AccessDecision>((resolve, reject) => {
      const onAbort = () => {
        reject(new KubeAbortError());
        // Nobody waits any more: a queued request need not be sent.
        if (--shared.waiting === 0) {
          shared.drop.abort();
          if (this.pending.get(key) === shared) this.pending.delete(key);
        }
      };
      signal.addEventListener('abort', onAbort, {once: true});
      shared.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** Forgets cached answers, for one cluster or all (e.g. after a sign-in or a role change). */
  clear(cluster?: string) {
    if (cluster === undefined) this.answers.clear();
    else for (const key of this.answers.keys()) if ((JSON.parse(key) as string[])[0] === cluster) this.answers.delete(key);
  }

  /** The rules the current identity has in a namespace (SelfSubjectRulesReview). */
  rules(cluster: string, namespace: string, signal?: AbortSignal) {
    return this.http
      .json<RulesReview>(cluster, '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
        method: 'POST',
        body: {apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: {namespace}},
        signal,
      })
      .then((review) => review.status);
  }

  private async ask(cluster: string, query: AccessQuery, signal: AbortSignal): Promise<AccessDecision> {
    const review = await this.http.json<{status?: AccessDecision}>(
      cluster,
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      {
        method: 'POST',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              verb: query.verb,
              group: query.group ?? '',
              resource: query.resource,
              subresource: query.subresource ?? '',
              namespace: query.namespace ?? '',
              name: query.name ?? '',
            },
          },
        },
        signal,
      }
    );
    const status = review.status ?? {allowed: false};
    return {allowed: status.allowed === true, denied: status.denied, reason: status.reason, evaluationError: status.evaluationError};
  }

  /** Runs `task` when a slot is free; a task whose `drop` signal fires while queued is never started. */
  private limited<T>(task: () => Promise<T>, drop: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        drop.removeEventListener('abort', dropQueued);
        this.active++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.active--;
            this.queue.shift()?.();
          });
      };
      const dropQueued = () => {
        const index = this.queue.indexOf(start);
        if (index >= 0) this.queue.splice(index, 1);
        reject(new KubeAbortError());
      };
      if (this.active < this.concurrency) start();
      else {
        this.queue.push(start);
        drop.addEventListener('abort', dropQueued, {once: true});
      }
    });
  }
}

/** Groups every authenticated user may use; a rule on them says nothing about a namespace. */
const SELF_REVIEW_GROUPS = new Set(['authorization.k8s.io', 'authentication.k8s.io']);

/** Whether a rules review grants `verb` on some real resource: the namespace is usable. */
export function rulesAllowAny(status: RulesReview['status'], verb: string) {
  return status.resourceRules.some(
    (rule) =>
      (rule.verbs.includes('*') || rule.verbs.includes(verb)) &&
      !(rule.apiGroups ?? []).every((group) => SELF_REVIEW_GROUPS.has(group))
  );
}
