import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {KubeClient} from '../client/kube-client.js';
import type {KubeObject, ResourceType} from '../client/types.js';
import {typeRef} from '../client/actions/target.js';
import {firstDenial, type Denial, type RequiredPermission} from '../client/actions/permissions.js';
import {resolveTarget, type ActionTarget, type ResolvedTarget} from '../client/actions/target.js';
import {withTimeout} from '../client/access-review.js';

/** What the controller needs to know about an action to gate it. */
export interface GatedAction {
  id: string;
  /** Whether the action is offered for objects of this type. */
  appliesTo(type: ResourceType): boolean;
  /** The permissions it needs on one object of this type. */
  permissions(type: ResourceType): readonly RequiredPermission[];
  /** Whether it makes sense for the object as it is now (e.g. Resume only when suspended); asked for a single target. */
  availableFor?(object: KubeObject): boolean;
}

export interface ActionPermissionsInput {
  client: KubeClient;
  targets: readonly ActionTarget[];
  actions: readonly GatedAction[];
}

/** How one action stands for the current targets. */
export interface ActionPermission {
  status: 'pending' | 'ready' | 'error';
  /** Targets the identity may act on. */
  permitted: ResolvedTarget[];
  /** Targets it may not, each with the first permission denied. */
  denied: Array<{target: ResolvedTarget; denial: Denial}>;
  total: number;
  error?: Error;
}

/**
 * Gates actions by SelfSubjectAccessReview: for every offered action and every target, asks the
 * client (which shares and caches identical questions) about each permission the action needs.
 * Asks again when the client (and so the identity), the targets or the actions change.
 */
export class ActionPermissionsController implements ReactiveController {
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  error?: Error;
  /** The targets with their resolved resource types. */
  resolved: ResolvedTarget[] = [];
  /** Ids of the actions that apply to every target, in the order given. */
  offered: string[] = [];
  private readonly results = new Map<string, ActionPermission>();
  private key?: string;
  private client?: KubeClient;
  private run = 0;
  /** Aborted when the run is superseded: its queued reviews are never sent. */
  private abort?: AbortController;
  /** Keep showing the last answers while asking again, so a refresh doesn't flicker. */
  private keep = false;

  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly input: () => ActionPermissionsInput | undefined
  ) {
    host.addController(this);
  }

  /** The standing of one action; undefined when it is not offered. */
  get(id: string): ActionPermission | undefined {
    return this.results.get(id);
  }

  /** Work waits for the host's update: a framework sets properties just after connecting the element. */
  hostConnected() {
    this.connected = true;
    this.host.requestUpdate();
  }

  hostUpdate() {
    if (this.connected) this.sync();
  }

  hostDisconnected() {
    this.connected = false;
    this.key = undefined;
    this.run++;
    this.abort?.abort();
    this.abort = undefined;
  }

  /** Asks again even though nothing changed (e.g. after a role change; cached answers expire on their own). */
  refresh() {
    this.key = undefined;
    this.keep = true;
    this.host.requestUpdate();
  }

  private sync() {
    const input = this.input();
    const key = input && JSON.stringify([input.targets, input.actions.map((action) => action.id)]);
    if (key === this.key && input?.client === this.client) return;
    this.key = key;
    this.client = input?.client;
    const run = ++this.run;
    this.abort?.abort();
    this.abort = undefined;
    const keep = this.keep && this.status === 'ready';
    this.keep = false;
    if (!keep) {
      this.results.clear();
      this.offered = [];
      this.resolved = [];
      this.error = undefined;
    }
    if (!input || input.targets.length === 0) {
      this.status = 'idle';
      return;
    }
    if (!keep) this.status = 'loading';
    this.abort = new AbortController();
    void this.evaluate(input, run, this.abort.signal);
  }

  private async evaluate(input: ActionPermissionsInput, run: number, signal: AbortSignal) {
    let resolved: ResolvedTarget[];
    try {
      resolved = await Promise.all(input.targets.map((target) => resolveTarget(input.client, target)));
    } catch (error) {
      if (run !== this.run) return;
      this.status = 'error';
      this.error = error as Error;
      this.host.requestUpdate();
      return;
    }
    if (run !== this.run) return;
    let offered = input.actions.filter((action) => resolved.every((target) => action.appliesTo(target.type)));
    const object = await this.currentObject(input.client, resolved, offered, signal);
    if (run !== this.run) return;
    if (object) offered = offered.filter((action) => action.availableFor?.(object) ?? true);
    const previous = new Map(this.results);
    this.resolved = resolved;
    this.offered = offered.map((action) => action.id);
    this.results.clear();
    for (const action of offered) this.results.set(action.id, previous.get(action.id) ?? {status: 'pending', permitted: [], denied: [], total: resolved.length});
    this.host.requestUpdate();
    await Promise.all(offered.map((action) => this.evaluateAction(input.client, action, resolved, run, signal)));
    if (run !== this.run) return;
    this.status = 'ready';
    this.host.requestUpdate();
  }

  /** A single target's current state, when an offered action depends on it; undefined if unreadable. */
  private async currentObject(client: KubeClient, targets: ResolvedTarget[], offered: GatedAction[], signal: AbortSignal): Promise<KubeObject | undefined> {
    const [target] = targets;
    if (targets.length !== 1 || !target || !offered.some((action) => action.availableFor)) return undefined;
    // Bounded like a review: a server that never answers must not leave the toolbar empty.
    const read = new AbortController();
    const stop = () => read.abort();
    signal.addEventListener('abort', stop, {once: true});
    return withTimeout(client.get(target.cluster, typeRef(target.type), target, {signal: read.signal}), client.access.timeoutMs, stop)
      .catch(() => undefined)
      .finally(() => signal.removeEventListener('abort', stop));
  }

  private async evaluateAction(client: KubeClient, action: GatedAction, targets: ResolvedTarget[], run: number, signal: AbortSignal) {
    const entry: ActionPermission = {status: 'pending', permitted: [], denied: [], total: targets.length};
    try {
      const denials = await Promise.all(targets.map((target) => firstDenial(client, target, action.permissions(target.type), {signal})));
      denials.forEach((denial, index) => {
        if (denial) entry.denied.push({target: targets[index]!, denial});
        else entry.permitted.push(targets[index]!);
      });
      entry.status = 'ready';
    } catch (error) {
      entry.status = 'error';
      entry.error = error as Error;
    }
    if (run !== this.run) return;
    this.results.set(action.id, entry);
    this.host.requestUpdate();
  }
}
