import type {KubeObject} from '../client/types.js';
import {apiVersionOf, type ResourceDef} from './resources.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- conversions read open event fields */
type Any = any;

/** core/v1 Event as events.k8s.io/v1 serves the same stored object. */
function toEventsV1(e: Any): KubeObject {
  const out: Any = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: e.metadata,
    eventTime: e.eventTime ?? null,
    reportingController: e.reportingComponent || e.source?.component || '',
    reportingInstance: e.reportingInstance || e.source?.host || '',
    action: e.action ?? '',
    reason: e.reason,
    regarding: e.involvedObject,
    note: e.message,
    type: e.type,
  };
  if (e.series) out.series = e.series;
  if (e.related) out.related = e.related;
  if (e.source) out.deprecatedSource = e.source;
  if (e.firstTimestamp) out.deprecatedFirstTimestamp = e.firstTimestamp;
  if (e.lastTimestamp) out.deprecatedLastTimestamp = e.lastTimestamp;
  if (e.count) out.deprecatedCount = e.count;
  return out;
}

function fromEventsV1(e: Any): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    reason: e.reason,
    message: e.note,
    type: e.type,
    eventTime: e.eventTime ?? null,
    reportingComponent: e.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
    action: e.action,
    source: e.deprecatedSource ?? {},
    ...(e.deprecatedFirstTimestamp ? {firstTimestamp: e.deprecatedFirstTimestamp} : {}),
    ...(e.deprecatedLastTimestamp ? {lastTimestamp: e.deprecatedLastTimestamp} : {}),
    ...(e.deprecatedCount ? {count: e.deprecatedCount} : {}),
    ...(e.series ? {series: e.series} : {}),
    ...(e.related ? {related: e.related} : {}),
  };
}

/** A stored object as the requested resource version serves it. */
export function present(def: ResourceDef, obj: KubeObject): KubeObject {
  if (def.representation === 'events.k8s.io/v1') return toEventsV1(obj);
  const apiVersion = apiVersionOf(def);
  if (obj.apiVersion === apiVersion && obj.kind === def.kind) return obj;
  return {...obj, apiVersion, kind: def.kind};
}

/** A request body converted to the stored representation. */
export function accept(def: ResourceDef, obj: KubeObject): KubeObject {
  if (def.representation === 'events.k8s.io/v1') return fromEventsV1(obj);
  return obj;
}

/** List items omit apiVersion and kind for built-in types, as kube-apiserver encodes typed lists. */
export function listItem(def: ResourceDef, obj: KubeObject): KubeObject {
  if (def.crdVersion) return obj;
  const {apiVersion: _a, kind: _k, ...rest} = obj;
  return rest as KubeObject;
}
