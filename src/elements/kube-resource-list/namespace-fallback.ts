import type {ReactiveControllerHost} from 'lit';
import type {KubeClient} from '../../client/kube-client.js';
import type {ResourceRef} from '../../client/discovery.js';
import type {InformerQuery, InformerSnapshot} from '../../client/informer-types.js';
import {AccessibleNamespacesController} from '../../controllers/accessible-namespaces-controller.js';

/** What the list asks for, and what it knows about the user's namespaces. */
export interface FallbackScope {
  client: KubeClient;
  cluster: string;
  ref: ResourceRef;
  /** The namespaces asked for; empty for all. */
  requested: readonly string[];
  /** The provider's namespaces: candidates for SelfSubjectRulesReview. */
  candidates: readonly string[];
  /** The provider's `allowed-namespaces`. */
  allowed: readonly string[];
}

/**
 * When listing across all namespaces is denied, the list watches the namespaces the user may use
 * instead — learnt through `AccessibleNamespacesController`, as the namespace picker learns them.
 */
export class NamespaceFallbackController {
  private denied?: {key: string; error?: Error};
  private readonly access: AccessibleNamespacesController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly scope: () => FallbackScope | undefined
  ) {
    this.access = new AccessibleNamespacesController(host, () => {
      const scope = this.active ? this.scope() : undefined;
      return scope && {client: scope.client, cluster: scope.cluster, candidates: scope.candidates, allowed: scope.allowed, resource: scope.ref};
    });
  }

  /** A query's notification: a denied all-namespaces list of a namespaced kind turns the fallback on. */
  notice(query: InformerQuery | undefined, snapshot: InformerSnapshot<unknown>) {
    const scope = this.scope();
    if (!scope || this.active || snapshot.status !== 'forbidden' || snapshot.type?.namespaced === false) return;
    if (scope.requested.length || query?.namespace) return;
    this.denied = {key: keyOf(scope), error: snapshot.error};
    this.host.requestUpdate();
  }

  /** The namespaces to watch instead of all of them (none while resolving); undefined when not falling back. */
  get namespaces(): readonly string[] | undefined {
    return this.active ? this.access.namespaces : undefined;
  }

  /** The list's state while the fallback has no namespace to watch: resolving, failed, or none found. */
  get status(): {state: 'loading' | 'error' | 'forbidden'; error?: Error} | undefined {
    if (!this.active || this.access.namespaces.length) return undefined;
    const {status, error} = this.access;
    if (status === 'error') return {state: 'error', error};
    return status === 'ready' ? {state: 'forbidden', error: this.denied!.error} : {state: 'loading'};
  }

  /** Whether the denial applies to what the list asks for now; another kind or namespace forgets it. */
  private get active() {
    const scope = this.scope();
    if (this.denied && (!scope || this.denied.key !== keyOf(scope))) this.denied = undefined;
    return !!this.denied;
  }
}

function keyOf(scope: FallbackScope) {
  return JSON.stringify([scope.cluster, scope.ref, scope.requested]);
}
