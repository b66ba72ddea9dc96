import type {ResourceType} from './types.js';
import {ResourceRegistry} from './discovery.js';

/** What every server serves for these; `deletecollection` too, for all but namespaces and (before 1.31) services. */
const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const WITH_COLLECTION = [...VERBS, 'deletecollection'];

/** [plural, kind, short names, namespaced, verbs] */
const CORE: Array<[string, string, string[], boolean, string[]?]> = [
  ['pods', 'Pod', ['po'], true],
  ['services', 'Service', ['svc'], true, VERBS],
  ['configmaps', 'ConfigMap', ['cm'], true],
  ['secrets', 'Secret', [], true],
  ['namespaces', 'Namespace', ['ns'], false, VERBS],
  ['nodes', 'Node', ['no'], false],
  ['events', 'Event', ['ev'], true],
  ['persistentvolumeclaims', 'PersistentVolumeClaim', ['pvc'], true],
  ['persistentvolumes', 'PersistentVolume', ['pv'], false],
  ['serviceaccounts', 'ServiceAccount', ['sa'], true],
  ['replicationcontrollers', 'ReplicationController', ['rc'], true],
  ['resourcequotas', 'ResourceQuota', ['quota'], true],
  ['limitranges', 'LimitRange', ['limits'], true],
];

/**
 * The core group's everyday resources (`/api/v1`), which the Kubernetes API has served under
 * these names since 1.0: a list of pods can be asked for before `/api` answers. Only where a
 * list starts — discovery still runs, and its own description (verbs and subresources as the
 * server has them) replaces these as soon as it answers.
 */
export const wellKnownCore = new ResourceRegistry(
  CORE.map(([resource, kind, shortNames, namespaced, verbs = WITH_COLLECTION]): ResourceType => ({
    group: '',
    version: 'v1',
    resource,
    kind,
    singular: kind.toLowerCase(),
    shortNames,
    namespaced,
    verbs,
    categories: [],
    subresources: [],
  }))
);
