/**
 * Seeds a testenv cluster (see scripts/testenv.mjs) with the objects in src/sandbox/fixtures.ts
 * plus a few workloads, idempotently (server-side apply), and waits until pods run.
 *
 *   node_modules/.bin/tsx scripts/testenv-seed.ts <ready-file.json>
 */
import {readFileSync} from 'node:fs';
import {
  ApiextensionsV1Api,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
} from '@kubernetes/client-node';
import {
  DATABASE_AGGREGATION_ROLES,
  DATABASE_CRD,
  DATABASES,
  IDENTITY_BINDINGS,
  TEAM_NAMESPACES,
} from '../src/sandbox/fixtures.js';

const FIELD_MANAGER = 'testenv-seed';
const DB_GROUP = DATABASE_CRD.spec.group;
const DB_VERSION = DATABASE_CRD.spec.versions[0].name;
const DB_PLURAL = DATABASE_CRD.spec.names.plural;

interface ReadyInfo {
  url: string;
  kubeconfig: string;
  node: string;
}

interface Workload {
  namespace: string;
  name: string;
  replicas: number;
  tier: string;
  containers: {name: string; image: string; port?: number; env?: Record<string, string>}[];
}

/** Deployments per team; `web` has two containers so `logs` without `-c` must fail. */
const WORKLOADS: Workload[] = [
  {
    namespace: 'team-a',
    name: 'web',
    replicas: 3,
    tier: 'frontend',
    containers: [
      {name: 'app', image: 'nginx:1.27-alpine', port: 8080},
      {name: 'sidecar', image: 'envoyproxy/envoy:v1.31.2', port: 9901},
    ],
  },
  {
    namespace: 'team-a',
    name: 'api',
    replicas: 2,
    tier: 'backend',
    containers: [
      {
        name: 'api',
        image: 'ghcr.io/kube-elements/orders-api:2.3.1',
        port: 8080,
        env: {LOG_FORMAT: 'json', DATABASE_HOST: 'orders-db.team-a.svc'},
      },
    ],
  },
  {
    namespace: 'team-b',
    name: 'worker',
    replicas: 2,
    tier: 'backend',
    containers: [{name: 'worker', image: 'ghcr.io/kube-elements/catalog-worker:1.8.0', env: {QUEUE: 'catalog'}}],
  },
];

function deployment(w: Workload): KubernetesObject {
  const labels = {app: w.name, tier: w.tier};
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: w.name, namespace: w.namespace, labels},
    spec: {
      replicas: w.replicas,
      selector: {matchLabels: {app: w.name}},
      template: {
        metadata: {labels},
        spec: {
          containers: w.containers.map((c) => ({
            name: c.name,
            image: c.image,
            ports: c.port ? [{containerPort: c.port, name: 'http'}] : undefined,
            env: c.env ? Object.entries(c.env).map(([name, value]) => ({name, value})) : undefined,
            resources: {requests: {cpu: '50m', memory: '64Mi'}, limits: {memory: '256Mi'}},
          })),
        },
      },
    },
  } as KubernetesObject;
}

/** Everything besides the CRD-backed objects, applied in this order. */
function objects(): KubernetesObject[] {
  const list: KubernetesObject[] = [];
  for (const ns of TEAM_NAMESPACES) {
    list.push({apiVersion: 'v1', kind: 'Namespace', metadata: {name: ns, labels: {team: ns}}});
  }
  list.push(...(DATABASE_AGGREGATION_ROLES as unknown as KubernetesObject[]));
  list.push(...(IDENTITY_BINDINGS as unknown as KubernetesObject[]));
  list.push(...WORKLOADS.map(deployment));
  list.push(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {name: 'web', namespace: 'team-a', labels: {app: 'web'}},
      spec: {selector: {app: 'web'}, ports: [{name: 'http', port: 80, targetPort: 'http'}]},
    } as KubernetesObject,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {name: 'api', namespace: 'team-a', labels: {app: 'api'}},
      spec: {selector: {app: 'api'}, ports: [{name: 'http', port: 8080, targetPort: 'http'}]},
    } as KubernetesObject,
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {name: 'web-config', namespace: 'team-a', labels: {app: 'web'}},
      data: {'nginx.conf': 'server {\n  listen 8080;\n  location / { root /usr/share/nginx/html; }\n}\n', 'greeting': 'Grüße, 世界'},
    } as KubernetesObject,
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: {name: 'web', namespace: 'team-a'},
      spec: {minAvailable: 2, selector: {matchLabels: {app: 'web'}}},
    } as KubernetesObject,
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {name: 'worker-config', namespace: 'team-b', labels: {app: 'worker'}},
      data: {'concurrency': '4'},
    } as KubernetesObject,
    // A bare pod (no controller) whose container "restarted" twice: `logs --previous` works.
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'legacy-importer',
        namespace: 'team-b',
        labels: {app: 'legacy-importer'},
        annotations: {'testenv.kube-elements.io/restarts': '2'},
      },
      spec: {containers: [{name: 'importer', image: 'ghcr.io/kube-elements/importer:0.9.0'}]},
    } as KubernetesObject,
  );
  return list;
}

async function retry<T>(what: string, fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      // Retry only what can pass with time: not-yet-served resources, conflicts, throttling, 5xx.
      const code = (e as {code?: number}).code;
      const permanent = code !== undefined && code >= 400 && code < 500 && ![404, 409, 429].includes(code);
      if (permanent || Date.now() > deadline) throw new Error(`${what}: ${(e as Error).message ?? e}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const readyPath = process.argv[2];
  if (!readyPath) throw new Error('usage: testenv-seed.ts <ready-file.json>');
  const info = JSON.parse(readFileSync(readyPath, 'utf8')) as ReadyInfo;
  const started = Date.now();
  const kc = new KubeConfig();
  kc.loadFromFile(info.kubeconfig);
  const objectsApi = KubernetesObjectApi.makeApiClient(kc);
  const crdApi = kc.makeApiClient(ApiextensionsV1Api);
  const customApi = kc.makeApiClient(CustomObjectsApi);
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);

  const apply = (obj: KubernetesObject) =>
    retry(`apply ${obj.kind} ${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`, () =>
      objectsApi.patch(obj, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply),
    );

  // The CRD first: it takes a moment to be served.
  await apply(DATABASE_CRD as unknown as KubernetesObject);
  // Pods need no nodeName: testenv binds unscheduled pods to its node, as a scheduler would.
  for (const obj of objects()) await apply(obj);

  await waitFor('the Database CRD to be Established', async () => {
    const crd = await crdApi.readCustomResourceDefinition({name: DATABASE_CRD.metadata.name});
    return !!crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
  });
  for (const db of DATABASES) {
    const obj = {
      apiVersion: `${DB_GROUP}/${DB_VERSION}`,
      kind: DATABASE_CRD.spec.names.kind,
      metadata: {name: db.name, namespace: db.namespace, labels: {app: db.name, engine: db.engine}},
      spec: {engine: db.engine, version: db.version, replicas: db.replicas, storage: '10Gi'},
    };
    // Discovery of the new group can lag behind Established by a moment; apply retries.
    const applied = await apply(obj as KubernetesObject);
    await retry(`status of database ${db.namespace}/${db.name}`, () =>
      customApi.replaceNamespacedCustomObjectStatus({
        group: DB_GROUP,
        version: DB_VERSION,
        namespace: db.namespace,
        plural: DB_PLURAL,
        name: db.name,
        body: {
          ...applied,
          status: {
            replicas: db.replicas,
            readyReplicas: db.name === 'catalog-db' ? db.replicas - 1 : db.replicas,
            selector: `app=${db.name}`,
            phase: db.name === 'catalog-db' ? 'Degraded' : 'Running',
          },
        },
      }),
    );
  }

  await waitFor('deployments to be available', async () => {
    for (const w of WORKLOADS) {
      const d = await apps.readNamespacedDeployment({name: w.name, namespace: w.namespace});
      if ((d.status?.availableReplicas ?? 0) < w.replicas || (d.status?.updatedReplicas ?? 0) < w.replicas) return false;
    }
    return true;
  });
  await waitFor('pods to be Running', async () => {
    for (const ns of TEAM_NAMESPACES) {
      const pods = await core.listNamespacedPod({namespace: ns});
      const live = pods.items.filter((p) => !p.metadata?.deletionTimestamp);
      if (live.some((p) => p.status?.phase !== 'Running' || p.spec?.nodeName !== info.node)) return false;
    }
    return true;
  });
  const pods = await core.listPodForAllNamespaces();
  console.error(
    `testenv-seed: ${pods.items.length} pods running, ${DATABASES.length} databases, in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
}

main().catch((e) => {
  console.error('testenv-seed:', e instanceof Error ? e.message : e);
  if (e?.body) console.error(typeof e.body === 'string' ? e.body : JSON.stringify(e.body));
  process.exit(1);
});
