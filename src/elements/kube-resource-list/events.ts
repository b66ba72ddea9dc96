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

/** What a user changed the view to; the same values the list reflects to its attributes. */
export interface KubeViewState {
  sort: string;
  filter: string;
  labelSelector: string;
}

/**
 * Fired by `<kube-resource-list>` after the user changed its sort, filter or label selector (a
 * header, the toolbar), for a host that persists the view; not for values the host sets itself.
 * Typing fires it at most once per update.
 */
export class KubeViewChangeEvent extends Event {
  static readonly eventName = 'kube-view-change';
  constructor(readonly detail: KubeViewState) {
    super(KubeViewChangeEvent.eventName, {bubbles: true, composed: true});
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kube-select': KubeSelectEvent;
    'kube-selection-change': KubeSelectionChangeEvent;
    'kube-view-change': KubeViewChangeEvent;
  }
}
