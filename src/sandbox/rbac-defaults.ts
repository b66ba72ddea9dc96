import type {KubeObject} from '../client/types.js';

/** A PolicyRule as rbac.authorization.k8s.io/v1 stores it. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const AGG = 'rbac.authorization.k8s.io/aggregate-to-';
const BOOTSTRAP = {'kubernetes.io/bootstrapping': 'rbac-defaults'};
const AUTOUPDATE = {'rbac.authorization.kubernetes.io/autoupdate': 'true'};

function role(name: string, rules: PolicyRule[], labels: Record<string, string> = {}, aggregateFrom?: string): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {name, labels: {...BOOTSTRAP, ...labels}, annotations: {...AUTOUPDATE}},
    ...(aggregateFrom ? {aggregationRule: {clusterRoleSelectors: [{matchLabels: {[`${AGG}${aggregateFrom}`]: 'true'}}]}} : {}),
    rules,
  };
}

function systemBinding(name: string, roleName: string): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: {name, labels: {...BOOTSTRAP}, annotations: {...AUTOUPDATE}},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName},
    subjects: [{apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated'}],
  };
}

/**
 * The bootstrap ClusterRoles kube-apiserver ships that a UI meets: cluster-admin, the
 * aggregated admin/edit/view (filled from the aggregate-to-* roles by the aggregation
 * controller), and the discovery roles every authenticated user is bound to.
 */
export function defaultRbac(): KubeObject[] {
  return [
    role('cluster-admin', [
      {apiGroups: ['*'], resources: ['*'], verbs: ['*']},
      {nonResourceURLs: ['*'], verbs: ['*']},
    ]),
    role('admin', [], {}, 'admin'),
    role('edit', [], {[`${AGG}admin`]: 'true'}, 'edit'),
    role('view', [], {[`${AGG}edit`]: 'true'}, 'view'),
    role('system:aggregate-to-admin', [
      {apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch']},
      {apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create']},
      {apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'], verbs: [...WRITE, ...READ].sort()},
    ], {[`${AGG}admin`]: 'true'}),
    role('system:aggregate-to-edit', [
      {apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], verbs: READ},
      {apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate']},
      {apiGroups: [''], resources: ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], verbs: WRITE},
      {apiGroups: [''], resources: ['pods/eviction'], verbs: ['create']},
      {apiGroups: [''], resources: ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], verbs: WRITE},
      {apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create']},
      {apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], verbs: WRITE},
      {apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE},
      {apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: WRITE},
      {apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE},
      {apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE},
      {apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [...WRITE, ...READ].sort()},
    ], {[`${AGG}edit`]: 'true'}),
    role('system:aggregate-to-view', [
      {apiGroups: [''], resources: ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], verbs: READ},
      {apiGroups: [''], resources: ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], verbs: READ},
      {apiGroups: [''], resources: ['namespaces'], verbs: READ},
      {apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ},
      {apiGroups: ['apps'], resources: ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], verbs: READ},
      {apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], verbs: READ},
      {apiGroups: ['batch'], resources: ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], verbs: READ},
      {apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingresses/status', 'networkpolicies'], verbs: READ},
      {apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'], verbs: READ},
    ], {[`${AGG}view`]: 'true'}),
    // metrics-server ships this role so that view/edit/admin may read metrics.
    role('system:aggregated-metrics-reader', [{apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: READ}], {
      [`${AGG}view`]: 'true',
      [`${AGG}edit`]: 'true',
      [`${AGG}admin`]: 'true',
    }),
    role('system:discovery', [
      {nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get']},
    ]),
    role('system:basic-user', [
      {apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create']},
      {apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create']},
    ]),
    role('system:public-info-viewer', [
      {nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get']},
    ]),
    systemBinding('system:discovery', 'system:discovery'),
    systemBinding('system:basic-user', 'system:basic-user'),
    systemBinding('system:public-info-viewer', 'system:public-info-viewer'),
  ];
}
