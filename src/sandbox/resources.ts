/** The resource types the sandbox serves, described the way discovery describes them. */

export interface SubresourceDef {
  name: string;
  /** Kind of the subresource's body (Scale, Eviction, the parent kind for status). */
  kind: string;
  group: string;
  version: string;
  verbs: string[];
}

export interface ResourceDef {
  group: string;
  version: string;
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  subresources: SubresourceDef[];
  /** Key of the storage this resource reads and writes; two versions of one type share it. */
  storage: string;
  /** A different representation of the shared storage (events.k8s.io events) or a computed one (metrics). */
  representation?: 'events.k8s.io/v1' | 'metrics' | 'review';
  /** For custom resources: the CRD version, for printer columns and scale paths. */
  crdVersion?: CrdVersion;
}

export interface CrdVersion {
  name: string;
  additionalPrinterColumns?: ReadonlyArray<{name: string; type: string; jsonPath: string; priority?: number; format?: string; description?: string}>;
  subresources?: {status?: object; scale?: {specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string}};
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
/** metrics-server serves snapshots: get and list, never watch. */
const METRICS_VERBS = ['get', 'list'];
const NO_COLLECTION_DELETE = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

export function apiVersionOf(def: {group: string; version: string}): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export function storageKey(group: string, resource: string): string {
  return `${group}/${resource}`;
}

interface Spec {
  resource: string;
  kind: string;
  namespaced?: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  sub?: Array<'status' | 'scale' | 'log' | 'eviction' | 'binding' | 'ephemeralcontainers' | 'resize'>;
  storage?: string;
  representation?: ResourceDef['representation'];
}

function sub(kind: string, group: string, version: string, name: string): SubresourceDef {
  switch (name) {
    case 'status':
      return {name, kind, group, version, verbs: ['get', 'patch', 'update']};
    case 'scale':
      return {name, kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update']};
    case 'log':
      return {name, kind: 'Pod', group: '', version: 'v1', verbs: ['get']};
    case 'eviction':
      return {name, kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create']};
    case 'binding':
      return {name, kind: 'Binding', group: '', version: 'v1', verbs: ['create']};
    default:
      return {name, kind, group, version, verbs: ['get', 'patch', 'update']};
  }
}

function group(groupName: string, version: string, specs: Spec[]): ResourceDef[] {
  return specs.map((s) => ({
    group: groupName,
    version,
    resource: s.resource,
    kind: s.kind,
    singular: s.kind.toLowerCase(),
    namespaced: s.namespaced ?? true,
    verbs: s.verbs ?? ALL_VERBS,
    shortNames: s.shortNames ?? [],
    categories: s.categories ?? [],
    subresources: (s.sub ?? []).map((n) => sub(s.kind, groupName, version, n)),
    storage: s.storage ?? storageKey(groupName, s.resource),
    ...(s.representation ? {representation: s.representation} : {}),
  }));
}

/** Built-in resources, in the order kube-apiserver lists them. */
export function builtinResources(): ResourceDef[] {
  return [
    ...group('', 'v1', [
      {resource: 'configmaps', kind: 'ConfigMap', shortNames: ['cm']},
      {resource: 'endpoints', kind: 'Endpoints', shortNames: ['ep']},
      {resource: 'events', kind: 'Event', shortNames: ['ev']},
      {resource: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'], verbs: NO_COLLECTION_DELETE, sub: ['status']},
      {resource: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'], sub: ['status']},
      {resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', shortNames: ['pvc'], sub: ['status']},
      {resource: 'pods', kind: 'Pod', shortNames: ['po'], categories: ['all'], sub: ['binding', 'eviction', 'log', 'status']},
      {resource: 'secrets', kind: 'Secret'},
      {resource: 'serviceaccounts', kind: 'ServiceAccount', shortNames: ['sa']},
      {resource: 'services', kind: 'Service', shortNames: ['svc'], categories: ['all'], verbs: NO_COLLECTION_DELETE, sub: ['status']},
    ]),
    ...group('apps', 'v1', [
      {resource: 'daemonsets', kind: 'DaemonSet', shortNames: ['ds'], categories: ['all'], sub: ['status']},
      {resource: 'deployments', kind: 'Deployment', shortNames: ['deploy'], categories: ['all'], sub: ['scale', 'status']},
      {resource: 'replicasets', kind: 'ReplicaSet', shortNames: ['rs'], categories: ['all'], sub: ['scale', 'status']},
      {resource: 'statefulsets', kind: 'StatefulSet', shortNames: ['sts'], categories: ['all'], sub: ['scale', 'status']},
    ]),
    ...group('authorization.k8s.io', 'v1', [
      {resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create'], representation: 'review'},
      {resource: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: ['create'], representation: 'review'},
    ]),
    ...group('batch', 'v1', [
      {resource: 'cronjobs', kind: 'CronJob', shortNames: ['cj'], categories: ['all'], sub: ['status']},
      {resource: 'jobs', kind: 'Job', categories: ['all'], sub: ['status']},
    ]),
    ...group('events.k8s.io', 'v1', [
      {resource: 'events', kind: 'Event', shortNames: ['ev'], storage: storageKey('', 'events'), representation: 'events.k8s.io/v1'},
    ]),
    ...group('networking.k8s.io', 'v1', [{resource: 'ingresses', kind: 'Ingress', shortNames: ['ing'], sub: ['status']}]),
    ...group('policy', 'v1', [{resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', shortNames: ['pdb'], sub: ['status']}]),
    ...group('rbac.authorization.k8s.io', 'v1', [
      {resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false},
      {resource: 'clusterroles', kind: 'ClusterRole', namespaced: false},
      {resource: 'rolebindings', kind: 'RoleBinding'},
      {resource: 'roles', kind: 'Role'},
    ]),
    ...group('apiextensions.k8s.io', 'v1', [
      {resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'], sub: ['status']},
    ]),
    ...group('metrics.k8s.io', 'v1beta1', [
      {resource: 'nodes', kind: 'NodeMetrics', namespaced: false, verbs: METRICS_VERBS, storage: 'metrics.k8s.io/nodes', representation: 'metrics'},
      {resource: 'pods', kind: 'PodMetrics', verbs: METRICS_VERBS, storage: 'metrics.k8s.io/pods', representation: 'metrics'},
    ]),
  ];
}

/** Resource definitions for a CRD's served versions. */
export function crdResources(crd: {spec: CrdSpec}): ResourceDef[] {
  const {group: g, names, scope, versions} = crd.spec;
  return versions
    .filter((v) => v.served)
    .map((v) => ({
      group: g,
      version: v.name,
      resource: names.plural,
      kind: names.kind,
      singular: names.singular ?? names.kind.toLowerCase(),
      namespaced: scope === 'Namespaced',
      verbs: ALL_VERBS,
      shortNames: [...(names.shortNames ?? [])],
      categories: [...(names.categories ?? [])],
      subresources: [
        ...(v.subresources?.scale ? [sub(names.kind, g, v.name, 'scale')] : []),
        ...(v.subresources?.status ? [sub(names.kind, g, v.name, 'status')] : []),
      ],
      storage: storageKey(g, names.plural),
      crdVersion: v,
    }));
}

export interface CrdSpec {
  group: string;
  scope: string;
  names: {plural: string; singular?: string; kind: string; listKind?: string; shortNames?: readonly string[]; categories?: readonly string[]};
  versions: ReadonlyArray<CrdVersion & {served: boolean; storage: boolean}>;
}

/** Lookup of resource definitions by group/version/resource, rebuilt when CRDs change. */
export class ResourceRegistry {
  private readonly byGvr = new Map<string, ResourceDef>();
  private list: ResourceDef[] = [];
  private readonly builtins: ResourceDef[];
  private custom: ResourceDef[] = [];

  constructor() {
    this.builtins = builtinResources();
    this.rebuild();
  }

  setCustom(defs: ResourceDef[]): void {
    this.custom = defs;
    this.rebuild();
  }

  private rebuild(): void {
    this.list = [...this.builtins, ...this.custom];
    this.byGvr.clear();
    for (const d of this.list) this.byGvr.set(`${d.group}/${d.version}/${d.resource}`, d);
  }

  all(): readonly ResourceDef[] {
    return this.list;
  }

  get(group: string, version: string, resource: string): ResourceDef | undefined {
    return this.byGvr.get(`${group}/${version}/${resource}`);
  }

  /** The preferred (first served) definition for a group and resource name. */
  find(group: string, resource: string): ResourceDef | undefined {
    return this.list.find((d) => d.group === group && d.resource === resource);
  }

  byKind(apiVersion: string, kind: string): ResourceDef | undefined {
    const [g, v] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return this.list.find((d) => d.group === g && d.version === v && d.kind === kind && !d.representation);
  }

  /** Groups in discovery order, each with its versions (preferred first). */
  groups(): Array<{name: string; versions: string[]}> {
    const out = new Map<string, string[]>();
    for (const d of this.list) {
      if (!d.group) continue;
      const versions = out.get(d.group) ?? [];
      if (!versions.includes(d.version)) versions.push(d.version);
      out.set(d.group, versions);
    }
    return [...out].map(([name, versions]) => ({name, versions}));
  }
}
