import type {KubeObject} from '../client/types.js';
import type {DeleteOptions, ResourceApi} from './api.js';
import {PODS} from './api.js';
import type {SimClock} from './clock.js';
import {aggregatedContentType, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION, wantsAggregated} from './discovery.js';
import {podLogs} from './logs.js';
import {managerFromUserAgent} from './managed-fields.js';
import {nodeMetrics, podMetrics} from './metrics.js';
import {applyPatch, patchTypeOf} from './patch.js';
import {decodeReview} from './protobuf.js';
import {forbiddenMessage, type Attributes, type RbacAuthorizer, type UserInfo} from './rbac.js';
import {listItem, present} from './representation.js';
import {requestInfo, type RequestInfo} from './request-info.js';
import {apiVersionOf, storageKey, type ResourceDef} from './resources.js';
import {parseFieldSelector, parseLabelSelector, selectorFromObject, selectorText} from './selectors.js';
import {pdbStatus} from './disruption.js';
import type {RequestStats} from './stats.js';
import {errors, fail, jsonResponse, status, StatusError, statusResponse} from './status.js';
import type {ObjectStore} from './store.js';
import {jsonPath, toTable, type IncludeObject} from './tables.js';
import {resourceName, type WatchHub} from './watch.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- request bodies are open JSON */
type Any = any;

/** What the router needs from a cluster. */
export interface RouterContext {
  api: ResourceApi;
  store: ObjectStore;
  clock: SimClock;
  authorizer: RbacAuthorizer;
  watches: WatchHub;
  stats: RequestStats;
  users: ReadonlyMap<string, UserInfo>;
  onTick(listener: () => void): () => void;
  /** A fault to answer this request with instead, if one was injected. */
  takeFault(method: string, url: URL): number | 'drop' | undefined;
}

const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz']);

/** Serves one request against one cluster, kube-apiserver style. Never throws: errors become Status. */
export async function route(ctx: RouterContext, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  let info: RequestInfo | undefined;
  try {
    info = requestInfo(method, url.pathname, url.searchParams);
    const def = info.resourceRequest ? ctx.api.registry.get(info.apiGroup, info.apiVersion, info.resource ?? '') : undefined;
    ctx.stats.record(method, url.pathname, def ? resourceName(def) : info.resource, info.verb);
    const fault = ctx.takeFault(method, url);
    if (fault === 'drop') throw new TypeError('network error: connection dropped (injected fault)');
    if (typeof fault === 'number') return statusResponse(status(fault, `injected fault: ${fault}`));
    if (PUBLIC_PATHS.has(url.pathname)) return new Response('ok', {headers: {'Content-Type': 'text/plain; charset=utf-8'}});
    const user = authenticate(ctx, request);
    const attrs: Attributes = {
      user,
      verb: info.verb,
      resourceRequest: info.resourceRequest,
      apiGroup: info.apiGroup,
      resource: info.resource,
      subresource: info.subresource,
      namespace: info.namespace,
      name: info.name,
      path: url.pathname,
    };
    if (!ctx.authorizer.authorize(attrs).allowed) {
      const gr = info.resourceRequest ? {group: info.apiGroup, resource: info.resource ?? ''} : undefined;
      fail(403, forbiddenMessage(attrs), {details: gr ? {...(info.name ? {name: info.name} : {}), ...(gr.group ? {group: gr.group} : {}), kind: gr.resource} : {}});
    }
    if (!info.resourceRequest) return nonResource(ctx, request, url.pathname);
    if (!def) errors.noResource();
    return await resource(ctx, request, url, info, def, user);
  } catch (e) {
    if (e instanceof StatusError) return statusResponse(e.status);
    if (e instanceof TypeError && String(e.message).startsWith('network error')) throw e;
    return statusResponse(status(500, e instanceof Error ? e.message : String(e)));
  }
}

function authenticate(ctx: RouterContext, request: Request): UserInfo {
  const header = request.headers.get('authorization') ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  const user = m ? ctx.users.get(m[1]!.trim()) : undefined;
  if (!user) errors.unauthorized();
  const as = request.headers.get('impersonate-user');
  if (!as) return user;
  // Impersonation (kubectl --as) needs the impersonate verb on users, as in kube-apiserver.
  const attrs: Attributes = {user, verb: 'impersonate', resourceRequest: true, apiGroup: '', resource: 'users', name: as};
  if (!ctx.authorizer.authorize(attrs).allowed) fail(403, forbiddenMessage(attrs), {details: {name: as, kind: 'users'}});
  const groups = request.headers.get('impersonate-group');
  return {name: as, groups: ['system:authenticated', ...(groups ? groups.split(',').map((g) => g.trim()) : [])]};
}

function nonResource(ctx: RouterContext, request: Request, path: string): Response {
  const registry = ctx.api.registry;
  const trimmed = path.replace(/\/+$/, '') || '/';
  const parts = trimmed.split('/').filter(Boolean);
  if (trimmed === '/version') return jsonResponse(SERVER_VERSION);
  if (trimmed === '/api' || trimmed === '/apis') {
    const aggregated = wantsAggregated(request.headers.get('accept'));
    if (aggregated) {
      const body = aggregatedDiscovery(registry, trimmed === '/api', aggregated);
      return new Response(JSON.stringify(body), {headers: {'Content-Type': aggregatedContentType(aggregated), Vary: 'Accept'}});
    }
    return jsonResponse(trimmed === '/api' ? apiVersions() : apiGroupList(registry));
  }
  if (parts[0] === 'api' && parts.length === 2) {
    const list = apiResourceList(registry, '', parts[1]!);
    if (list) return jsonResponse(list);
  }
  if (parts[0] === 'apis' && parts.length === 2) {
    const group = apiGroup(registry, parts[1]!);
    if (group) return jsonResponse(group);
  }
  if (parts[0] === 'apis' && parts.length === 3) {
    const list = apiResourceList(registry, parts[1]!, parts[2]!);
    if (list) return jsonResponse(list);
  }
  // kubectl asks for OpenAPI for some commands; an empty v3 index makes it fall back gracefully.
  if (trimmed === '/openapi/v3') return jsonResponse({paths: {}});
  if (parts[0] === 'api' || parts[0] === 'apis') return statusResponse(status(404, 'the server could not find the requested resource', {details: {}}));
  return new Response('404 page not found\n', {status: 404, headers: {'Content-Type': 'text/plain; charset=utf-8'}});
}

/** `as=Table` / `as=PartialObjectMetadata(List)` negotiation from the Accept header. */
function negotiate(accept: string | null): 'Table' | 'PartialObjectMetadata' | undefined {
  for (const part of (accept ?? '').split(',')) {
    const params = new Map(part.split(';').slice(1).map((p) => p.trim().split('=') as [string, string]));
    const as = params.get('as');
    if (!as) {
      if (/application\/json|\*\/\*/.test(part)) return undefined;
      continue;
    }
    if (params.get('g') !== 'meta.k8s.io' || !['v1', 'v1beta1'].includes(params.get('v') ?? '')) continue;
    if (as === 'Table') return 'Table';
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return 'PartialObjectMetadata';
  }
  if (accept && /as=/.test(accept) && !/application\/json(?!;)|\*\/\*/.test(accept)) {
    fail(406, `only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf`, {reason: 'NotAcceptable'});
  }
  return undefined;
}

const num = (v: string | null) => (v === null || v === '' ? undefined : Number(v));
const bool = (v: string | null) => v === 'true' || v === '1';

async function readJson(request: Request): Promise<Any> {
  if ((request.headers.get('content-type') ?? '').startsWith('application/vnd.kubernetes.protobuf')) {
    try {
      return decodeReview(new Uint8Array(await request.arrayBuffer()));
    } catch {
      errors.unsupportedMediaType();
    }
  }
  const text = await request.text();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    errors.badRequest(`error decoding request body: ${(e as Error).message} (only JSON bodies are accepted)`);
  }
}

function metaView(obj: KubeObject): KubeObject {
  return {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata};
}

async function resource(ctx: RouterContext, request: Request, url: URL, info: RequestInfo, def: ResourceDef, user: UserInfo): Promise<Response> {
  const q = url.searchParams;
  const ns = def.namespaced ? info.namespace : undefined;
  if (def.namespaced === false && info.namespace && def.kind !== 'Namespace') errors.noResource();
  const sub = info.subresource;
  if (sub && !def.subresources.some((s) => s.name === sub)) errors.noResource();
  if (!def.verbs.includes(info.verb) && !sub) errors.methodNotAllowed();
  const view = negotiate(request.headers.get('accept'));
  const include = (q.get('includeObject') as IncludeObject | null) ?? 'Metadata';
  const dryRun = q.getAll('dryRun').includes('All');
  const now = ctx.clock.now();
  // Updates are recorded under ?fieldManager=, else the client's User-Agent name; apply needs the former.
  const manager = q.get('fieldManager') || managerFromUserAgent(request.headers.get('user-agent'));

  if (def.representation === 'review') return review(ctx, def, await readJson(request), user);
  if (def.representation === 'metrics') return metrics(ctx, def, info, q, view, include);
  if (sub === 'log') {
    const pod = ctx.api.get(def, ns, info.name!);
    return podLogs(
      pod,
      {
        container: q.get('container'),
        previous: bool(q.get('previous')),
        timestamps: bool(q.get('timestamps')),
        tailLines: num(q.get('tailLines')),
        sinceSeconds: num(q.get('sinceSeconds')),
        sinceTime: q.get('sinceTime'),
        limitBytes: num(q.get('limitBytes')),
        follow: bool(q.get('follow')),
      },
      ctx.clock,
      {onTick: (l) => ctx.onTick(l), current: () => ctx.store.get(PODS, `${ns}/${info.name}`), signal: request.signal, retain: request}
    );
  }
  if (sub === 'scale') return scale(ctx, request, def, ns, info, manager);
  if (sub === 'eviction') return evict(ctx, await readJson(request), def, ns!, info.name!);
  if (sub === 'binding') errors.methodNotAllowed();

  const single = (obj: KubeObject, code = 200) => {
    const shown = present(def, obj);
    if (view === 'Table') return jsonResponse(toTable(def, [shown], now, {include, metadata: {resourceVersion: obj.metadata.resourceVersion}}), code);
    if (view === 'PartialObjectMetadata') return jsonResponse(metaView(shown), code);
    return jsonResponse(shown, code);
  };

  switch (info.verb) {
    case 'get':
      return single(ctx.api.get(def, ns, info.name!));
    case 'list': {
      const result = ctx.api.list(def, {namespace: ns, labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector'), limit: num(q.get('limit')), continue: q.get('continue')});
      const metadata = {resourceVersion: result.resourceVersion, ...(result.continue ? {continue: result.continue} : {}), ...(result.remainingItemCount !== undefined ? {remainingItemCount: result.remainingItemCount} : {})};
      const items = result.items.map((o) => present(def, o));
      if (view === 'Table') return jsonResponse(toTable(def, items, now, {include, metadata}));
      if (view === 'PartialObjectMetadata') return jsonResponse({kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: items.map(metaView)});
      return jsonResponse({kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata, items: items.map((o) => listItem(def, o))});
    }
    case 'watch': {
      const fieldSelector = info.name ? [q.get('fieldSelector'), `metadata.name=${info.name}`].filter(Boolean).join(',') : q.get('fieldSelector');
      const stream = ctx.watches.start({
        def,
        namespace: ns,
        labelSelector: q.get('labelSelector'),
        fieldSelector,
        resourceVersion: q.get('resourceVersion'),
        allowBookmarks: bool(q.get('allowWatchBookmarks')),
        sendInitialEvents: bool(q.get('sendInitialEvents')),
        timeoutSeconds: num(q.get('timeoutSeconds')),
        ...(view === 'Table' ? {table: {include}} : {}),
        signal: request.signal,
        retain: request,
      });
      return new Response(stream, {status: 200, headers: {'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private'}});
    }
    case 'create': {
      const body = await readJson(request);
      if (!body || typeof body !== 'object') errors.badRequest('the body of the request was empty');
      checkApiVersion(def, body);
      return single(ctx.api.create(def, body, ns, {dryRun, manager}), 201);
    }
    case 'update': {
      const body = await readJson(request);
      if (!body || typeof body !== 'object') errors.badRequest('the body of the request was empty');
      checkApiVersion(def, body);
      return single(ctx.api.update(def, body, ns, info.name!, {dryRun, subresource: sub, manager}));
    }
    case 'patch': {
      const type = patchTypeOf(request.headers.get('content-type'));
      const body = await readJson(request);
      const patchManager = type === 'apply' ? q.get('fieldManager') || undefined : manager;
      const {object, created} = ctx.api.patch(def, ns, info.name!, type, body, {dryRun, subresource: sub, ...(patchManager ? {manager: patchManager} : {}), force: bool(q.get('force'))});
      return single(object, created ? 201 : 200);
    }
    case 'delete': {
      const options = deleteOptions(await readJson(request), q, dryRun);
      const {object, removed} = ctx.api.delete(def, ns, info.name!, options);
      if (def.kind === 'Pod' || !removed) return single(object);
      return jsonResponse({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: {name: info.name, ...(def.group ? {group: def.group} : {}), kind: def.resource, uid: object.metadata.uid}});
    }
    case 'deletecollection': {
      const options = deleteOptions(await readJson(request), q, dryRun);
      const {items} = ctx.api.list(def, {namespace: ns, labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector')});
      const deleted = items.map((o) => ctx.api.delete(def, o.metadata.namespace, o.metadata.name!, options).object);
      return jsonResponse({kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: {resourceVersion: String(ctx.store.resourceVersion)}, items: deleted.map((o) => listItem(def, present(def, o)))});
    }
  }
  errors.methodNotAllowed();
}

function checkApiVersion(def: ResourceDef, body: Any): void {
  const expected = apiVersionOf(def);
  if (body.apiVersion && body.apiVersion !== expected && !def.representation) {
    errors.badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`);
  }
  if (body.kind && body.kind !== def.kind) errors.badRequest(`the kind in the data (${body.kind}) does not match the expected kind (${def.kind})`);
}

function deleteOptions(body: Any, q: URLSearchParams, dryRun: boolean): DeleteOptions {
  const b = body ?? {};
  const grace = num(q.get('gracePeriodSeconds')) ?? b.gracePeriodSeconds;
  const policy = q.get('propagationPolicy') ?? b.propagationPolicy;
  return {
    ...(grace !== undefined ? {gracePeriodSeconds: grace} : {}),
    ...(policy ? {propagationPolicy: policy} : {}),
    ...(b.orphanDependents !== undefined || q.get('orphanDependents') ? {orphanDependents: b.orphanDependents ?? bool(q.get('orphanDependents'))} : {}),
    ...(b.preconditions ? {preconditions: b.preconditions} : {}),
    dryRun: dryRun || (b.dryRun ?? []).includes('All'),
  };
}

/** autoscaling/v1 Scale for workloads and custom resources with a scale subresource. */
function scalePaths(def: ResourceDef): {spec: string; status: string; selector?: string} {
  const s = def.crdVersion?.subresources?.scale;
  if (s) return {spec: s.specReplicasPath, status: s.statusReplicasPath, ...(s.labelSelectorPath ? {selector: s.labelSelectorPath} : {})};
  return {spec: '.spec.replicas', status: '.status.replicas'};
}

function toScale(def: ResourceDef, obj: Any): Any {
  const paths = scalePaths(def);
  const selector = paths.selector ? jsonPath(obj, paths.selector) : selectorText(obj.spec?.selector);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, creationTimestamp: obj.metadata.creationTimestamp},
    spec: {replicas: Number(jsonPath(obj, paths.spec) ?? 0)},
    status: {replicas: Number(jsonPath(obj, paths.status) ?? 0), ...(selector ? {selector} : {})},
  };
}

function setPath(obj: Any, path: string, value: unknown): void {
  const parts = path.replace(/^\./, '').split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) cur = cur[p] = cur[p] ?? {};
  cur[parts[parts.length - 1]!] = value;
}

async function scale(ctx: RouterContext, request: Request, def: ResourceDef, ns: string | undefined, info: RequestInfo, manager: string): Promise<Response> {
  const current = ctx.api.get(def, ns, info.name!) as Any;
  const scaleObj = toScale(def, current);
  if (info.verb === 'get') return jsonResponse(scaleObj);
  let desired: Any;
  if (info.verb === 'update') desired = await readJson(request);
  else if (info.verb === 'patch') desired = applyPatch(patchTypeOf(request.headers.get('content-type')), scaleObj, await readJson(request));
  else errors.methodNotAllowed();
  const rv = desired?.metadata?.resourceVersion;
  if (rv && rv !== current.metadata.resourceVersion) errors.staleResourceVersion(def, info.name!);
  const replicas = desired?.spec?.replicas;
  if (typeof replicas !== 'number' || replicas < 0) {
    errors.invalid({group: 'autoscaling', resource: 'scale'}, 'Scale', info.name!, [{field: 'spec.replicas', message: `Invalid value: ${replicas}: must be greater than or equal to 0`}]);
  }
  const next = structuredClone(current);
  setPath(next, scalePaths(def).spec, replicas);
  delete next.metadata.resourceVersion;
  const stored = ctx.api.update(def, next, ns, info.name!, {subresource: 'scale', manager});
  return jsonResponse(toScale(def, stored));
}

function evict(ctx: RouterContext, body: Any, def: ResourceDef, ns: string, name: string): Response {
  const pod = ctx.api.get(def, ns, name) as Any;
  if (body?.metadata?.name && body.metadata.name !== name) errors.badRequest(`name in URL does not match name in Eviction object`);
  const pdbDef = ctx.api.registry.get('policy', 'v1', 'poddisruptionbudgets')!;
  const ready = (pod.status?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True');
  const pdbs = [...ctx.store.values(storageKey('policy', 'poddisruptionbudgets'))].filter((p) => p.metadata.namespace === ns && selectorFromObject((p.spec as Any)?.selector)(pod.metadata.labels));
  if (pdbs.length > 1) fail(500, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  const pdb = pdbs[0] as Any;
  // As kube-apiserver: pending, finished and terminating pods ignore budgets; an unready pod may go when the budget is met anyway.
  const ignorable = ['Pending', 'Succeeded', 'Failed'].includes(pod.status?.phase) || !!pod.metadata.deletionTimestamp;
  const s = pdb && !ignorable ? pdbStatus(pdb, ctx.store) : undefined;
  const unhealthyMayGo = s && !ready && (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' || (s.currentHealthy >= s.desiredHealthy && s.desiredHealthy > 0));
  if (s && !unhealthyMayGo) {
    if (s.disruptionsAllowed < 1) {
      fail(429, "Cannot evict pod as it would violate the pod's disruption budget.", {
        details: {causes: [{reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata.name} needs ${s.desiredHealthy} healthy pods and has ${s.currentHealthy} currently`}]},
      });
    }
    ctx.api.update(pdbDef, {...pdb, metadata: {...pdb.metadata, resourceVersion: undefined}, status: {...(pdb.status ?? {}), ...s, disruptionsAllowed: s.disruptionsAllowed - 1, disruptedPods: {...(pdb.status?.disruptedPods ?? {}), [name]: ctx.clock.iso()}}}, ns, pdb.metadata.name, {subresource: 'status'});
  }
  ctx.api.delete(def, ns, name, deleteOptions(body?.deleteOptions, new URLSearchParams(), false));
  return jsonResponse({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201}, 201);
}

function review(ctx: RouterContext, def: ResourceDef, body: Any, user: UserInfo): Response {
  const base = {kind: def.kind, apiVersion: apiVersionOf(def), metadata: {creationTimestamp: null}};
  if (def.kind === 'SelfSubjectAccessReview') {
    const spec = body?.spec ?? {};
    const ra = spec.resourceAttributes;
    const nra = spec.nonResourceAttributes;
    if (!ra && !nra) {
      errors.invalid({group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews'}, 'SelfSubjectAccessReview', '', [{field: 'spec.resourceAttributes', message: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified', reason: 'FieldValueInvalid'}]);
    }
    const decision = ctx.authorizer.authorize(
      ra
        ? {user, verb: ra.verb ?? '', resourceRequest: true, apiGroup: ra.group ?? '', resource: ra.resource ?? '', subresource: ra.subresource || undefined, namespace: ra.namespace || undefined, name: ra.name || undefined}
        : {user, verb: nra.verb ?? '', resourceRequest: false, path: nra.path ?? ''}
    );
    return jsonResponse({...base, spec, status: {allowed: decision.allowed, ...(decision.reason ? {reason: decision.reason} : {})}}, 201);
  }
  const namespace = body?.spec?.namespace ?? '';
  const rules = ctx.authorizer.rules(user, namespace);
  return jsonResponse({...base, spec: {namespace}, status: {...rules, incomplete: false}}, 201);
}

function metrics(ctx: RouterContext, def: ResourceDef, info: RequestInfo, q: URLSearchParams, view: string | undefined, include: IncludeObject): Response {
  const now = ctx.clock.now();
  const podsDef = ctx.api.registry.get('', 'v1', 'pods')!;
  const nodesDef = ctx.api.registry.get('', 'v1', 'nodes')!;
  const labels = parseLabelSelector(q.get('labelSelector'));
  const fields = parseFieldSelector(q.get('fieldSelector'), def.kind);
  const podList = () => ctx.api.list(podsDef, {}).items;
  let items: KubeObject[];
  if (def.resource === 'pods') {
    if (info.name) {
      const m = podMetrics(ctx.api.get(podsDef, info.namespace, info.name), now);
      if (!m) errors.notFound(def, info.name);
      return jsonResponse(m);
    }
    const source = ctx.api.list(podsDef, {namespace: info.namespace}).items;
    items = source.map((p) => podMetrics(p, now)).filter((m): m is KubeObject => !!m);
  } else {
    if (info.name) return jsonResponse(nodeMetrics(ctx.api.get(nodesDef, undefined, info.name), podList(), now));
    const pods = podList();
    items = ctx.api.list(nodesDef, {}).items.map((n) => nodeMetrics(n, pods, now));
  }
  items = items.filter((m) => (!labels || labels(m.metadata.labels)) && (!fields || fields(m)));
  const metadata = {resourceVersion: ''};
  if (view === 'Table') return jsonResponse(toTable(def, items, now, {include, metadata}));
  return jsonResponse({kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: {}, items});
}
