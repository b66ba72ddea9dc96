import type {ObjectReference} from '../../client/types.js';

export type KubeActionPhase = 'before' | 'success' | 'error';

/** One object an action failed on, with the error (the server's Status message for API errors). */
export interface KubeActionFailure {
  reference: ObjectReference;
  error: Error;
}

export interface KubeActionDetail {
  phase: KubeActionPhase;
  /** The action's id, e.g. `delete`, `scale`, or a host action's id. */
  action: string;
  /** The objects the action runs (or ran) on: the permitted ones only. */
  targets: readonly ObjectReference[];
  /** Objects it was not run on because the identity lacks a permission. */
  skipped: readonly ObjectReference[];
  /** What the action's handler answered, per target that succeeded (`success` and `error`). */
  results: ReadonlyArray<{reference: ObjectReference; result: unknown}>;
  /** Targets that failed and why (`error`). */
  failures: readonly KubeActionFailure[];
  /** The value the user gave (replicas, label changes, revision), when the action asks for one. */
  input?: unknown;
}

/**
 * `<kube-action-bar>` reports each action three times at most: `before` (cancelable: a host may
 * veto it or call `preventDefault()` and do the work itself), then `success` or `error`.
 */
export class KubeActionEvent extends Event {
  static readonly eventName = 'kube-action';
  readonly detail: KubeActionDetail;
  constructor(detail: KubeActionDetail) {
    super(KubeActionEvent.eventName, {bubbles: true, composed: true, cancelable: detail.phase === 'before'});
    this.detail = detail;
  }
  get phase() {
    return this.detail.phase;
  }
  get action() {
    return this.detail.action;
  }
  get targets() {
    return this.detail.targets;
  }
}

/** Asks the host to open an object's YAML in an editor ("Edit YAML"), until the library has one. */
export class KubeEditYamlEvent extends Event {
  static readonly eventName = 'kube-edit-yaml';
  readonly detail: ObjectReference;
  constructor(readonly reference: ObjectReference) {
    super(KubeEditYamlEvent.eventName, {bubbles: true, composed: true, cancelable: true});
    this.detail = reference;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kube-action': KubeActionEvent;
    'kube-edit-yaml': KubeEditYamlEvent;
  }
}
