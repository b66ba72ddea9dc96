import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {KubeClient} from '../client/kube-client.js';
import type {InformerChanges, InformerQuery, InformerSnapshot} from '../client/informer-types.js';
import type {KubeObject, TableRow} from '../client/types.js';

/** Several queries on one client — e.g. one per namespace a user may list — read as one store. */
export interface InformerGroupTarget {
  client: KubeClient;
  queries: readonly InformerQuery[];
}

/** A stable number per client, so a subscription's key tells clients apart. */
const clientIds = new WeakMap<KubeClient, number>();
let nextClientId = 1;
function clientId(client: KubeClient) {
  let id = clientIds.get(client);
  if (id === undefined) clientIds.set(client, (id = nextClientId++));
  return id;
}

/**
 * Subscribes its host to one shared informer per query while connected, and reads their live
 * stores as one without copying: keys are `namespace/name`, so a key finds its store by namespace.
 * The target is re-read before every update, so a changed query or client moves the subscriptions.
 * `InformerController` is this with one query.
 */
export class InformerGroupController<T = KubeObject | TableRow> implements ReactiveController {
  /** The latest snapshot of each query, in query order; undefined until its first notification. */
  snapshots: Array<InformerSnapshot<T> | undefined> = [];
  queries: readonly InformerQuery[] = [];

  private unsubscribes: Array<() => void> = [];
  private byNamespace = new Map<string, number>();
  private key?: string;
  /** The last key subscribed under, kept while disconnected. */
  private lastKey?: string;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => InformerGroupTarget | undefined,
    /** One query's notification; `changes` undefined means re-read that query's items in full. */
    private readonly onNotify: (source: number, snapshot: InformerSnapshot<T>, changes?: InformerChanges) => void,
    /**
     * The subscriptions moved: everything read so far is gone. `changed` is false when they are
     * the same as before the host left the page (a host moved in the page subscribes afresh).
     */
    private readonly onReset: (changed: boolean) => void
  ) {
    host.addController(this);
  }

  /** Work waits for the host's update: a framework sets properties just after connecting the element. */
  hostConnected() {
    this.connected = true;
    this.host.requestUpdate();
  }

  hostUpdate() {
    this.sync();
  }

  hostDisconnected() {
    this.connected = false;
    this.release();
  }

  /** The item under a key, from whichever query holds it. */
  get(key: string): T | undefined {
    if (this.snapshots.length <= 1) return this.snapshots[0]?.items.get(key);
    const slash = key.indexOf('/');
    const source = this.byNamespace.get(slash < 0 ? '' : key.slice(0, slash));
    return source === undefined ? undefined : this.snapshots[source]?.items.get(key);
  }

  /** Every item of every query. */
  *entries(): IterableIterator<[string, T]> {
    for (const snapshot of this.snapshots) if (snapshot) yield* snapshot.items;
  }

  get size() {
    let size = 0;
    for (const snapshot of this.snapshots) size += snapshot?.items.size ?? 0;
    return size;
  }

  private sync() {
    if (!this.connected) return;
    const next = this.target();
    const key = next ? `${clientId(next.client)}:${JSON.stringify(next.queries)}` : undefined;
    if (key === this.key) return;
    const changed = key !== this.lastKey;
    this.release();
    this.key = this.lastKey = key;
    this.onReset(changed);
    if (!next) return;
    this.queries = next.queries;
    this.snapshots = next.queries.map(() => undefined);
    next.queries.forEach((query, source) => this.byNamespace.set(query.namespace ?? '', source));
    this.unsubscribes = next.queries.map((query, source) =>
      next.client.subscribe<T>(query, (snapshot, changes) => {
        this.snapshots[source] = snapshot;
        this.onNotify(source, snapshot, changes);
        this.host.requestUpdate();
      })
    );
  }

  private release() {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
    this.snapshots = [];
    this.queries = [];
    this.byNamespace.clear();
    this.key = undefined;
  }
}
