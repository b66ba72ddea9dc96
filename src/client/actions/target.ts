import type {KubeClient} from '../kube-client.js';
import type {ResourceRef} from '../discovery.js';
import type {ObjectReference, ResourceType} from '../types.js';
import {formatApiVersion} from '../paths.js';

/** One object an action works on: a cluster, a resource type as a caller names it, a name. */
export interface ActionTarget {
  cluster: string;
  /** `Deployment`, `deployments`, `{apiVersion: 'apps/v1', kind: 'Deployment'}`, … */
  resource: ResourceRef;
  namespace?: string;
  name: string;
}

/** A target whose resource type discovery has resolved. */
export interface ResolvedTarget extends ActionTarget {
  type: ResourceType;
}

/** The target an `ObjectReference` (what a resource list selects) names. */
export function targetOf(reference: ObjectReference): ActionTarget {
  return {
    cluster: reference.cluster,
    resource: {apiVersion: reference.apiVersion, kind: reference.kind},
    namespace: reference.namespace || undefined,
    name: reference.name,
  };
}

/** A namespaced kind named without a namespace: acting on it would act cluster-wide. */
export class MissingNamespaceError extends Error {
  override readonly name = 'MissingNamespaceError';
  constructor(readonly type: ResourceType, readonly objectName: string) {
    super(`${type.kind} ${objectName} is namespaced, but no namespace was given`);
  }
}

/**
 * Resolves the target's resource type; cluster-scoped types drop any namespace given, and a
 * namespaced type without one is refused (`MissingNamespaceError`) rather than checked and
 * changed across every namespace.
 */
export async function resolveTarget(client: KubeClient, target: ActionTarget): Promise<ResolvedTarget> {
  const type = await client.resolve(target.cluster, target.resource);
  if (type.namespaced && !target.namespace) throw new MissingNamespaceError(type, target.name);
  return {...target, namespace: type.namespaced ? target.namespace : undefined, type};
}

/** The reference form of a resolved target, for events and reports. */
export function referenceOf(target: ResolvedTarget): ObjectReference {
  const {group, version, kind} = target.type;
  return {
    cluster: target.cluster,
    apiVersion: formatApiVersion(group, version),
    kind,
    ...(target.namespace ? {namespace: target.namespace} : {}),
    name: target.name,
  };
}

/** The ref that names exactly the resolved type (group and version included). */
export function typeRef(type: ResourceType): ResourceRef {
  return {group: type.group, version: type.version, resource: type.resource};
}
