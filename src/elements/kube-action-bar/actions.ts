import {msg} from '@lit/localize';
import type {KubeClient} from '../../client/kube-client.js';
import type {KubeObject, ObjectReference, ResourceType} from '../../client/types.js';
import {
  builtinApplies,
  builtinPermissions,
  deleteTarget,
  drainNode,
  patchMetadata,
  restartTarget,
  rollbackDeployment,
  runCronJobNow,
  scaleTarget,
  setCronJobSuspended,
  setNodeUnschedulable,
  type BuiltinActionId,
  type DrainOptions,
  type DrainReport,
  type MetadataChanges,
  type RequiredPermission,
  type ResolvedTarget,
} from '../../client/actions/index.js';
import {KubeOpenLogsEvent} from '../../events/open-logs-event.js';
import {KubeEditYamlEvent} from './events.js';

/** What an action's handler gets, once per permitted target. */
export interface KubeActionContext {
  client: KubeClient;
  target: ResolvedTarget;
  reference: ObjectReference;
  /** The value the user entered in the action's dialog, if it asks for one. */
  input?: unknown;
  /** Not aborted when the bar leaves the page: an action once sent runs to its end. */
  signal: AbortSignal;
  /** The bar, to dispatch events from. */
  host: HTMLElement;
}

/** The value an action asks for before it runs. */
export type KubeActionInput = 'replicas' | 'labels' | 'annotations' | 'revision' | 'drain';

/** An action the bar offers — built in, or registered by the host. */
export interface KubeActionDefinition {
  id: string;
  /** A function, so a locale change shows the new language. */
  label: string | (() => string);
  /** A short glyph shown before the label (hidden from assistive technology). */
  icon?: string;
  /** Kinds or plural resource names it applies to (`Deployment`, `deployments`); all when unset. */
  kinds?: readonly string[];
  /** A finer test than `kinds`. */
  appliesTo?: (type: ResourceType) => boolean;
  /** What it needs on each object; every object is checked with SelfSubjectAccessReview. */
  permissions: readonly RequiredPermission[] | ((type: ResourceType) => readonly RequiredPermission[]);
  /** Confirms first and gives the undo window. */
  destructive?: boolean;
  /** Confirming means typing the object's name (namespaces, nodes). */
  confirmByName?: (type: ResourceType) => boolean;
  input?: KubeActionInput;
  /** Offered for a selection of several objects; true unless set. */
  bulk?: boolean;
  /** Fires an event instead of changing anything: no inline result. */
  quiet?: boolean;
  /** Whether it makes sense for the object's current state; asked when the bar acts on one object. */
  availableFor?: (object: KubeObject) => boolean;
  handler(context: KubeActionContext): unknown;
}

/** Drain left pods behind, or stopped before evicting any: the report says which, and why. */
export class DrainIncompleteError extends Error {
  override readonly name = 'DrainIncompleteError';
  constructor(readonly report: DrainReport) {
    super(report.blocked.length ? `${report.blocked.length} pod(s) on ${report.node} need a drain option` : `${report.failed.length} pod(s) on ${report.node} could not be evicted`);
  }
}

const suspended = (object: KubeObject) => (object.spec as {suspend?: boolean} | undefined)?.suspend === true;
const unschedulable = (object: KubeObject) => (object.spec as {unschedulable?: boolean} | undefined)?.unschedulable === true;

const typeNamedByHand = (type: ResourceType) => (type.group === '' && (type.resource === 'namespaces' || type.resource === 'nodes'));

function builtin(id: BuiltinActionId, definition: Omit<KubeActionDefinition, 'id' | 'permissions' | 'appliesTo'>): KubeActionDefinition {
  return {id, appliesTo: (type) => builtinApplies(id, type), permissions: (type) => builtinPermissions(id, type), ...definition};
}

/** The built-in actions, in the order the bar shows them. */
export function builtinActions(): KubeActionDefinition[] {
  return [
    builtin('logs', {label: () => msg('Logs', {id: 'kube.actionBar.logs'}), icon: '≡', bulk: false, quiet: true, handler: ({host, reference}) => host.dispatchEvent(new KubeOpenLogsEvent(reference))}),
    builtin('scale', {label: () => msg('Scale', {id: 'kube.actionBar.scale'}), icon: '⇅', input: 'replicas', handler: ({client, target, input, signal}) => scaleTarget(client, target, input as number, signal)}),
    builtin('restart', {label: () => msg('Restart', {id: 'kube.actionBar.restart'}), icon: '↻', destructive: true, handler: ({client, target, signal}) => restartTarget(client, target, {signal})}),
    builtin('rollback', {label: () => msg('Roll back', {id: 'kube.actionBar.rollback'}), icon: '↶', destructive: true, bulk: false, input: 'revision', handler: ({client, target, input, signal}) => rollbackDeployment(client, target, {toRevision: (input as number | undefined) || undefined, signal})}),
    builtin('suspend', {label: () => msg('Suspend', {id: 'kube.actionBar.suspend'}), icon: '‖', availableFor: (object) => !suspended(object), handler: ({client, target, signal}) => setCronJobSuspended(client, target, true, signal)}),
    builtin('resume', {label: () => msg('Resume', {id: 'kube.actionBar.resume'}), icon: '▶', availableFor: suspended, handler: ({client, target, signal}) => setCronJobSuspended(client, target, false, signal)}),
    builtin('run-now', {label: () => msg('Run now', {id: 'kube.actionBar.runNow'}), icon: '»', handler: ({client, target, signal}) => runCronJobNow(client, target, {signal})}),
    builtin('cordon', {label: () => msg('Cordon', {id: 'kube.actionBar.cordon'}), icon: '⊘', availableFor: (object) => !unschedulable(object), handler: ({client, target, signal}) => setNodeUnschedulable(client, target, true, signal)}),
    builtin('uncordon', {label: () => msg('Uncordon', {id: 'kube.actionBar.uncordon'}), icon: '⊙', availableFor: unschedulable, handler: ({client, target, signal}) => setNodeUnschedulable(client, target, false, signal)}),
    builtin('drain', {
      label: () => msg('Drain', {id: 'kube.actionBar.drain'}),
      icon: '⇣',
      destructive: true,
      confirmByName: typeNamedByHand,
      input: 'drain',
      handler: async ({client, target, input, signal}) => {
        const report = await drainNode(client, target, {...(input as Pick<DrainOptions, 'force' | 'deleteEmptyDirData'> | undefined), signal});
        if (report.blocked.length || report.failed.length) throw new DrainIncompleteError(report);
        return report;
      },
    }),
    builtin('labels', {label: () => msg('Edit labels', {id: 'kube.actionBar.labels'}), icon: '#', input: 'labels', handler: ({client, target, input, signal}) => patchMetadata(client, target, 'labels', input as MetadataChanges, signal)}),
    builtin('annotations', {label: () => msg('Edit annotations', {id: 'kube.actionBar.annotations'}), icon: '✎', input: 'annotations', handler: ({client, target, input, signal}) => patchMetadata(client, target, 'annotations', input as MetadataChanges, signal)}),
    builtin('edit-yaml', {label: () => msg('Edit YAML', {id: 'kube.actionBar.editYaml'}), icon: '{}', bulk: false, quiet: true, handler: ({host, reference}) => host.dispatchEvent(new KubeEditYamlEvent(reference))}),
    builtin('force-delete', {label: () => msg('Force delete', {id: 'kube.actionBar.forceDelete'}), icon: '⚠', destructive: true, handler: ({client, target, signal}) => deleteTarget(client, target, {force: true, signal})}),
    builtin('delete', {label: () => msg('Delete', {id: 'kube.actionBar.delete'}), icon: '✕', destructive: true, confirmByName: typeNamedByHand, handler: ({client, target, signal}) => deleteTarget(client, target, {signal})}),
  ];
}

/** Whether a definition applies to a resource type, by `kinds` and `appliesTo`. */
export function definitionApplies(definition: KubeActionDefinition, type: ResourceType): boolean {
  if (definition.kinds?.length) {
    const names = new Set(definition.kinds.map((kind) => kind.toLowerCase()));
    if (!names.has(type.kind.toLowerCase()) && !names.has(type.resource) && !names.has(`${type.resource}.${type.group}`)) return false;
  }
  return definition.appliesTo?.(type) ?? true;
}

export function definitionPermissions(definition: KubeActionDefinition, type: ResourceType): readonly RequiredPermission[] {
  return typeof definition.permissions === 'function' ? definition.permissions(type) : definition.permissions;
}

export function labelOf(definition: KubeActionDefinition): string {
  return typeof definition.label === 'function' ? definition.label() : definition.label;
}
