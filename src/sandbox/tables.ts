import type {KubeObject, KubeTable, TableColumnDefinition, TableRow} from '../client/types.js';
import {humanDuration} from './clock.js';
import type {ResourceDef} from './resources.js';
import {selectorText} from './selectors.js';

/** What a Table row's `object` holds (`includeObject` query parameter). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

type Cells = (obj: KubeObject, now: number) => unknown[];
interface Printer {
  columns: TableColumnDefinition[];
  cells: Cells;
  conditions?: (obj: KubeObject) => TableRow['conditions'];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- printers read loosely typed spec/status */
type Any = any;

const NAME_DESC = 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const AGE_DESC = 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

function col(name: string, type = 'string', priority = 0, description = ''): TableColumnDefinition {
  const c: TableColumnDefinition = {name, type, format: '', description, priority};
  if (name === 'Name') {
    c.format = 'name';
    c.description = NAME_DESC;
  }
  if (name === 'Age') c.description = AGE_DESC;
  return c;
}

const since = (ts: string | undefined, now: number): string => (ts ? humanDuration(now - Date.parse(ts)) : '<unknown>');
const age = (o: KubeObject, now: number) => since(o.metadata.creationTimestamp, now);
const orNone = (v: string | undefined | null) => (v ? v : '<none>');
const containers = (t: Any) => (t?.spec?.containers ?? []).map((c: Any) => c.name).join(',');
const images = (t: Any) => (t?.spec?.containers ?? []).map((c: Any) => c.image).join(',');
const selectorCell = (s: Any) => orNone(selectorText(s));
const mapText = (m: Record<string, string> | undefined) =>
  orNone(Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`).sort().join(','));

function podCells(o: KubeObject, now: number): unknown[] {
  const pod = o as Any;
  const statuses: Any[] = pod.status?.containerStatuses ?? [];
  let reason: string = pod.status?.reason || pod.status?.phase || 'Pending';
  let restarts = 0;
  let ready = 0;
  let lastRestart = 0;
  let hasRunning = false;
  let initializing = false;
  const inits: Any[] = pod.status?.initContainerStatuses ?? [];
  inits.forEach((c, i) => {
    if (initializing) return;
    restarts += c.restartCount ?? 0;
    if (c.state?.terminated?.exitCode === 0) return;
    if (c.state?.terminated) reason = c.state.terminated.reason ? `Init:${c.state.terminated.reason}` : `Init:ExitCode:${c.state.terminated.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${(pod.spec?.initContainers ?? []).length}`;
    initializing = true;
  });
  if (!initializing) {
    restarts = 0;
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      const finished = c.lastState?.terminated?.finishedAt;
      if (finished) lastRestart = Math.max(lastRestart, Date.parse(finished));
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const readyCond = (pod.status?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True');
      reason = readyCond ? 'Running' : 'NotReady';
    }
  }
  const phase = pod.status?.phase;
  if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  const restartText = restarts !== 0 && lastRestart ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  const gates: Any[] = pod.spec?.readinessGates ?? [];
  const gatesText = gates.length
    ? `${gates.filter((g) => (pod.status?.conditions ?? []).some((c: Any) => c.type === g.conditionType && c.status === 'True')).length}/${gates.length}`
    : '<none>';
  return [
    pod.metadata.name,
    `${ready}/${(pod.spec?.containers ?? []).length}`,
    reason,
    restartText,
    age(o, now),
    orNone(pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP),
    orNone(pod.spec?.nodeName),
    orNone(pod.status?.nominatedNodeName),
    gatesText,
  ];
}

function eventCells(o: Any, now: number): unknown[] {
  const first = o.firstTimestamp ? since(o.firstTimestamp, now) : since(o.eventTime, now);
  let last = o.lastTimestamp ? since(o.lastTimestamp, now) : first;
  let count = o.count || 1;
  if (o.series) {
    last = since(o.series.lastObservedTime, now);
    count = o.series.count;
  }
  const inv = o.involvedObject ?? {};
  const target = inv.name ? `${String(inv.kind).toLowerCase()}/${inv.name}` : String(inv.kind ?? '').toLowerCase();
  const source = o.source?.component
    ? o.source.host ? `${o.source.component}, ${o.source.host}` : o.source.component
    : o.reportingComponent ? (o.reportingInstance ? `${o.reportingComponent}, ${o.reportingInstance}` : o.reportingComponent) : '';
  return [last, o.type, o.reason, target, inv.fieldPath ?? '', source, String(o.message ?? '').trim(), first, count, o.metadata.name];
}

function nodeCells(o: Any, now: number): unknown[] {
  const ready = (o.status?.conditions ?? []).find((c: Any) => c.type === 'Ready');
  let state = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  if (o.spec?.unschedulable) state += ',SchedulingDisabled';
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  const addr = (t: string) => orNone((o.status?.addresses ?? []).find((a: Any) => a.type === t)?.address);
  const info = o.status?.nodeInfo ?? {};
  return [o.metadata.name, state, roles.length ? roles.join(',') : '<none>', age(o, now), info.kubeletVersion ?? '', addr('InternalIP'), addr('ExternalIP'), info.osImage ?? '<unknown>', info.kernelVersion ?? '<unknown>', info.containerRuntimeVersion ?? '<unknown>'];
}

function servicePorts(o: Any): string {
  const ports: Any[] = o.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function serviceExternal(o: Any): string {
  const type = o.spec?.type ?? 'ClusterIP';
  const external: string[] = o.spec?.externalIPs ?? [];
  if (type === 'LoadBalancer') {
    const ingress: Any[] = o.status?.loadBalancer?.ingress ?? [];
    const all = [...ingress.map((i) => i.ip ?? i.hostname), ...external];
    return all.length ? all.join(',') : '<pending>';
  }
  if (type === 'ExternalName') return o.spec?.externalName ?? '<none>';
  return external.length ? external.join(',') : '<none>';
}

function jobStatus(o: Any): string {
  const has = (t: string) => (o.status?.conditions ?? []).some((c: Any) => c.type === t && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  return 'Running';
}

function jobCells(o: Any, now: number): unknown[] {
  const completions = o.spec?.completions;
  const succeeded = o.status?.succeeded ?? 0;
  const comp = completions != null ? `${succeeded}/${completions}` : `${succeeded}/1 of ${o.spec?.parallelism ?? 1}`;
  const start = o.status?.startTime ? Date.parse(o.status.startTime) : 0;
  const end = o.status?.completionTime ? Date.parse(o.status.completionTime) : now;
  const duration = start ? humanDuration(end - start) : '';
  const t = o.spec?.template;
  return [o.metadata.name, jobStatus(o), comp, duration, age(o, now), containers(t), images(t), selectorCell(o.spec?.selector)];
}

function endpointsText(o: Any): string {
  const list: string[] = [];
  for (const s of o.subsets ?? []) {
    for (const a of s.addresses ?? []) for (const p of s.ports ?? [{}]) list.push(p.port ? `${a.ip}:${p.port}` : a.ip);
  }
  if (!list.length) return '<none>';
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

function bindingCells(o: Any, now: number): unknown[] {
  const of = (kind: string) => (o.subjects ?? []).filter((s: Any) => s.kind === kind);
  return [
    o.metadata.name,
    `${o.roleRef?.kind}/${o.roleRef?.name}`,
    age(o, now),
    of('User').map((s: Any) => s.name).join(', '),
    of('Group').map((s: Any) => s.name).join(', '),
    of('ServiceAccount').map((s: Any) => `${s.namespace ?? ''}/${s.name}`).join(', '),
  ];
}

const createdAt = (o: KubeObject) => (o.metadata.creationTimestamp ? new Date(o.metadata.creationTimestamp).toISOString().replace('.000Z', 'Z') : '');

const WORKLOAD_WIDE = [col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)];

/** Printers keyed by Kind, with the columns `kubectl get -o wide` shows (priority 1 = wide only). */
const PRINTERS: Record<string, Printer> = {
  Pod: {
    columns: [col('Name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), col('IP', 'string', 1), col('Node', 'string', 1), col('Nominated Node', 'string', 1), col('Readiness Gates', 'string', 1)],
    cells: podCells,
    conditions: (o: Any) => {
      const phase = o.status?.phase;
      if (phase === 'Succeeded') return [{type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.'}];
      if (phase === 'Failed') return [{type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.'}];
      return undefined;
    },
  },
  Deployment: {
    columns: [col('Name'), col('Ready'), col('Up-to-date', 'integer'), col('Available', 'integer'), col('Age'), ...WORKLOAD_WIDE],
    cells: (o: Any, now) => [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, o.status?.updatedReplicas ?? 0, o.status?.availableReplicas ?? 0, age(o, now), containers(o.spec?.template), images(o.spec?.template), selectorCell(o.spec?.selector)],
  },
  ReplicaSet: {
    columns: [col('Name'), col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), col('Age'), ...WORKLOAD_WIDE],
    cells: (o: Any, now) => [o.metadata.name, o.spec?.replicas ?? 1, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, age(o, now), containers(o.spec?.template), images(o.spec?.template), selectorCell(o.spec?.selector)],
  },
  StatefulSet: {
    columns: [col('Name'), col('Ready'), col('Age'), col('Containers', 'string', 1), col('Images', 'string', 1)],
    cells: (o: Any, now) => [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, age(o, now), containers(o.spec?.template), images(o.spec?.template)],
  },
  DaemonSet: {
    columns: [col('Name'), col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), col('Up-to-date', 'integer'), col('Available', 'integer'), col('Node Selector'), col('Age'), ...WORKLOAD_WIDE],
    cells: (o: Any, now) => {
      const s = o.status ?? {};
      return [o.metadata.name, s.desiredNumberScheduled ?? 0, s.currentNumberScheduled ?? 0, s.numberReady ?? 0, s.updatedNumberScheduled ?? 0, s.numberAvailable ?? 0, mapText(o.spec?.template?.spec?.nodeSelector), age(o, now), containers(o.spec?.template), images(o.spec?.template), selectorCell(o.spec?.selector)];
    },
  },
  Job: {
    columns: [col('Name'), col('Status'), col('Completions'), col('Duration'), col('Age'), ...WORKLOAD_WIDE],
    cells: jobCells,
  },
  CronJob: {
    columns: [col('Name'), col('Schedule'), col('Timezone'), col('Suspend', 'boolean'), col('Active', 'integer'), col('Last Schedule'), col('Age'), ...WORKLOAD_WIDE],
    cells: (o: Any, now) => {
      const t = o.spec?.jobTemplate?.spec?.template;
      return [o.metadata.name, o.spec?.schedule, orNone(o.spec?.timeZone), o.spec?.suspend ? 'True' : 'False', (o.status?.active ?? []).length, o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : '<none>', age(o, now), containers(t), images(t), selectorCell(o.spec?.jobTemplate?.spec?.selector)];
    },
  },
  Service: {
    columns: [col('Name'), col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), col('Age'), col('Selector', 'string', 1)],
    cells: (o: Any, now) => [o.metadata.name, o.spec?.type ?? 'ClusterIP', orNone(o.spec?.clusterIP), serviceExternal(o), servicePorts(o), age(o, now), mapText(o.spec?.selector)],
  },
  Endpoints: {columns: [col('Name'), col('Endpoints'), col('Age')], cells: (o, now) => [o.metadata.name, endpointsText(o), age(o, now)]},
  Node: {
    columns: [col('Name'), col('Status'), col('Roles'), col('Age'), col('Version'), col('Internal-IP', 'string', 1), col('External-IP', 'string', 1), col('OS-Image', 'string', 1), col('Kernel-Version', 'string', 1), col('Container-Runtime', 'string', 1)],
    cells: nodeCells,
  },
  Namespace: {columns: [col('Name'), col('Status'), col('Age')], cells: (o: Any, now) => [o.metadata.name, o.status?.phase ?? 'Active', age(o, now)]},
  ConfigMap: {columns: [col('Name'), col('Data', 'integer'), col('Age')], cells: (o: Any, now) => [o.metadata.name, Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, age(o, now)]},
  Secret: {columns: [col('Name'), col('Type'), col('Data', 'integer'), col('Age')], cells: (o: Any, now) => [o.metadata.name, o.type ?? 'Opaque', Object.keys(o.data ?? {}).length, age(o, now)]},
  ServiceAccount: {columns: [col('Name'), col('Secrets', 'integer'), col('Age')], cells: (o: Any, now) => [o.metadata.name, (o.secrets ?? []).length, age(o, now)]},
  PersistentVolumeClaim: {
    columns: [col('Name'), col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), col('Age'), col('VolumeMode', 'string', 1)],
    cells: (o: Any, now) => {
      const modes = (o.spec?.accessModes ?? []).map((m: string) => ({ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP'})[m] ?? m).join(',');
      return [o.metadata.name, o.status?.phase ?? 'Pending', o.spec?.volumeName ?? '', o.status?.capacity?.storage ?? '', modes, o.spec?.storageClassName ?? '', o.spec?.volumeAttributesClassName ?? '<unset>', age(o, now), o.spec?.volumeMode ?? 'Filesystem'];
    },
  },
  Event: {
    columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Subobject', 'string', 1), col('Source', 'string', 1), col('Message'), col('First Seen', 'string', 1), col('Count', 'integer', 1), col('Name', 'string', 1)],
    cells: eventCells,
  },
  Ingress: {
    columns: [col('Name'), col('Class'), col('Hosts'), col('Address'), col('Ports'), col('Age')],
    cells: (o: Any, now) => {
      const hosts = (o.spec?.rules ?? []).map((r: Any) => r.host).filter(Boolean);
      const address = (o.status?.loadBalancer?.ingress ?? []).map((i: Any) => i.ip ?? i.hostname).join(',');
      return [o.metadata.name, orNone(o.spec?.ingressClassName), hosts.length ? hosts.join(',') : '*', address, o.spec?.tls?.length ? '80, 443' : '80', age(o, now)];
    },
  },
  PodDisruptionBudget: {
    columns: [col('Name'), col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions', 'integer'), col('Age')],
    cells: (o: Any, now) => [o.metadata.name, o.spec?.minAvailable != null ? String(o.spec.minAvailable) : 'N/A', o.spec?.maxUnavailable != null ? String(o.spec.maxUnavailable) : 'N/A', o.status?.disruptionsAllowed ?? 0, age(o, now)],
  },
  Role: {columns: [col('Name'), col('Created At')], cells: (o) => [o.metadata.name, createdAt(o)]},
  ClusterRole: {columns: [col('Name'), col('Created At')], cells: (o) => [o.metadata.name, createdAt(o)]},
  RoleBinding: {columns: [col('Name'), col('Role'), col('Age'), col('Users', 'string', 1), col('Groups', 'string', 1), col('ServiceAccounts', 'string', 1)], cells: bindingCells},
  ClusterRoleBinding: {columns: [col('Name'), col('Role'), col('Age'), col('Users', 'string', 1), col('Groups', 'string', 1), col('ServiceAccounts', 'string', 1)], cells: bindingCells},
};

/** The table every kind without a printer gets (apiserver's default table convertor). */
const DEFAULT_PRINTER: Printer = {
  columns: [col('Name'), {name: 'Created At', type: 'date', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0}],
  cells: (o) => [o.metadata.name, createdAt(o)],
};

/** Reads a simple JSONPath (`.spec.replicas`, `.status.conditions[0].type`) the way CRD columns use it. */
export function jsonPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.replace(/^\{?\.?/, '').replace(/\}$/, '').split('.')) {
    if (cur == null) return undefined;
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    if (m[1]) cur = (cur as Record<string, unknown>)[m[1]];
    for (const idx of m[2]!.match(/\d+/g) ?? []) cur = (cur as unknown[] | undefined)?.[Number(idx)];
  }
  return cur;
}

function crdPrinter(def: ResourceDef): Printer {
  const extra = def.crdVersion?.additionalPrinterColumns ?? [];
  if (!extra.length) return {columns: [col('Name'), col('Age', 'date')], cells: (o, now) => [o.metadata.name, age(o, now)]};
  return {
    columns: [col('Name'), ...extra.map((c) => ({name: c.name, type: c.type, format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0}))],
    cells: (o, now) => [
      o.metadata.name,
      ...extra.map((c) => {
        const v = jsonPath(o, c.jsonPath);
        if (v === undefined || v === null) return null;
        if (c.type === 'date') return typeof v === 'string' ? since(v, now) : '<invalid>';
        if (c.type === 'string') return typeof v === 'string' ? v : JSON.stringify(v);
        return v;
      }),
    ],
  };
}

function printerFor(def: ResourceDef): Printer {
  if (def.crdVersion) return crdPrinter(def);
  if (def.representation === 'metrics' || def.group === 'apiextensions.k8s.io') return DEFAULT_PRINTER;
  return PRINTERS[def.kind] ?? DEFAULT_PRINTER;
}

function rowObject(obj: KubeObject, include: IncludeObject): KubeObject | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata};
}

/** Converts objects (already in the served representation) to a meta.k8s.io/v1 Table. */
export function toTable(
  def: ResourceDef,
  objects: readonly KubeObject[],
  now: number,
  options: {include: IncludeObject; noHeaders?: boolean; metadata?: KubeTable['metadata']}
): KubeTable {
  const printer = printerFor(def);
  const rows: TableRow[] = objects.map((o) => {
    const row: TableRow = {cells: printer.cells(o, now)};
    const conditions = printer.conditions?.(o);
    if (conditions) row.conditions = conditions;
    const object = rowObject(o, options.include);
    if (object) row.object = object;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: options.metadata ?? {},
    // Watch events after the first carry no column definitions, as kube-apiserver sends them.
    columnDefinitions: options.noHeaders ? (null as unknown as TableColumnDefinition[]) : printer.columns,
    rows,
  };
}
