import type {ObjectReference} from '../client/types.js';

/**
 * Asks for the logs of an object — a pod, or a workload whose pods' logs are merged — to be shown.
 * `<kube-action-bar>` fires it for its "Logs" action; a host opens its own viewer, or a
 * `<kube-pod-logs open-from-events>` on the page shows the object. Calling `preventDefault()`
 * tells the other listeners the request has been taken.
 */
export class KubeOpenLogsEvent extends Event {
  static readonly eventName = 'kube-open-logs';
  /** The same reference as `reference`, for hosts that read `event.detail`. */
  readonly detail: ObjectReference;
  constructor(
    readonly reference: ObjectReference,
    /** A container to start with; `*` for all of them. */
    readonly container?: string
  ) {
    super(KubeOpenLogsEvent.eventName, {bubbles: true, composed: true, cancelable: true});
    this.detail = reference;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kube-open-logs': KubeOpenLogsEvent;
  }
}
