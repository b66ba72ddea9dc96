import {html, css} from 'lit';
import {property, state} from 'lit/decorators.js';
import {ContextConsumer, ContextProvider} from '@lit/context';
import {KubeElement} from '../../internal/kube-element.js';
import {
  clientContext,
  clusterContext,
  namespacesContext,
  scopeContext,
  settingsContext,
  type KubeScope,
  type KubeSettings,
} from '../../context/kube-context.js';
import {createKubeClient, type KubeClient} from '../../client/kube-client.js';
import type {TokenProvider, Transport} from '../../client/transport.js';
import {gatewayTransport} from '../../client/transports/gateway.js';
import {directTransport} from '../../client/transports/direct.js';
import {inMemoryTransport} from '../../client/transports/in-memory.js';
import {KubeClusterChangeEvent, KubeNamespaceChangeEvent} from '../../events/scope-events.js';
import {parseNamespaces} from '../../internal/namespaces.js';

export type ProviderTransport = 'gateway' | 'direct' | 'sandbox';

/**
 * Shares one Kubernetes client, the current cluster and the selected namespaces with every
 * kube-* element inside it. Configure it with attributes in static HTML, or hand it a client.
 * Providers nest: an inner provider inherits what it doesn't set, and overrides what it does.
 *
 * @tagname kube-provider
 * @summary The root of every kube-elements page: one client, one cache, one set of watches.
 * @slot - Elements that use the client: lists, pickers, logs, actions.
 * @fires kube-cluster-change - The cluster changed (cancelable). `event.cluster`, `event.previous`.
 * @fires kube-namespace-change - The namespace selection changed (cancelable). `event.namespaces` (empty = all).
 */
export class KubeProvider extends KubeElement implements KubeScope {
  static override styles = css`
    @layer kube {
      :host {
        display: contents;
      }
    }
  `;

  /** Where the gateway or API server is: `''` (same origin) by default, e.g. `/k8s` or `http://127.0.0.1:8001`. */
  @property({attribute: 'base-url'}) baseUrl = '';

  /**
   * How to reach clusters: `gateway` — `/clusters/{name}/…` under base-url (`kube-elements serve`);
   * `direct` — one API server at base-url (`kubectl proxy`); `sandbox` — the in-memory demo cluster.
   */
  @property() transport: ProviderTransport = 'gateway';

  /** The cluster the elements inside use; the transport's first cluster when unset. */
  @property({reflect: true}) cluster?: string;

  /** `all`, one namespace, or several separated by commas. Inherited from an outer provider when unset. */
  @property({reflect: true}) namespace?: string;

  /** Namespaces the elements may offer and list, comma-separated — for users without cluster-wide rights. */
  @property({attribute: 'allowed-namespaces'}) allowedNamespaces?: string;

  /** A client to share instead of one made from the attributes (React and Backstage pass it here). */
  @property({attribute: false}) client?: KubeClient;

  /** Supplies bearer tokens per cluster for the `gateway` and `direct` transports. */
  @property({attribute: false}) tokenProvider?: TokenProvider;

  @state() private ownClient?: KubeClient;
  private ownClientMadeFrom?: Pick<KubeProvider, 'transport' | 'baseUrl' | 'tokenProvider'>;
  @state() private defaultCluster?: string;

  private readonly parentClient = new ContextConsumer(this, {context: clientContext, subscribe: true});
  private readonly parentCluster = new ContextConsumer(this, {context: clusterContext, subscribe: true});
  private readonly parentNamespaces = new ContextConsumer(this, {context: namespacesContext, subscribe: true});
  private readonly parentSettings = new ContextConsumer(this, {context: settingsContext, subscribe: true});

  private readonly clientProvider = new ContextProvider(this, {context: clientContext});
  private readonly clusterProvider = new ContextProvider(this, {context: clusterContext});
  private readonly namespacesProvider = new ContextProvider(this, {context: namespacesContext});
  private readonly settingsProvider = new ContextProvider(this, {context: settingsContext});
  private readonly scopeProvider = new ContextProvider(this, {context: scopeContext, initialValue: this});

  /** The client the elements inside share. */
  get effectiveClient(): KubeClient | undefined {
    return this.client ?? (this.configuredByAttributes ? this.ownClient : undefined) ?? this.parentClient.value ?? this.ownClient;
  }

  /** The cluster the elements inside use. */
  get effectiveCluster(): string | undefined {
    return this.cluster || this.parentCluster.value || this.defaultCluster;
  }

  /** The selected namespaces; empty means all. */
  get effectiveNamespaces(): readonly string[] {
    return this.namespace !== undefined ? parseNamespaces(this.namespace) : this.parentNamespaces.value ?? [];
  }

  setCluster(cluster: string) {
    const previous = this.effectiveCluster;
    if (cluster === previous) return;
    if (!this.emit(new KubeClusterChangeEvent(cluster, previous))) return;
    this.cluster = cluster;
  }

  setNamespaces(namespaces: readonly string[]) {
    const previous = this.effectiveNamespaces;
    if (namespaces.join(',') === previous.join(',')) return;
    if (!this.emit(new KubeNamespaceChangeEvent(namespaces, previous))) return;
    this.namespace = namespaces.length ? namespaces.join(',') : 'all';
  }

  /** Set when the page configured this provider to make its own client rather than inherit one. */
  private get configuredByAttributes() {
    return this.hasAttribute('transport') || this.hasAttribute('base-url') || this.tokenProvider !== undefined;
  }

  /**
   * Makes or keeps the client and hands the current client, cluster, namespaces and settings down.
   * Not before the first update: frameworks (React through @lit/react, Vue) set `.client` and
   * `.tokenProvider` after connecting the element, and a client made earlier would already have
   * sent requests the page never meant.
   */
  protected override willUpdate() {
    const needsOwn = !this.client && (this.configuredByAttributes || !this.parentClient.value);
    if (!needsOwn && this.ownClient) {
      // A client handed in (or inherited) replaces the one made from attributes: stop its watches.
      this.ownClient.dispose();
      this.ownClient = this.ownClientMadeFrom = undefined;
    }
    const made = this.ownClientMadeFrom;
    // A new client only when what it is made from changed (not on the first update, which lists every property).
    if (needsOwn && (!this.ownClient || made?.transport !== this.transport || made.baseUrl !== this.baseUrl || made.tokenProvider !== this.tokenProvider)) {
      this.ownClient?.dispose();
      this.ownClient = createKubeClient({transport: this.makeTransport()});
      this.ownClientMadeFrom = {transport: this.transport, baseUrl: this.baseUrl, tokenProvider: this.tokenProvider};
      this.defaultCluster = undefined;
    }
    const client = this.effectiveClient;
    if (client && !this.cluster && !this.parentCluster.value && !this.defaultCluster) void this.pickDefaultCluster(client);
    this.clientProvider.setValue(client);
    const cluster = this.effectiveCluster;
    // Discovery is the first thing most elements need: ask while they are still rendering — just after
    // their own first updates (already queued), so a list of a core type sends its first page first.
    if (client && cluster && cluster !== this.clusterProvider.value) queueMicrotask(() => void client.discovery.registry(cluster).catch(() => {}));
    this.clusterProvider.setValue(cluster);
    const namespaces = this.effectiveNamespaces;
    if (namespaces.join(',') !== this.namespacesProvider.value?.join(',')) this.namespacesProvider.setValue(namespaces);
    const allowed = this.allowedNamespaces !== undefined ? parseNamespaces(this.allowedNamespaces) : this.parentSettings.value?.allowedNamespaces ?? [];
    if (allowed.join(',') !== this.settingsProvider.value?.allowedNamespaces.join(',')) {
      this.settingsProvider.setValue({allowedNamespaces: allowed} satisfies KubeSettings);
    }
    this.scopeProvider.setValue(this);
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  private makeTransport(): Transport {
    switch (this.transport) {
      case 'direct':
        return directTransport({baseUrl: this.baseUrl || location.origin, tokenProvider: this.tokenProvider});
      case 'sandbox':
        return lazySandboxTransport(this.tokenProvider);
      default:
        return gatewayTransport({baseUrl: this.baseUrl, tokenProvider: this.tokenProvider});
    }
  }

  private async pickDefaultCluster(client: KubeClient) {
    try {
      const [first] = await client.listClusters();
      if (first && client === this.effectiveClient && !this.defaultCluster) this.defaultCluster = first.name;
    } catch {
      // Elements report the transport's failure themselves when they first use it.
    }
  }
}

/** The sandbox is loaded only when a page asks for it, so other pages don't carry it. */
function lazySandboxTransport(tokenProvider: TokenProvider | undefined): Transport {
  const ready = import('../../sandbox/index.js').then(({createSandbox}) => {
    const sandbox = createSandbox({running: true});
    const displayNames = Object.fromEntries([...sandbox.clusters.values()].map((cluster) => [cluster.name, cluster.displayName]));
    return inMemoryTransport({clusters: sandbox.handlers(), displayNames, tokenProvider: tokenProvider ?? (() => 'sandbox-admin')});
  });
  return {
    request: async (request) => (await ready).request(request),
    listClusters: async (signal) => (await ready).listClusters(signal),
    identity: async (cluster) => (await (await ready).identity?.(cluster)) ?? '',
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kube-provider': KubeProvider;
  }
}
