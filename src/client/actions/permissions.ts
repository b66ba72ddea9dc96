import type {KubeClient} from '../kube-client.js';
import type {AccessDecision} from '../access-review.js';
import type {ResourceType} from '../types.js';
import type {ResolvedTarget} from './target.js';

/** The built-in actions, by id. */
export type BuiltinActionId =
  | 'delete'
  | 'force-delete'
  | 'labels'
  | 'annotations'
  | 'scale'
  | 'restart'
  | 'rollback'
  | 'suspend'
  | 'resume'
  | 'run-now'
  | 'cordon'
  | 'uncordon'
  | 'drain'
  | 'logs'
  | 'edit-yaml';

/**
 * One permission an action needs. Without `resource` it is on the target's own resource type;
 * `scope: 'object'` (the default) names the object, `'namespace'` asks about the target's
 * namespace as a whole, `'cluster'` about every namespace.
 */
export interface RequiredPermission {
  verb: string;
  resource?: {group: string; resource: string};
  subresource?: string;
  scope?: 'object' | 'namespace' | 'cluster';
}

/** The exact attributes one SelfSubjectAccessReview asks about. */
export interface PermissionCheck {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

const PODS = {group: '', resource: 'pods'};
const WORKLOADS_WITH_TEMPLATE = new Set(['apps/deployments', 'apps/statefulsets', 'apps/daemonsets']);
const WORKLOADS_WITH_LOGS = new Set(['/pods', 'apps/deployments', 'apps/statefulsets', 'apps/daemonsets', 'apps/replicasets', 'batch/jobs']);

const is = (type: ResourceType, group: string, resource: string) => type.group === group && type.resource === resource;

/** Whether a built-in action applies to a resource type (at all; object state aside). */
export function builtinApplies(id: BuiltinActionId, type: ResourceType): boolean {
  const key = `${type.group}/${type.resource}`;
  switch (id) {
    case 'delete':
    case 'labels':
    case 'annotations':
    case 'edit-yaml':
      return true;
    case 'force-delete':
      return is(type, '', 'pods');
    case 'scale':
      // Built-ins and custom resources alike: discovery lists the scale subresource.
      return type.subresources.includes('scale');
    case 'restart':
      return WORKLOADS_WITH_TEMPLATE.has(key);
    case 'rollback':
      return is(type, 'apps', 'deployments');
    case 'suspend':
    case 'resume':
    case 'run-now':
      return is(type, 'batch', 'cronjobs');
    case 'cordon':
    case 'uncordon':
    case 'drain':
      return is(type, '', 'nodes');
    case 'logs':
      return WORKLOADS_WITH_LOGS.has(key);
  }
}

/** What each built-in action needs, as `kubectl` would be authorized for the same change. */
export function builtinPermissions(id: BuiltinActionId, type: ResourceType): RequiredPermission[] {
  switch (id) {
    case 'delete':
    case 'force-delete':
      return [{verb: 'delete'}];
    case 'labels':
    case 'annotations':
    case 'restart':
    case 'suspend':
    case 'resume':
    case 'cordon':
    case 'uncordon':
      return [{verb: 'patch'}];
    case 'scale':
      return [{verb: 'update', subresource: 'scale'}];
    case 'rollback':
      return [{verb: 'patch'}, {verb: 'list', resource: {group: 'apps', resource: 'replicasets'}, scope: 'namespace'}];
    case 'run-now':
      return [{verb: 'get'}, {verb: 'create', resource: {group: 'batch', resource: 'jobs'}, scope: 'namespace'}];
    case 'drain':
      return [
        {verb: 'patch'},
        {verb: 'list', resource: PODS, scope: 'cluster'},
        {verb: 'create', resource: PODS, subresource: 'eviction', scope: 'cluster'},
      ];
    case 'logs':
      return is(type, '', 'pods') ? [{verb: 'get', subresource: 'log'}] : [{verb: 'get', resource: PODS, subresource: 'log', scope: 'namespace'}];
    case 'edit-yaml':
      return [{verb: 'update'}];
  }
}

/** The review attributes of one required permission for one target. */
export function permissionCheck(permission: RequiredPermission, target: ResolvedTarget): PermissionCheck {
  const resource = permission.resource ?? {group: target.type.group, resource: target.type.resource};
  const scope = permission.scope ?? 'object';
  const namespace = scope === 'cluster' ? undefined : target.namespace;
  return {
    verb: permission.verb,
    group: resource.group,
    resource: resource.resource,
    ...(permission.subresource ? {subresource: permission.subresource} : {}),
    ...(namespace ? {namespace} : {}),
    ...(scope === 'object' && !permission.resource ? {name: target.name} : {}),
  };
}

/** The first check the authorizer denies, with its decision; undefined when all are allowed. */
export interface Denial {
  check: PermissionCheck;
  decision: AccessDecision;
}

/**
 * Asks SelfSubjectAccessReview (shared and cached by the client) about every permission for
 * one target; answers with the first denial, if any. A question naming the object is first asked
 * without the name: RBAC grants nothing per name that it denies namespace-wide, so an allowed
 * namespace-wide answer covers every object there and a selection of N costs one question, not N.
 */
export async function firstDenial(client: KubeClient, target: ResolvedTarget, permissions: readonly RequiredPermission[], options: {signal?: AbortSignal} = {}): Promise<Denial | undefined> {
  const checks = permissions.map((permission) => permissionCheck(permission, target));
  const decisions = await Promise.all(checks.map((check) => decide(client, target.cluster, check, options.signal)));
  const index = decisions.findIndex((decision) => !decision.allowed);
  return index < 0 ? undefined : {check: checks[index]!, decision: decisions[index]!};
}

async function decide(client: KubeClient, cluster: string, check: PermissionCheck, signal?: AbortSignal): Promise<AccessDecision> {
  if (check.name !== undefined) {
    const {name: _, ...wide} = check;
    const decision = await client.access.review(cluster, wide, {signal});
    if (decision.allowed) return decision;
  }
  return client.access.review(cluster, check, {signal});
}
