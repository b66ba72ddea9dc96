/**
 * Objects both test clusters are seeded with — the in-memory sandbox and the real API server
 * in testenv/ — so the contract suite can assert the same answers against either.
 * Plain data only: no imports, usable from the browser, Node and the testenv seed script.
 */

/** Namespaces every seeded cluster has, besides `default` and `kube-system`. */
export const TEAM_NAMESPACES = ['team-a', 'team-b'] as const;

/** Bearer tokens of the three seeded identities, and the user name each authenticates as. */
export const IDENTITIES = {
  admin: {token: 'sandbox-admin', user: 'sandbox-admin'},
  developer: {token: 'sandbox-developer', user: 'sandbox-developer'},
  viewer: {token: 'sandbox-viewer', user: 'sandbox-viewer'},
} as const;

/** A namespaced custom resource with printer columns and a scale subresource. */
export const DATABASE_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {name: 'databases.sandbox.kube-elements.io'},
  spec: {
    group: 'sandbox.kube-elements.io',
    scope: 'Namespaced',
    names: {
      plural: 'databases',
      singular: 'database',
      kind: 'Database',
      listKind: 'DatabaseList',
      shortNames: ['db'],
      categories: ['all'],
    },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  engine: {type: 'string', enum: ['postgres', 'mysql', 'redis']},
                  version: {type: 'string'},
                  replicas: {type: 'integer', minimum: 0},
                  storage: {type: 'string'},
                },
              },
              status: {
                type: 'object',
                properties: {
                  replicas: {type: 'integer'},
                  readyReplicas: {type: 'integer'},
                  selector: {type: 'string'},
                  phase: {type: 'string'},
                },
              },
            },
          },
        },
        subresources: {
          status: {},
          scale: {
            specReplicasPath: '.spec.replicas',
            statusReplicasPath: '.status.replicas',
            labelSelectorPath: '.status.selector',
          },
        },
        additionalPrinterColumns: [
          {name: 'Engine', type: 'string', jsonPath: '.spec.engine'},
          {name: 'Version', type: 'string', jsonPath: '.spec.version'},
          {name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas'},
          {name: 'Ready', type: 'integer', jsonPath: '.status.readyReplicas'},
          {name: 'Phase', type: 'string', jsonPath: '.status.phase'},
          {name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp'},
        ],
      },
    ],
  },
} as const;

/** Database objects seeded in the team namespaces. */
export const DATABASES = [
  {namespace: 'team-a', name: 'orders-db', engine: 'postgres', version: '16.4', replicas: 3},
  {namespace: 'team-a', name: 'sessions', engine: 'redis', version: '7.4', replicas: 1},
  {namespace: 'team-b', name: 'catalog-db', engine: 'mysql', version: '8.4', replicas: 2},
] as const;

/**
 * RBAC mirroring the three identities, using the default aggregated ClusterRoles
 * (`cluster-admin`, `edit`, `view`) that both kube-apiserver and the sandbox ship.
 */
export const IDENTITY_BINDINGS = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: {name: 'sandbox-admin'},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin'},
    subjects: [{apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'sandbox-admin'}],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: {name: 'sandbox-viewer'},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view'},
    subjects: [{apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'sandbox-viewer'}],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: {name: 'sandbox-developer-edit', namespace: 'team-a'},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit'},
    subjects: [{apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'sandbox-developer'}],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: {name: 'sandbox-developer-view', namespace: 'team-b'},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view'},
    subjects: [{apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'sandbox-developer'}],
  },
] as const;

/**
 * Aggregation label that lets the Database CRD be read by `view` and written by `edit`,
 * as a real cluster operator would add for a custom resource.
 */
export const DATABASE_AGGREGATION_ROLES = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name: 'databases-view',
      labels: {'rbac.authorization.k8s.io/aggregate-to-view': 'true'},
    },
    rules: [{apiGroups: ['sandbox.kube-elements.io'], resources: ['databases'], verbs: ['get', 'list', 'watch']}],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name: 'databases-edit',
      labels: {'rbac.authorization.k8s.io/aggregate-to-edit': 'true'},
    },
    rules: [
      {
        apiGroups: ['sandbox.kube-elements.io'],
        resources: ['databases', 'databases/scale'],
        verbs: ['create', 'delete', 'deletecollection', 'patch', 'update'],
      },
    ],
  },
] as const;
