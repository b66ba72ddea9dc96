import type {ReactiveControllerHost} from 'lit';
import type {KubeClient} from '../client/kube-client.js';
import type {InformerChanges, InformerQuery, InformerSnapshot} from '../client/informer-types.js';
import type {KubeObject, TableRow} from '../client/types.js';
import {InformerGroupController} from './informer-group-controller.js';

/** What an element wants to watch right now, or nothing (no client yet, no kind set). */
export interface InformerTarget {
  client: KubeClient;
  query: InformerQuery;
}

/**
 * Subscribes its host to one shared list+watch while connected. The target is re-read before
 * every update, so a changed kind, namespace, selector or client moves the subscription; the
 * client's informer cache shares the underlying watch with every other subscriber on the page.
 * A group of one query: `InformerGroupController` does the subscribing.
 */
export class InformerController<T = KubeObject | TableRow> {
  private readonly group: InformerGroupController<T>;
  private latest?: {snapshot: InformerSnapshot<T>; changes?: InformerChanges};

  constructor(
    host: ReactiveControllerHost,
    target: () => InformerTarget | undefined,
    onNotify?: (snapshot: InformerSnapshot<T>, changes?: InformerChanges) => void
  ) {
    this.group = new InformerGroupController<T>(
      host,
      () => {
        const next = target();
        return next && {client: next.client, queries: [next.query]};
      },
      (_source, snapshot, changes) => {
        this.latest = {snapshot, changes};
        onNotify?.(snapshot, changes);
      },
      () => (this.latest = undefined)
    );
  }

  /** The latest notification; undefined until the first one. */
  get snapshot(): InformerSnapshot<T> | undefined {
    return this.group.snapshots[0];
  }

  /** What changed in the latest notification; undefined when everything should be re-read. */
  get changes(): InformerChanges | undefined {
    return this.latest && this.latest.snapshot === this.snapshot ? this.latest.changes : undefined;
  }
}
