/**
 * Fired by `<kube-provider>` before a change of cluster asked for through its scope (a picker);
 * cancel it to keep the current cluster. Sets of its attribute or property fire none.
 */
export class KubeClusterChangeEvent extends Event {
  static readonly eventName = 'kube-cluster-change';
  constructor(
    readonly cluster: string,
    readonly previous: string | undefined
  ) {
    super(KubeClusterChangeEvent.eventName, {bubbles: true, composed: true, cancelable: true});
  }

  /** The same as the event's own fields, for hosts that read every kube-* event's `detail`. */
  get detail(): {cluster: string; previous: string | undefined} {
    return {cluster: this.cluster, previous: this.previous};
  }
}

/**
 * Fired by `<kube-provider>` before a change of namespaces (empty = all) asked for through its scope
 * (a picker); cancel it to keep the current selection. Sets of its attribute or property fire none.
 */
export class KubeNamespaceChangeEvent extends Event {
  static readonly eventName = 'kube-namespace-change';
  constructor(
    readonly namespaces: readonly string[],
    readonly previous: readonly string[] | undefined
  ) {
    super(KubeNamespaceChangeEvent.eventName, {bubbles: true, composed: true, cancelable: true});
  }

  /** The same as the event's own fields, for hosts that read every kube-* event's `detail`. */
  get detail(): {namespaces: readonly string[]; previous: readonly string[] | undefined} {
    return {namespaces: this.namespaces, previous: this.previous};
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kube-cluster-change': KubeClusterChangeEvent;
    'kube-namespace-change': KubeNamespaceChangeEvent;
  }
}
