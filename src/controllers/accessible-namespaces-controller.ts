import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {KubeClient} from '../client/kube-client.js';
import type {ResourceRef} from '../client/discovery.js';
import type {KubeObject} from '../client/types.js';
import {isAbortError} from '../client/errors.js';
import {InformerController} from './informer-controller.js';

export interface AccessibleNamespacesTarget {
  client: KubeClient;
  cluster: string;
  /**
   * Namespaces to ask SelfSubjectRulesReview about when the user may not list namespaces and the
   * host sets no `allowed`. They only add up for one client and cluster: a namespace the user had
   * and then deselected is still asked about, so it stays on offer.
   */
  candidates: readonly string[];
  /** The host's `allowed-namespaces`; when set, nothing outside it is offered, and these are the ones asked about. */
  allowed: readonly string[];
  /**
   * Keep only namespaces where the user may list this resource (a SelfSubjectAccessReview each,
   * cached), and ask about it for "all namespaces"; pods when unset.
   */
  resource?: ResourceRef;
}

const PODS: ResourceRef = {group: '', resource: 'pods'};

/**
 * The namespaces a user may work in, kept live: the shared namespace informer where the user may
 * list namespaces (`source: 'list'`), otherwise SelfSubjectRulesReview (`source: 'rules'`) over
 * the host's allowed namespaces, or else over every candidate seen since the client or cluster
 * last changed — so deselecting a namespace never takes it off the offer. Also answers whether
 * "all namespaces" is a view the user can use. The namespace picker and a resource list falling
 * back from a denied all-namespaces list share it.
 */
export class AccessibleNamespacesController implements ReactiveController {
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  source?: 'list' | 'rules';
  namespaces: readonly string[] = [];
  error?: Error;
  /** Whether the user may list the resource (pods) across all namespaces; undefined while asking or when the review failed. */
  canListAll?: boolean;

  private readonly informer: InformerController<KubeObject>;
  private fallbackKey?: string;
  private fallbackAbort?: AbortController;
  private scope?: {client: KubeClient; cluster: string; resource: string};
  /** Counts published name lists, so a slower resource check never overwrites a newer one. */
  private published = 0;
  private reviewFailed = false;
  private allowedKey?: string;
  /** Every candidate seen for `knownScope`'s client and cluster — what the rules review asks about. */
  private known = new Set<string>();
  private knownScope?: {client: KubeClient; cluster: string};

  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => AccessibleNamespacesTarget | undefined
  ) {
    host.addController(this);
    this.informer = new InformerController<KubeObject>(
      host,
      () => {
        const next = this.target();
        return next && {client: next.client, query: {cluster: next.cluster, resource: {group: '', resource: 'namespaces'}}};
      },
      () => this.read()
    );
  }

  /**
   * "All namespaces" is offered when the user may list pods cluster-wide — what an all-namespaces
   * list needs. Being allowed to list namespace names alone doesn't grant that, so the namespace
   * list succeeding counts only when the access review itself could not be answered.
   */
  get allPermitted(): boolean {
    return this.canListAll ?? (this.reviewFailed && this.source === 'list');
  }

  /** Work waits for the host's update: a framework sets properties just after connecting the element. */
  hostConnected() {
    this.connected = true;
    this.host.requestUpdate();
  }

  hostUpdate() {
    if (this.connected) this.sync();
  }

  hostDisconnected() {
    this.connected = false;
    this.fallbackAbort?.abort();
    this.fallbackAbort = undefined;
    this.fallbackKey = undefined;
    this.scope = undefined;
  }

  private sync() {
    const next = this.target();
    if (next) this.learn(next);
    const resource = JSON.stringify(next?.resource ?? PODS);
    if (next?.client !== this.scope?.client || next?.cluster !== this.scope?.cluster || resource !== this.scope?.resource) {
      this.scope = next && {client: next.client, cluster: next.cluster, resource};
      this.published++;
      this.status = next ? 'loading' : 'idle';
      this.source = undefined;
      this.namespaces = [];
      this.error = undefined;
      this.canListAll = undefined;
      this.reviewFailed = false;
      this.fallbackAbort?.abort();
      this.fallbackKey = undefined;
      if (next) void this.reviewAll(this.scope!, next.resource ?? PODS);
    }
    // New candidates (another namespace chosen, allowed-namespaces changed) may grant more.
    if (next && this.source === 'rules') this.fallback(next);
    const allowedKey = next?.allowed.join(',');
    if (allowedKey !== this.allowedKey) {
      this.allowedKey = allowedKey;
      if (this.source === 'list') this.read();
    }
  }

  private async reviewAll(scope: NonNullable<AccessibleNamespacesController['scope']>, resource: ResourceRef) {
    let allowed: boolean | undefined;
    try {
      allowed = await scope.client.can(scope.cluster, 'list', resource);
    } catch {
      allowed = undefined;
    }
    if (scope !== this.scope) return;
    this.canListAll = allowed;
    this.reviewFailed = allowed === undefined;
    this.host.requestUpdate();
  }

  /** Reads the informer's latest snapshot. */
  private read() {
    const snapshot = this.informer.snapshot;
    const next = this.target();
    if (!snapshot || !next) return;
    if (snapshot.listed && snapshot.status !== 'forbidden') {
      this.publish(next, [...snapshot.items.values()].map((ns) => ns.metadata.name ?? '').filter(Boolean), 'list');
    } else if (snapshot.status === 'forbidden') {
      this.fallback(next);
    } else if (snapshot.status === 'error' || snapshot.status === 'reconnecting') {
      this.status = 'error';
      this.error = snapshot.error;
    } else if (this.source !== 'rules') {
      this.status = 'loading';
    }
  }

  /** Adds the target's candidates to those known for its client and cluster; another client or cluster starts afresh. */
  private learn({client, cluster, candidates}: AccessibleNamespacesTarget) {
    if (client !== this.knownScope?.client || cluster !== this.knownScope.cluster) {
      this.knownScope = {client, cluster};
      this.known = new Set();
    }
    for (const namespace of candidates) if (namespace) this.known.add(namespace);
  }

  /** The user may not list namespaces: ask SelfSubjectRulesReview about the host's allowed namespaces, or else every candidate known. */
  private fallback(target: AccessibleNamespacesTarget) {
    this.learn(target);
    const candidates = [...new Set(target.allowed.length ? target.allowed : this.known)].sort();
    const key = `${target.cluster}\n${candidates.join(',')}`;
    if (key === this.fallbackKey) return;
    this.fallbackKey = key;
    this.fallbackAbort?.abort();
    const abort = (this.fallbackAbort = new AbortController());
    void target.client.accessibleNamespaces(target.cluster, candidates, abort.signal).then(
      ({namespaces, source}) => {
        if (abort.signal.aborted) return;
        this.publish(target, namespaces, source);
        this.host.requestUpdate();
      },
      (error: Error) => {
        if (abort.signal.aborted || isAbortError(error)) return;
        this.status = 'error';
        this.error = error;
        this.fallbackKey = undefined;
        this.host.requestUpdate();
      }
    );
  }

  /** The namespaces found, within `allowed`, and — with a resource — where it may be listed. */
  private publish(target: AccessibleNamespacesTarget, names: readonly string[], source: 'list' | 'rules') {
    const published = ++this.published;
    const settle = (namespaces: string[]) => {
      this.namespaces = namespaces;
      this.source = source;
      this.status = 'ready';
      this.error = undefined;
    };
    const namespaces = restrict(names, target.allowed);
    const {client, cluster, resource} = target;
    if (!resource) return settle(namespaces);
    // A review that fails keeps the namespace: its own list then says what went wrong.
    void Promise.all(namespaces.map((namespace) => client.can(cluster, 'list', resource, {namespace}).catch(() => true))).then((listable) => {
      if (published !== this.published) return;
      settle(namespaces.filter((_, index) => listable[index]));
      this.host.requestUpdate();
    });
  }
}

function restrict(names: readonly string[], allowed: readonly string[]) {
  const set = new Set(allowed);
  return names.filter((name) => !set.size || set.has(name)).sort();
}
