import type {Transport} from './transport.js';
import type {KubeHttp} from './http.js';

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
  now?: () => number;
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
  private readonly pending = new Map<string, Promise<AccessDecision>>();
  private readonly queue: Array<() => void> = [];
  private active = 0;
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
    this.now = options.now ?? Date.now;
  }

  async review(cluster: string, query: AccessQuery): Promise<AccessDecision> {
    const identity = (await this.transport.identity?.(cluster)) ?? '';
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
      pending = this.limited(() => this.ask(cluster, query)).then(
        (decision) => {
          this.answers.set(key, {decision, expires: this.now() + this.ttlMs});
          return decision;
        }
      ).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
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

  private async ask(cluster: string, query: AccessQuery): Promise<AccessDecision> {
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
      }
    );
    const status = review.status ?? {allowed: false};
    return {allowed: status.allowed === true, denied: status.denied, reason: status.reason, evaluationError: status.evaluationError};
  }

  private limited<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.active++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.active--;
            this.queue.shift()?.();
          });
      };
      if (this.active < this.concurrency) start();
      else this.queue.push(start);
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
