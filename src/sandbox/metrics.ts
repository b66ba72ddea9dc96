import type {KubeObject} from '../client/types.js';
import {fnv1a} from './clock.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- reads open pod spec/status */
type Any = any;

/** metrics-server's scrape window; usage changes once per window. */
const WINDOW_MS = 15_000;

function wave(seed: number, now: number): number {
  const bucket = Math.floor(now / WINDOW_MS);
  const phase = (seed % 628) / 100;
  return 1 + 0.35 * Math.sin(bucket / 6 + phase) + 0.1 * (((fnv1a(`${seed}:${bucket}`) % 200) - 100) / 100);
}

function containerUsage(podUid: string, name: string, now: number): {cpu: number; memory: number} {
  const seed = fnv1a(`${podUid}/${name}`);
  const baseCpu = 2 + (seed % 180);
  const baseMem = 16 + ((seed >>> 8) % 400);
  const w = wave(seed, now);
  return {cpu: Math.max(1, Math.round(baseCpu * w * 1e6)), memory: Math.round(baseMem * (0.9 + 0.1 * w) * 1024)};
}

const running = (p: Any) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp;

/** PodMetrics for a running pod (cpu in nanocores, memory in Ki, as metrics-server reports). */
export function podMetrics(pod: KubeObject, now: number): KubeObject | undefined {
  const p = pod as Any;
  if (!running(p)) return undefined;
  const ts = new Date(Math.floor(now / WINDOW_MS) * WINDOW_MS).toISOString().replace('.000Z', 'Z');
  return {
    kind: 'PodMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {name: p.metadata.name, namespace: p.metadata.namespace, creationTimestamp: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'), labels: p.metadata.labels},
    timestamp: ts,
    window: '15s',
    containers: (p.spec?.containers ?? []).map((c: Any) => {
      const u = containerUsage(p.metadata.uid, c.name, now);
      return {name: c.name, usage: {cpu: `${u.cpu}n`, memory: `${u.memory}Ki`}};
    }),
  };
}

/** NodeMetrics: the node's pods plus system overhead. */
export function nodeMetrics(node: KubeObject, pods: Iterable<KubeObject>, now: number): KubeObject {
  let cpu = 0;
  let memory = 0;
  for (const pod of pods) {
    const p = pod as Any;
    if (p.spec?.nodeName !== node.metadata.name || !running(p)) continue;
    for (const c of p.spec?.containers ?? []) {
      const u = containerUsage(p.metadata.uid, c.name, now);
      cpu += u.cpu;
      memory += u.memory;
    }
  }
  const seed = fnv1a(node.metadata.name ?? '');
  cpu += Math.round((150 + (seed % 100)) * wave(seed, now) * 1e6);
  memory += 900_000 + (seed % 300_000);
  return {
    kind: 'NodeMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {name: node.metadata.name, creationTimestamp: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'), labels: node.metadata.labels},
    timestamp: new Date(Math.floor(now / WINDOW_MS) * WINDOW_MS).toISOString().replace('.000Z', 'Z'),
    window: '20.05s',
    usage: {cpu: `${cpu}n`, memory: `${memory}Ki`},
  };
}
