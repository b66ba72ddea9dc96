import type {KubeObject} from '../client/types.js';
import type {SandboxCluster} from './cluster.js';
import {DATABASE_AGGREGATION_ROLES, DATABASE_CRD, DATABASES, IDENTITY_BINDINGS} from './fixtures.js';
import {defaultRbac} from './rbac-defaults.js';
import {BEHAVIOUR} from './controllers.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- builders write open spec */
type Any = any;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const labelsFor = (app: string, extra: Record<string, string> = {}) => ({app, 'app.kubernetes.io/name': app, ...extra});

function container(name: string, image: string, extra: {port?: number; command?: string[]} = {}): Any {
  const {port, ...rest} = extra;
  return {name, image, ...(port ? {ports: [{containerPort: port, protocol: 'TCP'}]} : {}), resources: {requests: {cpu: '50m', memory: '64Mi'}, limits: {memory: '256Mi'}}, ...rest};
}

function podTemplate(app: string, containers: Any[], annotations: Record<string, string> = {}): Any {
  return {metadata: {labels: labelsFor(app), ...(Object.keys(annotations).length ? {annotations} : {})}, spec: {containers: JSON.parse(JSON.stringify(containers))}};
}

const build = {
  namespace: (name: string, labels: Record<string, string> = {}): KubeObject => ({apiVersion: 'v1', kind: 'Namespace', metadata: {name, labels}}),
  node: (name: string, ip: string, role: string | undefined, zone: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': 'amd64', 'topology.kubernetes.io/zone': zone, ...(role ? {[`node-role.kubernetes.io/${role}`]: ''} : {})},
      annotations: {'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true'},
    },
    spec: {podCIDR: `10.244.${ip.split('.')[3]}.0/24`, podCIDRs: [`10.244.${ip.split('.')[3]}.0/24`], providerID: `sandbox://${name}`, ...(role === 'control-plane' ? {taints: [{key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'}]} : {})},
    status: {
      capacity: {cpu: '8', 'ephemeral-storage': '102626232Ki', memory: '32863252Ki', pods: '110'},
      allocatable: {cpu: '8', 'ephemeral-storage': '102626232Ki', memory: '32760852Ki', pods: '110'},
      conditions: [
        {type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available'},
        {type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure'},
        {type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available'},
        {type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status'},
      ],
      addresses: [{type: 'InternalIP', address: ip}, {type: 'Hostname', address: name}],
      daemonEndpoints: {kubeletEndpoint: {Port: 10250}},
      nodeInfo: {machineID: name.replace(/-/g, ''), systemUUID: name, bootID: name, kernelVersion: '6.8.0-45-generic', osImage: 'Ubuntu 24.04.1 LTS', containerRuntimeVersion: 'containerd://2.1.4', kubeletVersion: 'v1.34.1', kubeProxyVersion: 'v1.34.1', operatingSystem: 'linux', architecture: 'amd64'},
    },
  }),
  deployment: (ns: string, name: string, replicas: number, containers: Any[], annotations: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name, namespace: ns, labels: labelsFor(name)},
    spec: {replicas, selector: {matchLabels: {app: name}}, template: podTemplate(name, containers, annotations)},
  }),
  statefulSet: (ns: string, name: string, replicas: number, containers: Any[]): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {name, namespace: ns, labels: labelsFor(name)},
    spec: {replicas, serviceName: name, podManagementPolicy: 'OrderedReady', selector: {matchLabels: {app: name}}, template: podTemplate(name, containers)},
  }),
  daemonSet: (ns: string, name: string, containers: Any[]): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {name, namespace: ns, labels: labelsFor(name)},
    spec: {selector: {matchLabels: {app: name}}, template: {...podTemplate(name, containers), spec: {containers, tolerations: [{operator: 'Exists'}]}}},
  }),
  service: (ns: string, name: string, port: number, extra: Any = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {name, namespace: ns, labels: labelsFor(name)},
    spec: {selector: {app: name}, ports: [{name: 'http', port, targetPort: port, protocol: 'TCP'}], ...extra},
  }),
  configMap: (ns: string, name: string, data: Record<string, string>): KubeObject => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: ns}, data}),
  secret: (ns: string, name: string, stringData: Record<string, string>, type = 'Opaque'): KubeObject => ({apiVersion: 'v1', kind: 'Secret', metadata: {name, namespace: ns}, type, stringData}),
  job: (ns: string, name: string, image: string): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {name, namespace: ns, labels: labelsFor(name)},
    spec: {completions: 1, backoffLimit: 4, template: {metadata: {labels: labelsFor(name)}, spec: {restartPolicy: 'Never', containers: [container(name, image, {command: ['sh', '-c', 'run-migrations']})]}}},
  }),
  cronJob: (ns: string, name: string, schedule: string, image: string): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {name, namespace: ns, labels: labelsFor(name)},
    spec: {schedule, jobTemplate: {metadata: {labels: labelsFor(name)}, spec: {template: {metadata: {labels: labelsFor(name)}, spec: {restartPolicy: 'OnFailure', containers: [container(name, image)]}}}}},
  }),
  pdb: (ns: string, name: string, app: string, minAvailable: number): KubeObject => ({apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: {name, namespace: ns}, spec: {minAvailable, selector: {matchLabels: {app}}}}),
  ingress: (ns: string, name: string, host: string, service: string): KubeObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {name, namespace: ns},
    spec: {ingressClassName: 'nginx', rules: [{host, http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: service, port: {number: 80}}}}]}}], tls: [{hosts: [host], secretName: `${name}-tls`}]},
    status: {loadBalancer: {ingress: [{ip: '172.18.0.100'}]}},
  }),
  pvc: (ns: string, name: string, size: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {name, namespace: ns},
    spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: size}}, storageClassName: 'standard', volumeName: `pvc-${name}`},
    status: {phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: {storage: size}},
  }),
  database: (d: (typeof DATABASES)[number]): KubeObject => ({
    apiVersion: `${DATABASE_CRD.spec.group}/v1`,
    kind: 'Database',
    metadata: {name: d.name, namespace: d.namespace, labels: {app: d.name}},
    spec: {engine: d.engine, version: d.version, replicas: d.replicas, storage: '10Gi'},
    status: {replicas: d.replicas, readyReplicas: d.replicas, selector: `app=${d.name}`, phase: 'Running'},
  }),
};

function createAll(cluster: SandboxCluster, objects: KubeObject[]): void {
  for (const obj of objects) {
    cluster.create(structuredClone(obj));
    // Spread creation times a little, as objects applied by hand would be.
    cluster.simulation.step(cluster.random.int(200, 3000));
  }
}

/** Moves the clock forward without replaying what would have happened in between. */
function jumpTo(cluster: SandboxCluster, at: number): void {
  cluster.clock.advance(at - cluster.clock.now());
  for (const p of cluster.simulation.periodic) p.next = (Math.floor(cluster.clock.now() / p.every) + 1) * p.every;
}

/** Objects every sandbox cluster shares: namespaces, RBAC, the Database CRD and its objects. */
function seedCommon(cluster: SandboxCluster, namespaces: string[]): void {
  for (const obj of defaultRbac()) cluster.create(structuredClone(obj));
  for (const obj of DATABASE_AGGREGATION_ROLES) cluster.create(structuredClone(obj) as unknown as KubeObject);
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', ...namespaces]) {
    cluster.create(build.namespace(ns));
    cluster.create({apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: 'default', namespace: ns}});
    cluster.create(build.configMap(ns, 'kube-root-ca.crt', {'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIBsandbox\n-----END CERTIFICATE-----\n'}));
  }
  for (const obj of IDENTITY_BINDINGS) cluster.create(structuredClone(obj) as unknown as KubeObject);
  cluster.create({apiVersion: 'v1', kind: 'Service', metadata: {name: 'kubernetes', namespace: 'default', labels: {component: 'apiserver', provider: 'kubernetes'}}, spec: {clusterIP: `${cluster.api.clusterIpBase}.1`, ports: [{name: 'https', port: 443, targetPort: 6443, protocol: 'TCP'}]}});
  cluster.create(structuredClone(DATABASE_CRD) as unknown as KubeObject);
}

/** The first, richer cluster: four team/system namespaces, four nodes, many workloads. */
export function seedPrimary(cluster: SandboxCluster, epoch: number): void {
  jumpTo(cluster, epoch - 42 * DAY);
  seedCommon(cluster, ['team-a', 'team-b', 'monitoring']);
  createAll(cluster, [
    build.node('sandbox-control-plane', '172.18.0.2', 'control-plane', 'zone-a'),
    build.node('sandbox-worker', '172.18.0.3', undefined, 'zone-a'),
    build.node('sandbox-worker2', '172.18.0.4', undefined, 'zone-b'),
    build.node('sandbox-worker3', '172.18.0.5', undefined, 'zone-c'),
  ]);
  createAll(cluster, [
    build.deployment('kube-system', 'coredns', 2, [container('coredns', 'registry.k8s.io/coredns/coredns:v1.12.1', {port: 53})]),
    build.service('kube-system', 'kube-dns', 53),
    build.daemonSet('kube-system', 'kube-proxy', [container('kube-proxy', 'registry.k8s.io/kube-proxy:v1.34.1')]),
  ]);
  cluster.simulation.step(30_000);
  jumpTo(cluster, epoch - 9 * DAY);
  createAll(cluster, [
    build.deployment('team-a', 'web', 3, [container('nginx', 'nginx:1.27.2', {port: 80})]),
    build.service('team-a', 'web', 80),
    build.pdb('team-a', 'web', 'web', 3),
    build.ingress('team-a', 'web', 'shop.sandbox.example', 'web'),
    build.deployment('team-a', 'api', 2, [container('api', 'ghcr.io/kube-elements/demo-api:2.4.1', {port: 8080}), container('envoy', 'envoyproxy/envoy:v1.31.2', {port: 9901})]),
    build.service('team-a', 'api', 8080),
    build.statefulSet('team-a', 'redis', 2, [container('redis', 'redis:7.4', {port: 6379})]),
    build.service('team-a', 'redis', 6379, {clusterIP: 'None'}),
    build.pvc('team-a', 'data-redis-0', '1Gi'),
    build.pvc('team-a', 'data-redis-1', '1Gi'),
    build.configMap('team-a', 'app-config', {'LOG_LEVEL': 'info', 'FEATURE_FLAGS': 'checkout-v2,dark-mode', 'greeting.txt': 'こんにちは 👋'}),
    build.secret('team-a', 'api-credentials', {username: 'api', password: 's3cr3t'}),
    build.deployment('team-b', 'catalog', 2, [container('catalog', 'ghcr.io/kube-elements/catalog:1.9.0', {port: 8080})]),
    build.service('team-b', 'catalog', 8080),
    build.deployment('team-b', 'frontend', 2, [container('frontend', 'node:22-alpine', {port: 3000})]),
    build.service('team-b', 'frontend', 80, {type: 'LoadBalancer'}),
    build.configMap('team-b', 'frontend-config', {API_URL: 'http://catalog:8080'}),
    build.deployment('monitoring', 'prometheus', 1, [container('prometheus', 'prom/prometheus:v3.0.1', {port: 9090}), container('config-reloader', 'quay.io/prometheus-operator/prometheus-config-reloader:v0.78.1')]),
    build.service('monitoring', 'prometheus', 9090),
    build.daemonSet('monitoring', 'node-exporter', [container('node-exporter', 'prom/node-exporter:v1.8.2', {port: 9100})]),
    build.deployment('monitoring', 'grafana', 1, [container('grafana', 'grafana/grafana:11.3.0', {port: 3000})]),
    build.service('monitoring', 'grafana', 3000, {type: 'NodePort'}),
  ]);
  for (const d of DATABASES) cluster.create(build.database(d));
  cluster.simulation.step(60_000);
  jumpTo(cluster, epoch - 3 * HOUR);
  createAll(cluster, [
    build.job('team-a', 'db-migrate', 'ghcr.io/kube-elements/demo-api:2.4.1'),
    build.cronJob('team-a', 'nightly-report', '*/5 * * * *', 'busybox:1.37'),
    build.deployment('team-b', 'recommender', 1, [container('recommender', 'ghcr.io/kube-elements/recommender:0.3.0')], {[BEHAVIOUR]: 'crashloop'}),
    build.deployment('team-b', 'legacy-importer', 1, [container('importer', 'registry.example.com/legacy/importer:does-not-exist')], {[BEHAVIOUR]: 'imagepull'}),
  ]);
  cluster.simulation.step(90_000);
  jumpTo(cluster, epoch - 10 * MINUTE);
  // Recent activity: a scale-up whose events are still fresh.
  const web = cluster.get('apps/v1', 'Deployment', 'team-a', 'web') as Any;
  cluster.update({...web, spec: {...web.spec, replicas: 4}, metadata: {...web.metadata, resourceVersion: undefined}});
  cluster.simulation.step(60_000);
  jumpTo(cluster, epoch);
}

/** The second cluster: smaller, different workloads. */
export function seedEdge(cluster: SandboxCluster, epoch: number, index: number): void {
  jumpTo(cluster, epoch - 15 * DAY);
  seedCommon(cluster, ['team-a', 'team-b', 'edge']);
  createAll(cluster, [build.node(`${cluster.name}-node`, `172.19.${index}.2`, 'control-plane', 'edge-1'), build.node(`${cluster.name}-node2`, `172.19.${index}.3`, undefined, 'edge-1')]);
  createAll(cluster, [
    build.deployment('kube-system', 'coredns', 1, [container('coredns', 'registry.k8s.io/coredns/coredns:v1.12.1', {port: 53})]),
    build.deployment('edge', 'gateway', 2, [container('gateway', 'traefik:v3.2', {port: 80})]),
    build.service('edge', 'gateway', 80, {type: 'LoadBalancer'}),
    build.deployment('edge', 'sensor-collector', 1, [container('collector', 'ghcr.io/kube-elements/collector:0.8.0', {port: 4317})]),
    build.statefulSet('edge', 'timeseries', 1, [container('influxdb', 'influxdb:2.7')]),
    build.cronJob('edge', 'sync-upstream', '*/10 * * * *', 'curlimages/curl:8.11.0'),
    build.deployment('team-a', 'edge-cache', 1, [container('varnish', 'varnish:7.6', {port: 80})]),
  ]);
  for (const d of DATABASES) cluster.create(build.database(d));
  cluster.simulation.step(60_000);
  jumpTo(cluster, epoch);
}

/**
 * Seeds `count` extra Running pods in namespace `load`, written straight to storage in one pass
 * (no controllers, no per-pod simulation) so 30,000 take well under a second or two.
 */
export function seedLoad(cluster: SandboxCluster, count: number): void {
  if (count <= 0) return;
  if (!cluster.get('v1', 'Namespace', undefined, 'load')) cluster.create(build.namespace('load', {purpose: 'scale-testing'}));
  const nodes = cluster.list('v1', 'Node').map((n) => n.metadata.name!);
  const storage = cluster.registry.get('', 'v1', 'pods')!.storage;
  const now = cluster.clock.now();
  const width = String(count - 1).length;
  for (let i = 0; i < count; i++) {
    const app = `load-${i % 50}`;
    const created = cluster.clock.iso(now - (1 + (i % 1440)) * MINUTE);
    const ip = `10.${100 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`;
    const node = nodes[i % nodes.length] ?? 'sandbox-worker';
    const name = `${app}-${String(i).padStart(width, '0')}`;
    cluster.store.put(
      storage,
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {name, namespace: 'load', uid: cluster.random.uuid(), creationTimestamp: created, labels: {app, tier: i % 3 === 0 ? 'frontend' : 'backend'}},
        spec: {nodeName: node, restartPolicy: 'Always', terminationGracePeriodSeconds: 30, containers: [{name: 'app', image: 'registry.k8s.io/pause:3.10'}]},
        status: {
          phase: 'Running',
          podIP: ip,
          podIPs: [{ip}],
          hostIP: '172.18.0.3',
          startTime: created,
          conditions: [{type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: created}],
          containerStatuses: [{name: 'app', image: 'registry.k8s.io/pause:3.10', imageID: '', ready: true, started: true, restartCount: 0, lastState: {}, state: {running: {startedAt: created}}}],
        },
      },
      {silent: true}
    );
  }
}
