import type {KubeObject} from '../client/types.js';
import type {Random, SimClock} from './clock.js';
import {storageKey} from './resources.js';
import type {ObjectStore} from './store.js';

export const EVENTS = storageKey('', 'events');

/** Events older than this are removed, like kube-apiserver's default --event-ttl of one hour. */
const EVENT_TTL_MS = 60 * 60 * 1000;

/**
 * Records core/v1 Events the way client-go's recorder does: one object per
 * (object, reason, message), counted and re-stamped when repeated.
 */
export class EventRecorder {
  private readonly byKey = new Map<string, string>();
  private sequence = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    private readonly random: Random
  ) {}

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: {component: string; host?: string}, fieldPath?: string): void {
    const namespace = obj.metadata.namespace || 'default';
    const dedupe = `${obj.metadata.uid}\u0000${reason}\u0000${message}\u0000${fieldPath ?? ''}`;
    const now = this.clock.iso();
    const existingKey = this.byKey.get(dedupe);
    const existing = existingKey ? this.store.get(EVENTS, existingKey) : undefined;
    if (existing) {
      this.store.put(EVENTS, {...existing, count: ((existing['count'] as number) ?? 1) + 1, lastTimestamp: now});
      return;
    }
    // Event names are the object name plus the creation time in nanoseconds, in hex.
    const name = `${obj.metadata.name}.${(BigInt(Math.floor(this.clock.now())) * 1_000_000n + BigInt(this.sequence++ % 1_000_000)).toString(16)}`;
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {name, namespace, uid: this.random.uuid(), creationTimestamp: now},
      involvedObject: {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: obj.metadata.resourceVersion,
        ...(fieldPath ? {fieldPath} : {}),
      },
      reason,
      message,
      source,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    const stored = this.store.put(EVENTS, event);
    this.byKey.set(dedupe, `${namespace}/${stored.metadata.name}`);
  }

  /** Drops events past their TTL. */
  prune(): void {
    const cutoff = this.clock.now() - EVENT_TTL_MS;
    for (const [dedupe, key] of this.byKey) {
      const e = this.store.get(EVENTS, key);
      if (!e) {
        this.byKey.delete(dedupe);
        continue;
      }
      if (Date.parse(e['lastTimestamp'] as string) < cutoff) {
        this.store.remove(EVENTS, key);
        this.byKey.delete(dedupe);
      }
    }
  }
}
