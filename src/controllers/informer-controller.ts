import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {KubeClient} from '../client/kube-client.js';
import type {InformerChanges, InformerQuery, InformerSnapshot} from '../client/informer-types.js';
import type {KubeObject, TableRow} from '../client/types.js';

/** What an element wants to watch right now, or nothing (no client yet, no kind set). */
export interface InformerTarget {
  client: KubeClient;
  query: InformerQuery;
}

const clientIds = new WeakMap<KubeClient, number>();
let nextClientId = 1;
function clientId(client: KubeClient) {
  let id = clientIds.get(client);
  if (id === undefined) clientIds.set(client, (id = nextClientId++));
  return id;
}

/**
 * Subscribes its host to one shared list+watch while connected. The target is re-read before
 * every update, so a changed kind, namespace, selector or client moves the subscription; the
 * client's informer cache shares the underlying watch with every other subscriber on the page.
 */
export class InformerController<T = KubeObject | TableRow> implements ReactiveController {
  /** The latest notification; undefined until the first one. */
  snapshot?: InformerSnapshot<T>;
  /** What changed in the latest notification; undefined when everything should be re-read. */
  changes?: InformerChanges;

  private unsubscribe?: () => void;
  private key?: string;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => InformerTarget | undefined,
    private readonly onNotify?: (snapshot: InformerSnapshot<T>, changes?: InformerChanges) => void
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.connected = true;
    this.sync();
  }

  hostUpdate() {
    this.sync();
  }

  hostDisconnected() {
    this.connected = false;
    this.release();
  }

  private sync() {
    if (!this.connected) return;
    const next = this.target();
    const key = next ? `${clientId(next.client)}:${JSON.stringify(next.query)}` : undefined;
    if (key === this.key) return;
    this.release();
    this.key = key;
    if (!next) return;
    this.unsubscribe = next.client.subscribe<T>(next.query, (snapshot, changes) => {
      this.snapshot = snapshot;
      this.changes = changes;
      this.onNotify?.(snapshot, changes);
      this.host.requestUpdate();
    });
  }

  private release() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.key = undefined;
    this.snapshot = undefined;
    this.changes = undefined;
  }
}
