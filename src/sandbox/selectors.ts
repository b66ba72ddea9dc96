import type {KubeObject} from '../client/types.js';
import {errors} from './status.js';

type Requirement =
  | {key: string; op: 'in' | 'notin'; values: string[]}
  | {key: string; op: 'exists' | '!'}
  | {key: string; op: '=' | '!='; values: [string]};

export type LabelSelector = (labels: Record<string, string> | undefined) => boolean;
export type FieldSelector = (obj: KubeObject) => boolean;

/** Splits on commas outside parentheses: `a in (x,y),b` → [`a in (x,y)`, `b`]. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseRequirement(text: string): Requirement {
  let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
  if (m) return {key: m[1]!, op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((v) => v.trim())};
  m = /^!\s*(\S+)$/.exec(text);
  if (m) return {key: m[1]!, op: '!'};
  m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(text);
  if (m) return {key: m[1]!, op: m[2] === '!=' ? '!=' : '=', values: [m[3]!]};
  m = /^([^=!\s()]+)$/.exec(text);
  if (m) return {key: m[1]!, op: 'exists'};
  errors.badRequest(`unable to parse requirement: found '${text}', expected: identifier`);
}

/** Parses a `labelSelector` query value (equality- and set-based, as labels.Parse accepts). */
export function parseLabelSelector(text: string | null): LabelSelector | undefined {
  if (!text) return undefined;
  const reqs = splitTopLevel(text).map(parseRequirement);
  return (labels) => reqs.every((r) => matches(r, labels ?? {}));
}

function matches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case '=':
      return has && value === r.values[0];
    case '!=':
      return !has || value !== r.values[0];
    case 'in':
      return has && r.values.includes(value!);
    case 'notin':
      return !has || !r.values.includes(value!);
  }
}

/** A metav1.LabelSelector object as a predicate (matchLabels + matchExpressions). */
export function selectorFromObject(selector: {matchLabels?: Record<string, string>; matchExpressions?: Array<{key: string; operator: string; values?: string[]}>} | undefined): LabelSelector {
  if (!selector) return () => false;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) reqs.push({key, op: '=', values: [value]});
  for (const e of selector.matchExpressions ?? []) {
    const op = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!';
    reqs.push(op === 'in' || op === 'notin' ? {key: e.key, op, values: e.values ?? []} : {key: e.key, op});
  }
  return (labels) => reqs.every((r) => matches(r, labels ?? {}));
}

/** `a=b,c in (d)` text for a label selector object, as Scale.status.selector and tables show it. */
export function selectorText(selector: {matchLabels?: Record<string, string>; matchExpressions?: Array<{key: string; operator: string; values?: string[]}>} | undefined): string {
  if (!selector) return '';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.sort().join(',');
}

type FieldGetter = (obj: KubeObject) => string | undefined;

const COMMON_FIELDS: Record<string, FieldGetter> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

/** Field selectors each kind supports (the server rejects any other field with 400). */
const KIND_FIELDS: Record<string, Record<string, FieldGetter>> = {
  Pod: {
    'spec.nodeName': (o) => (o.spec as {nodeName?: string} | undefined)?.nodeName ?? '',
    'spec.restartPolicy': (o) => (o.spec as {restartPolicy?: string} | undefined)?.restartPolicy ?? '',
    'spec.schedulerName': (o) => (o.spec as {schedulerName?: string} | undefined)?.schedulerName ?? '',
    'spec.serviceAccountName': (o) => (o.spec as {serviceAccountName?: string} | undefined)?.serviceAccountName ?? '',
    'status.phase': (o) => (o.status as {phase?: string} | undefined)?.phase ?? '',
    'status.podIP': (o) => (o.status as {podIP?: string} | undefined)?.podIP ?? '',
    'status.nominatedNodeName': (o) => (o.status as {nominatedNodeName?: string} | undefined)?.nominatedNodeName ?? '',
  },
  Event: {
    'involvedObject.kind': (o) => (o['involvedObject'] as Record<string, string> | undefined)?.['kind'] ?? '',
    'involvedObject.namespace': (o) => (o['involvedObject'] as Record<string, string> | undefined)?.['namespace'] ?? '',
    'involvedObject.name': (o) => (o['involvedObject'] as Record<string, string> | undefined)?.['name'] ?? '',
    'involvedObject.uid': (o) => (o['involvedObject'] as Record<string, string> | undefined)?.['uid'] ?? '',
    'involvedObject.apiVersion': (o) => (o['involvedObject'] as Record<string, string> | undefined)?.['apiVersion'] ?? '',
    'involvedObject.resourceVersion': (o) => (o['involvedObject'] as Record<string, string> | undefined)?.['resourceVersion'] ?? '',
    'involvedObject.fieldPath': (o) => (o['involvedObject'] as Record<string, string> | undefined)?.['fieldPath'] ?? '',
    reason: (o) => (o['reason'] as string | undefined) ?? '',
    reportingComponent: (o) => (o['reportingComponent'] as string | undefined) ?? '',
    source: (o) => (o['source'] as {component?: string} | undefined)?.component ?? '',
    type: (o) => (o['type'] as string | undefined) ?? '',
  },
  Node: {'spec.unschedulable': (o) => String((o.spec as {unschedulable?: boolean} | undefined)?.unschedulable ?? false)},
  Namespace: {'status.phase': (o) => (o.status as {phase?: string} | undefined)?.phase ?? ''},
  Secret: {type: (o) => (o['type'] as string | undefined) ?? ''},
  ReplicaSet: {'status.replicas': (o) => String((o.status as {replicas?: number} | undefined)?.replicas ?? 0)},
  Job: {'status.successful': (o) => String((o.status as {succeeded?: number} | undefined)?.succeeded ?? 0)},
};

/**
 * Parses a `fieldSelector` query value for a kind (`=`, `==`, `!=`, comma-joined). Values may escape
 * `\\`, `,` and `=` with a backslash, as apimachinery's field selectors do; any other escape is an error.
 */
export function parseFieldSelector(text: string | null, kind: string): FieldSelector | undefined {
  if (!text) return undefined;
  const checks = splitUnescaped(text)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([^=!\\]+)(==|=|!=)(.*)$/.exec(part);
      if (!m) return errors.badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
      const [, field, op, escaped] = m;
      // What is left once the valid escapes are taken out may hold no backslash and no '='.
      if (/[\\=]/.test(escaped!.replace(/\\[\\,=]/g, ''))) {
        errors.badRequest(`invalid field selector: '${text}'; invalid escape sequence or unescaped '=' in '${escaped}'`);
      }
      const value = escaped!.replace(/\\([\\,=])/g, '$1');
      const getter = COMMON_FIELDS[field!] ?? KIND_FIELDS[kind]?.[field!];
      if (!getter) errors.badRequest(`field label not supported: ${field}`);
      return (obj: KubeObject) => (op === '!=' ? getter(obj) !== value : getter(obj) === value);
    });
  return (obj) => checks.every((c) => c(obj));
}

/** Splits a selector at the commas no backslash escapes. */
function splitUnescaped(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ',') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
