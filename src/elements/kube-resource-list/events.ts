import type {ObjectReference} from '../../client/types.js';

/** Fired by `<kube-resource-list>` when a row is activated by click or Enter. */
export class KubeSelectEvent extends Event {
  static readonly eventName = 'kube-select';
  /** The same reference as `reference`, for hosts that read `event.detail`. */
  readonly detail: ObjectReference;
  constructor(readonly reference: ObjectReference) {
    super(KubeSelectEvent.eventName, {bubbles: true, composed: true});
    this.detail = reference;
  }
}

/** Fired by `<kube-resource-list>` when the selected rows change (checkboxes, Space, click in single mode). */
export class KubeSelectionChangeEvent extends Event {
  static readonly eventName = 'kube-selection-change';
  /** The same references as `references`, for hosts that read `event.detail`. */
  readonly detail: readonly ObjectReference[];
  constructor(readonly references: readonly ObjectReference[]) {
    super(KubeSelectionChangeEvent.eventName, {bubbles: true, composed: true});
    this.detail = references;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kube-select': KubeSelectEvent;
    'kube-selection-change': KubeSelectionChangeEvent;
  }
}
