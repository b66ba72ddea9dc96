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
import type {KubeClient} from '../../client/kube-client.js';
import type {TokenProvider} from '../../client/transport.js';
import {KubeClusterChangeEvent, KubeNamespaceChangeEvent} from '../../events/scope-events.js';
import {parseNamespaces} from '../../internal/namespaces.js';
import {textOr, unsetWhenRemoved} from '../../internal/attribute-converters.js';
import {DefaultClusterController} from './default-cluster-controller.js';
import {OwnClient, type OwnClientRecipe, type ProviderTransport} from './own-client.js';

export type {ProviderTransport} from './own-client.js';

/** How long a provider taken out of the page keeps its own client, so one moved elsewhere keeps its cache. */
const OWN_CLIENT_GRACE_MS = 1000;

/**
 * Shares one Kubernetes client, the current cluster and the selected namespaces with every
 * kube-* element inside it. Configure it with attributes in static HTML, or hand it a client.
 * Providers nest: an inner provider inherits what it doesn't set, and overrides what it does. A
 * picker changes what its nearest provider sets; what that provider inherits, it changes on the
 * provider it comes from, so a card that pins only a namespace still follows the page's cluster.
 *
 * @tagname kube-provider
 * @summary The root of every kube-elements page: one client, one cache, one set of watches.
 * @slot - Elements that use the client: lists, pickers, logs, actions.
 * @fires kube-cluster-change - A picker (through `setCluster`) is about to change the cluster; cancel it to keep the current one. Not fired when the page sets `cluster` (attribute or property), for the client's first cluster taken by default, nor for one inherited from an outer provider. `event.cluster`, `event.previous`.
 * @fires kube-namespace-change - A picker (through `setNamespaces`) is about to change the namespaces; cancel it to keep the current ones. Not fired when the page sets `namespace` (attribute or property), nor for namespaces inherited from an outer provider. `event.namespaces` (empty = all), `event.previous`.
 * @cssstate cluster-error - No cluster is set and listing the client's clusters failed. No answer, a 5xx, 408 or 429 is retried with backoff; any other 4xx (401, 403, 404…), or an answer that isn't the gateway's (a login page), is final for this client. See `clusterError`.
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
  @property({attribute: 'base-url', converter: textOr('')}) baseUrl = '';

  /**
   * How to reach clusters: `gateway` — `/clusters/{name}/…` under base-url (`kube-elements serve`);
   * `direct` — one API server at base-url (`kubectl proxy`); `sandbox` — the in-memory demo cluster.
   */
  @property({converter: textOr('gateway')}) transport: ProviderTransport = 'gateway';

  /**
   * The cluster the elements inside use; when unset, an outer provider's, else the transport's first.
   * With `transport="direct"` it is also the name the one API server answers to (`default` when unset).
   */
  @property({reflect: true, converter: unsetWhenRemoved}) cluster?: string;

  /** `all`, one namespace, or several separated by commas. Inherited from an outer provider when unset. */
  @property({reflect: true, converter: unsetWhenRemoved}) namespace?: string;

  /** Namespaces the elements may offer and list, comma-separated — for users without cluster-wide rights. */
  @property({attribute: 'allowed-namespaces', converter: unsetWhenRemoved}) allowedNamespaces?: string;

  /** A client to share instead of one made from the attributes (React and Backstage pass it here). */
  @property({attribute: false}) client?: KubeClient;

  /** Supplies bearer tokens per cluster for the `gateway` and `direct` transports. */
  @property({attribute: false}) tokenProvider?: TokenProvider;

  @state() private ownClient?: OwnClient;
  private readonly defaultCluster = new DefaultClusterController(this);
  private releaseOwnClientTimer?: ReturnType<typeof setTimeout>;

  private readonly parentClient = new ContextConsumer(this, {context: clientContext, subscribe: true});
  private readonly parentCluster = new ContextConsumer(this, {context: clusterContext, subscribe: true});
  private readonly parentNamespaces = new ContextConsumer(this, {context: namespacesContext, subscribe: true});
  private readonly parentSettings = new ContextConsumer(this, {context: settingsContext, subscribe: true});
  private readonly parentScope = new ContextConsumer(this, {context: scopeContext, subscribe: true});

  private readonly clientProvider = new ContextProvider(this, {context: clientContext});
  private readonly clusterProvider = new ContextProvider(this, {context: clusterContext});
  private readonly namespacesProvider = new ContextProvider(this, {context: namespacesContext});
  private readonly settingsProvider = new ContextProvider(this, {context: settingsContext});
  private readonly scopeProvider = new ContextProvider(this, {context: scopeContext, initialValue: this});

  /** The client the elements inside share. */
  get effectiveClient(): KubeClient | undefined {
    if (this.client) return this.client;
    const own = this.ownClient?.client;
    // Configured to reach its own clusters, it never lends the outer client (another backend, another token) meanwhile.
    return this.configuredByAttributes ? own : this.parentClient.value ?? own;
  }

  /** The cluster the elements inside use. */
  get effectiveCluster(): string | undefined {
    return this.cluster || this.parentCluster.value || this.defaultCluster.cluster;
  }

  /**
   * Why this provider has no cluster to hand down: none is set (here or outside) and listing the
   * client's clusters failed. A listing that got no answer, a 5xx, 408 or 429 (after its Retry-After)
   * is retried with backoff while the provider is in the page; any other 4xx (401, 403, 404…), or a
   * body that isn't a listing (a login page), is an answer and is not asked again until the client
   * changes. `undefined` once a listing succeeds, a
   * cluster is set, or the client changes. Also the `cluster-error` state.
   */
  get clusterError(): Error | undefined {
    return this.defaultCluster.error;
  }

  /** The selected namespaces; empty means all. */
  get effectiveNamespaces(): readonly string[] {
    return this.namespace !== undefined ? parseNamespaces(this.namespace) : this.parentNamespaces.value ?? [];
  }

  /**
   * Changes the cluster as a picker does: fires `kube-cluster-change` and, unless a listener cancels
   * it, sets `cluster`. A provider that inherits its cluster (and client) passes the change to the
   * outer provider, which fires the event and takes it. Returns whether the cluster is now `cluster` (`true` too when it already was,
   * without an event); `false` when cancelled.
   */
  setCluster(cluster: string): boolean {
    // Inherited, the cluster is the outer provider's to change: so the change reaches everything that shares it.
    const outer = this.inheritsCluster ? this.parentScope.value : undefined;
    if (outer) return outer.setCluster(cluster) !== false;
    const previous = this.effectiveCluster;
    if (cluster === previous) return true;
    if (!this.emit(new KubeClusterChangeEvent(cluster, previous))) return false;
    this.cluster = cluster;
    return true;
  }

  /**
   * Changes the namespaces as a picker does (empty = all): fires `kube-namespace-change` and, unless a
   * listener cancels it, sets `namespace`. A provider that inherits its namespaces passes the change
   * to the outer provider. Returns whether the selection is now `namespaces` (`true`
   * too when it already was, without an event); `false` when cancelled.
   */
  setNamespaces(namespaces: readonly string[]): boolean {
    const outer = this.namespace === undefined && this.parentNamespaces.value !== undefined ? this.parentScope.value : undefined;
    if (outer) return outer.setNamespaces(namespaces) !== false;
    const previous = this.effectiveNamespaces;
    if (namespaces.join(',') === previous.join(',')) return true;
    if (!this.emit(new KubeNamespaceChangeEvent(namespaces, previous))) return false;
    this.namespace = namespaces.length ? namespaces.join(',') : 'all';
    return true;
  }

  /** The cluster comes from an outer provider: none is set here, and the client is the outer one's. */
  private get inheritsCluster() {
    return !this.cluster && this.parentCluster.value !== undefined && this.effectiveClient === this.parentClient.value;
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
    // A client handed in (or inherited) replaces the one made from attributes: stop its watches.
    if (!needsOwn) this.releaseOwnClient();
    const recipe = this.ownClientRecipe();
    // A new client only when what it is made from changed (not on the first update, which lists every property),
    // and none for a provider out of the page (it makes one when it comes back).
    if (needsOwn && this.isConnected && !this.ownClient?.madeFrom(recipe)) {
      this.ownClient?.dispose();
      this.ownClient = new OwnClient(recipe);
    }
    const client = this.effectiveClient;
    // An inherited client's clusters are the outer provider's to list: it hands its choice down.
    this.defaultCluster.track(client, !this.cluster && !this.parentCluster.value && client !== this.parentClient.value);
    this.toggleState('cluster-error', this.clusterError !== undefined);
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

  override connectedCallback() {
    super.connectedCallback();
    clearTimeout(this.releaseOwnClientTimer);
    // Back in the page: a new client if its own was released, or its attributes changed while it was out.
    this.requestUpdate();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    // Moved (out and back in one task) it keeps its client; gone, it stops its watches and in-page sandbox.
    if (this.ownClient) this.releaseOwnClientTimer = setTimeout(() => this.releaseOwnClient(), OWN_CLIENT_GRACE_MS);
  }

  private ownClientRecipe(): OwnClientRecipe {
    return {
      transport: this.transport,
      baseUrl: this.baseUrl,
      // The one API server answers to the cluster the elements inside ask for.
      directCluster: this.cluster || this.parentCluster.value || undefined,
      tokenProvider: this.tokenProvider,
    };
  }

  private releaseOwnClient() {
    clearTimeout(this.releaseOwnClientTimer);
    this.ownClient?.dispose();
    this.ownClient = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kube-provider': KubeProvider;
  }
}
