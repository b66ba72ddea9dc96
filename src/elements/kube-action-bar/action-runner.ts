import type {ReactiveControllerHost} from 'lit';
import type {KubeClient} from '../../client/kube-client.js';
import {isAbortError} from '../../client/errors.js';
import {referenceOf, runForEach, type ResolvedTarget} from '../../client/actions/index.js';
import {labelOf} from './actions.js';
import type {ActionRequest} from './dialog.js';
import {KubeActionEvent, type KubeActionFailure} from './events.js';
import {cancelledText, vetoedText} from './messages.js';
import {describeOutcome, type Outcome} from './outcome.js';
import {UndoWindow} from './undo-window.js';

export interface ActionRunnerOptions {
  client: () => KubeClient | undefined;
  /** Milliseconds a destructive action waits with Undo; 0 sends it at once. */
  undoMs: () => number;
  /** The element's own `emit`, so the events are the element's. */
  emit: (event: Event) => boolean;
  /** Puts focus back on the toolbar's active action. */
  focusActions: () => void;
  /** The objects changed: Suspend may now be Resume, Cordon Uncordon. */
  changed: () => void;
}

type RunHost = ReactiveControllerHost & HTMLElement & {readonly renderRoot: HTMLElement | DocumentFragment};

/** Why the undo countdown is held: the user's pointer or focus on Undo. */
export type UndoHold = 'focus' | 'hover';

/**
 * Runs a chosen action on its targets: a destructive one first waits out the undo window, then
 * `before` (cancelable), the handler once per target, and `success` or `error`. Holds what the
 * live regions say. Its lifecycle is the undo window's (a controller of the host: leaving the
 * page cancels it), so it is not a controller itself.
 */
export class ActionRunner {
  private running?: string;
  private last?: Outcome;
  private readonly undoWindow: UndoWindow<{request: ActionRequest; input: unknown}>;
  private readonly undoHeld = new Set<UndoHold>();
  private focusingUndo = false;

  constructor(
    private readonly host: RunHost,
    private readonly options: ActionRunnerOptions
  ) {
    this.undoWindow = new UndoWindow(host);
  }

  /** The id of the action being sent. */
  get busy(): string | undefined {
    return this.running;
  }

  /** The action waiting out its undo window, with the seconds left. */
  get pending() {
    return this.undoWindow.pending;
  }

  /** Whether another action may start: none is being sent or waits to be. */
  get idle(): boolean {
    return !this.running && !this.undoWindow.pending;
  }

  /** The result of the last action, for the live regions. */
  get outcome(): Outcome | undefined {
    return this.last;
  }

  /** Forgets the last result, when the user chooses another action. */
  clearOutcome() {
    this.show(undefined);
  }

  /** Sends the request, after the undo window when it is destructive. */
  run(request: ActionRequest, input: unknown) {
    const undoMs = this.options.undoMs();
    if (request.definition.destructive && undoMs > 0) {
      this.undoHeld.clear();
      this.undoWindow.start({request, input}, undoMs, (work) => {
        // Undo is about to go: focus goes back to the actions rather than to the page's start.
        if (this.host.shadowRoot?.activeElement?.matches('[part~="undo-button"]')) this.options.focusActions();
        void this.execute(work.request, work.input);
      });
      void this.host.updateComplete.then(() => {
        const undo = this.host.renderRoot.querySelector<HTMLElement>('[part~="undo-button"]');
        if (!undo) return;
        // Moved there for the user, so it does not hold the countdown; the user's own focus does.
        this.focusingUndo = true;
        undo.focus();
        this.focusingUndo = false;
      });
    } else void this.execute(request, input);
  }

  /** Pauses the countdown while the user points at or focuses Undo (WCAG 2.2.1), resumes when neither. */
  hold(how: UndoHold, on: boolean) {
    if (how === 'focus' && on && this.focusingUndo) return;
    if (on) this.undoHeld.add(how);
    else this.undoHeld.delete(how);
    if (this.undoHeld.size) this.undoWindow.pause();
    else this.undoWindow.resume();
  }

  /** Cancels the action waiting out its undo window; nothing was sent. */
  undo() {
    const work = this.undoWindow.cancel();
    if (!work) return;
    this.show({tone: 'info', text: cancelledText(labelOf(work.request.definition)), lines: []});
    this.options.focusActions();
  }

  private async execute(request: ActionRequest, input: unknown) {
    const {definition} = request;
    const client = this.options.client();
    if (!client) return;
    const label = labelOf(definition);
    const targets = request.targets.map(referenceOf);
    const skipped = request.skipped.map(referenceOf);
    const detail = {action: definition.id, targets, skipped, input};
    if (!this.options.emit(new KubeActionEvent({...detail, phase: 'before', results: [], failures: []}))) {
      if (!definition.quiet) this.show({tone: 'info', text: vetoedText(label), lines: []});
      return;
    }
    this.setBusy(definition.id);
    // Never aborted by leaving the page: a drain stopped half-way is worse than one that finishes unseen.
    const signal = new AbortController().signal;
    let outcomes;
    try {
      outcomes = await runForEach(request.targets, async (target: ResolvedTarget) => {
        try {
          return await definition.handler({client, target, reference: referenceOf(target), input, signal, host: this.host});
        } catch (error) {
          // A handler's own abort is a failure of that object, not the end of the whole run.
          throw isAbortError(error) ? new Error((error as Error).message) : error;
        }
      });
    } finally {
      this.setBusy(undefined);
    }
    const results = outcomes.filter((outcome) => outcome.ok).map((outcome) => ({reference: referenceOf(outcome.target), result: outcome.result}));
    const failures: KubeActionFailure[] = outcomes.filter((outcome) => !outcome.ok).map((outcome) => ({reference: referenceOf(outcome.target), error: outcome.error!}));
    this.options.emit(new KubeActionEvent({...detail, phase: failures.length ? 'error' : 'success', results, failures}));
    if (definition.quiet) return;
    this.show(describeOutcome(label, targets.length, failures, skipped.length, results));
    this.options.changed();
  }

  /** Re-renders the host only when something changed, as reactive properties would. */
  private setBusy(id: string | undefined) {
    if (id === this.running) return;
    this.running = id;
    this.host.requestUpdate();
  }

  private show(outcome: Outcome | undefined) {
    if (outcome === this.last) return;
    this.last = outcome;
    this.host.requestUpdate();
  }
}
