import type {KubeClient} from '../kube-client.js';
import type {KubeObject} from '../types.js';
import {KubeApiError} from '../errors.js';
import {typeRef, type ResolvedTarget} from './target.js';

const REVISION = 'deployment.kubernetes.io/revision';
/** The label the controller adds to each ReplicaSet's template; not part of the deployment's. */
const POD_TEMPLATE_HASH = 'pod-template-hash';

type Template = {metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>}; spec?: unknown};
type Deployment = KubeObject<{template?: Template}>;
type ReplicaSet = KubeObject<{template?: Template; replicas?: number}>;

/** One revision of a deployment: its ReplicaSet and the pod template it ran. */
export interface DeploymentRevision {
  revision: number;
  replicaSet: string;
  template: Template;
  created?: string;
}

/** The deployment's revisions, newest first, from the ReplicaSets it owns. */
export async function deploymentRevisions(client: KubeClient, target: ResolvedTarget, signal?: AbortSignal): Promise<{deployment: Deployment; revisions: DeploymentRevision[]}> {
  const deployment = await client.get<Deployment>(target.cluster, typeRef(target.type), target, {signal});
  const sets = await client.listAll<ReplicaSet>(target.cluster, {group: 'apps', resource: 'replicasets'}, {namespace: target.namespace, signal});
  const uid = deployment.metadata.uid;
  const revisions = sets.items
    .filter((rs) => rs.metadata.ownerReferences?.some((owner) => owner.uid === uid && owner.controller))
    .map((rs) => ({
      revision: Number(rs.metadata.annotations?.[REVISION] ?? 0),
      replicaSet: rs.metadata.name ?? '',
      template: withoutHash(rs.spec?.template ?? {}),
      created: rs.metadata.creationTimestamp,
    }))
    .filter((entry) => entry.revision > 0)
    .sort((a, b) => b.revision - a.revision);
  return {deployment, revisions};
}

/**
 * `kubectl rollout undo`: puts an earlier revision's pod template back on the deployment (the
 * controller then rolls to it and gives it the next revision number). `toRevision` 0 or unset
 * means the one before the current.
 */
export async function rollbackDeployment(client: KubeClient, target: ResolvedTarget, options: {toRevision?: number; signal?: AbortSignal} = {}): Promise<{revision: number; deployment: KubeObject}> {
  for (let attempt = 1; ; attempt++) {
    const {deployment, revisions} = await deploymentRevisions(client, target, options.signal);
    // Like kubectl: "previous" is the second-newest ReplicaSet revision.
    const chosen = options.toRevision ? revisions.find((entry) => entry.revision === options.toRevision) : revisions[1];
    if (!chosen) {
      throw new RangeError(options.toRevision ? `Revision ${options.toRevision} of ${target.name} was not found` : `${target.name} has no earlier revision to roll back to`);
    }
    try {
      // The generation test fails (422) when the spec changed since it was read; status writes don't count.
      const patched = await client.patch(
        target.cluster,
        typeRef(target.type),
        target,
        [
          {op: 'test', path: '/metadata/generation', value: deployment.metadata.generation},
          {op: 'replace', path: '/spec/template', value: chosen.template},
        ],
        {type: 'json', signal: options.signal}
      );
      return {revision: chosen.revision, deployment: patched};
    } catch (error) {
      if (!(error instanceof KubeApiError && error.code === 422) || attempt >= 3) throw error;
    }
  }
}

function withoutHash(template: Template): Template {
  const copy = structuredClone(template);
  if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH];
  return copy;
}
