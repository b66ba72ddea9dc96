/**
 * A small scriptable kube-apiserver for the client's tests: real paths, Status bodies, Table
 * output, paged lists and chunked watch streams, plus control endpoints under `/__fake/` that
 * let a test change objects, break streams and read request counts. Node only (test runner side).
 */
import type {IncomingMessage, ServerResponse} from 'node:http';

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: {name: string; namespace?: string; uid: string; resourceVersion: string; creationTimestamp: string; labels?: Record<string, string>};
  [key: string]: unknown;
}

interface ResourceDef {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  /** Whether lists and watches answer with Table output when asked. */
  tables: boolean;
  /** Verbs served, as discovery lists them; any other answers 405 MethodNotAllowed. All of them when omitted. */
  verbs?: string[];
}

const RESOURCES: ResourceDef[] = [
  {group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'], tables: true},
  {group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'], tables: true},
  {group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], tables: true},
  {group: 'example.io', version: 'v1', resource: 'widgets', kind: 'Widget', namespaced: true, shortNames: ['wd'], tables: false},
  // Listed, never watched, as kube-apiserver serves it (PodMetrics and NodeMetrics are the same).
  {group: '', version: 'v1', resource: 'componentstatuses', kind: 'ComponentStatus', namespaced: false, shortNames: ['cs'], tables: true, verbs: ['get', 'list']},
];

const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

interface Watcher {
  def: ResourceDef;
  namespace?: string;
  res: ServerResponse;
  table: boolean;
}

interface Fault {
  /** Part of the request's key (`GET /api/v1/namespaces/team-a/pods`, `... watch`), or all of it with `exact`. */
  match: string;
  exact?: boolean;
  /** 0 destroys the connection instead of answering. */
  status?: number;
  /** Answer with a proxy's HTML error page instead of a Status. */
  html?: boolean;
  /** Answer normally, this much later. */
  delayMs?: number;
  message?: string;
  reason?: string;
  /** Answer with this body (text as it is, anything else as JSON) and `status` (200 by default), instead of a Status. */
  body?: unknown;
  /** Headers to answer with (a `Retry-After`, a `Content-Type`), with the body or the Status. */
  headers?: Record<string, string>;
  /** For a watch: these events (a string as a raw line) go out first, then the watch goes on as usual. */
  events?: unknown[];
  times: number;
}

export class FakeApiServer {
  private objects = new Map<string, Obj>();
  private rv = 100;
  /** Events kept for watches from an older resourceVersion; older ones answer 410. */
  private history: Array<{rv: number; type: string; object: Obj}> = [];
  private oldestWatchable = 0;
  private watchers = new Set<Watcher>();
  private faults: Fault[] = [];
  private counts = new Map<string, number>();
  private aggregated = true;
  private forbidden = new Set<string>();
  private logChunks: Array<{bytes: number[]; delayMs: number}> = [];
  private continueExpires = false;
  /**
   * When set, a list page with more to come sends its metadata and holds the rest until the next
   * page is asked for (`onNextPage`) or `ms` pass.
   */
  private holdListBodies?: {onNextPage: boolean; ms: number};
  private heldBodies: Array<(why: string) => void> = [];
  /** Why each held body went out: 'next-page' or 'timeout'. */
  private bodyReleases: string[] = [];
  /** List requests answered but not finished, and the most there were at once. */
  private listsInFlight = 0;
  private maxListsInFlight = 0;
  /** Tables print a Node column between Status and Age, as after a server upgrade or a CRD's printer columns edited. */
  private wideTables = false;
  /** Events the next watch sends before its own (a fault's `events`). */
  private watchPrelude: unknown[] = [];

  constructor() {
    this.reset();
  }

  reset() {
    this.objects.clear();
    this.history = [];
    this.rv = 100;
    this.oldestWatchable = 0;
    for (const watcher of this.watchers) watcher.res.end();
    this.watchers.clear();
    this.faults = [];
    this.counts.clear();
    this.aggregated = true;
    this.forbidden.clear();
    this.logChunks = [];
    this.continueExpires = false;
    this.holdListBodies = undefined;
    for (const release of this.heldBodies.splice(0)) release('reset');
    this.bodyReleases = [];
    this.listsInFlight = this.maxListsInFlight = 0;
    this.wideTables = false;
    this.watchPrelude = [];
    for (let i = 0; i < 7; i++) this.upsert('pods', 'team-a', `pod-${i}`, {labels: {app: i % 2 ? 'web' : 'api'}});
    this.upsert('pods', 'team-b', 'other', {});
    this.upsert('deployments', 'team-a', 'web', {});
    this.upsert('widgets', 'team-a', 'gizmo', {});
    for (const ns of ['team-a', 'team-b']) this.upsert('namespaces', undefined, ns, {});
  }

  /** A `(req, res)` handler; answers only paths under `prefix`, passing others to `next`. */
  handle = async (req: IncomingMessage, res: ServerResponse, prefix: string, next?: () => Promise<unknown>) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (!url.pathname.startsWith(prefix)) return next?.();
    let path = url.pathname.slice(prefix.length) || '/';
    const gateway = /^\/clusters\/([^/]+)(\/.*)$/.exec(path);
    if (path === '/clusters') return json(res, 200, {items: [{name: 'one'}, {name: 'two'}]});
    if (gateway) path = gateway[2]!;
    const body = await readBody(req);
    if (path.startsWith('/__fake/')) return this.control(path.slice(8), body ? JSON.parse(body) : {}, res);
    const watch = url.searchParams.get('watch');
    const key = `${req.method} ${path}${watch ? ' watch' : ''}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const fault = this.faults.find((f) => (f.exact ? key === f.match : key.includes(f.match)));
    if (fault) {
      if (--fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.status === 0) return res.destroy();
      for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
      if (fault.body !== undefined) {
        const raw = typeof fault.body === 'string';
        return text(res, fault.status ?? 200, raw ? (fault.body as string) : JSON.stringify(fault.body), String(res.getHeader('Content-Type') ?? (raw ? 'text/plain' : 'application/json')));
      }
      if (fault.html || fault.status) {
        if (fault.html) return text(res, fault.status ?? 502, '<html><body><h1>Bad gateway</h1> upstream exploded</body></html>', 'text/html');
        return status(res, fault.status ?? 500, fault.reason ?? 'InternalError', fault.message ?? 'injected failure');
      }
      if (fault.events) this.watchPrelude = fault.events;
    }
    if (req.headers.authorization === 'Bearer bad') return status(res, 401, 'Unauthorized', 'Unauthorized');
    return this.api(req.method ?? 'GET', path, url.searchParams, req.headers.accept ?? '', body, res);
  };

  private control(command: string, body: Record<string, unknown>, res: ServerResponse) {
    switch (command) {
      case 'reset':
        this.reset();
        break;
      case 'counts':
        return json(res, 200, Object.fromEntries(this.counts));
      case 'watchers':
        return json(res, 200, {open: this.watchers.size});
      case 'upsert': {
        const obj = this.upsert(body.resource as string, body.namespace as string | undefined, body.name as string, body);
        return json(res, 200, obj);
      }
      case 'delete':
        this.remove(body.resource as string, body.namespace as string | undefined, body.name as string);
        break;
      case 'many': {
        for (let i = 0; i < (body.count as number); i++) this.upsert('pods', 'bulk', `bulk-${String(i).padStart(6, '0')}`, {});
        break;
      }
      case 'bookmark':
        for (const watcher of this.watchers) writeEvent(watcher, 'BOOKMARK', {kind: watcher.def.kind, apiVersion: apiVersionOf(watcher.def), metadata: {resourceVersion: String(this.rv)}});
        break;
      case 'expire':
        // Compaction: every resourceVersion up to now is too old to watch from.
        this.oldestWatchable = this.rv;
        this.history = [];
        if (body.sendErrorToWatchers) {
          for (const watcher of this.watchers) {
            writeEvent(watcher, 'ERROR', statusBody(410, 'Expired', 'too old resource version: 1 (2)'));
            watcher.res.end();
          }
          this.watchers.clear();
        }
        if (body.continueExpires) this.continueExpires = true;
        break;
      case 'drop-watches':
        for (const watcher of this.watchers) watcher.res.destroy();
        this.watchers.clear();
        break;
      case 'end-watches':
        for (const watcher of this.watchers) watcher.res.end();
        this.watchers.clear();
        break;
      case 'fault':
        this.faults.push({...(body as unknown as Fault), times: (body.times as number) ?? 1});
        break;
      case 'clear-faults':
        this.faults = [];
        break;
      case 'legacy-discovery':
        this.aggregated = false;
        break;
      case 'forbid':
        this.forbidden.add(body.rule as string);
        break;
      case 'hold-list-bodies':
        this.holdListBodies = {onNextPage: body.onNextPage !== false, ms: (body.ms as number | undefined) ?? 2000};
        break;
      case 'body-releases':
        return json(res, 200, {releases: this.bodyReleases, maxListsInFlight: this.maxListsInFlight});
      case 'table-columns':
        this.wideTables = body.wide !== false;
        break;
      case 'log-chunks':
        this.logChunks = body.chunks as Array<{bytes: number[]; delayMs: number}>;
        break;
      default:
        return status(res, 404, 'NotFound', `no control ${command}`);
    }
    return json(res, 200, {ok: true});
  }

  upsert(resource: string, namespace: string | undefined, name: string, extra: Record<string, unknown>) {
    const def = RESOURCES.find((r) => r.resource === resource)!;
    const key = objKey(def, namespace, name);
    const existing = this.objects.get(key);
    const rv = String(++this.rv);
    const obj: Obj = {
      apiVersion: apiVersionOf(def),
      kind: def.kind,
      metadata: {
        name,
        ...(def.namespaced ? {namespace} : {}),
        uid: existing?.metadata.uid ?? `uid-${name}-${this.rv}`,
        resourceVersion: rv,
        creationTimestamp: existing?.metadata.creationTimestamp ?? new Date(Date.now() - 3_600_000).toISOString(),
        labels: (extra.labels ?? (extra.metadata as Obj['metadata'] | undefined)?.labels ?? existing?.metadata.labels) as Record<string, string>,
      },
      spec: extra.spec ?? existing?.spec ?? {},
      status: extra.status ?? existing?.status ?? {phase: 'Running'},
    };
    this.objects.set(key, obj);
    this.emit(def, existing ? 'MODIFIED' : 'ADDED', obj);
    return obj;
  }

  private remove(resource: string, namespace: string | undefined, name: string) {
    const def = RESOURCES.find((r) => r.resource === resource)!;
    const key = objKey(def, namespace, name);
    const obj = this.objects.get(key);
    if (!obj) return;
    this.objects.delete(key);
    this.emit(def, 'DELETED', {...obj, metadata: {...obj.metadata, resourceVersion: String(++this.rv)}});
  }

  private emit(def: ResourceDef, type: string, object: Obj) {
    this.history.push({rv: Number(object.metadata.resourceVersion), type, object});
    for (const watcher of this.watchers) {
      if (watcher.def !== def || (watcher.namespace && watcher.namespace !== object.metadata.namespace)) continue;
      writeEvent(watcher, type, watcher.table ? tableOf([object], this.wideTables) : object);
    }
  }

  private api(method: string, path: string, query: URLSearchParams, accept: string, body: string, res: ServerResponse) {
    if (path === '/version') return json(res, 200, {major: '1', minor: '34', gitVersion: 'v1.34.0-fake', platform: 'linux/amd64'});
    if (path === '/api' || path === '/apis') return this.discovery(path, accept, res);
    const legacy = /^\/apis?\/(?:([^/]+)\/)?(v1)$/.exec(path);
    if (legacy) return this.legacyResources(path.startsWith('/apis') ? legacy[1]! : '', res);
    if (path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' && method === 'POST') {
      const review = JSON.parse(body);
      const attrs = review.spec.resourceAttributes;
      const rule = `${attrs.verb} ${attrs.resource} ${attrs.namespace}`;
      const denied = this.forbidden.has(rule) || this.forbidden.has(`${attrs.verb} ${attrs.resource}`);
      return json(res, 201, {...review, status: {allowed: !denied, ...(denied ? {reason: 'no RBAC policy matched'} : {reason: 'RBAC: allowed'})}});
    }
    if (path === '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews' && method === 'POST') {
      const review = JSON.parse(body);
      const allowed = review.spec.namespace === 'team-a';
      const rules = [{verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']}];
      if (allowed) rules.push({verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods']});
      return json(res, 201, {...review, status: {resourceRules: rules, nonResourceRules: [], incomplete: false}});
    }
    const match = /^\/(?:api\/v1|apis\/([^/]+)\/v1)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
    if (!match) return status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const [, group = '', namespace, resource, name, subresource] = match;
    const def = RESOURCES.find((r) => r.group === group && r.resource === resource);
    if (!def) return status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const verb = name ? (method === 'GET' ? 'get' : method.toLowerCase()) : query.get('watch') ? 'watch' : method === 'POST' ? 'create' : 'list';
    if (this.forbidden.has(`${verb} ${resource} ${namespace ?? ''}`) || this.forbidden.has(`${verb} ${resource}`)) {
      const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      return status(res, 403, 'Forbidden', `${resource} is forbidden: User "tester" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`, {kind: resource, group});
    }
    if (def.verbs && !def.verbs.includes(verb)) return status(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {kind: resource, group});
    if (subresource === 'log') return this.logs(res);
    if (name) return this.object(method, def, namespace, name, body, res);
    if (method === 'POST') {
      const obj = JSON.parse(body);
      if (this.objects.has(objKey(def, namespace, obj.metadata.name))) {
        return status(res, 409, 'AlreadyExists', `${resource} "${obj.metadata.name}" already exists`, {name: obj.metadata.name, kind: resource});
      }
      return json(res, 201, this.upsert(def.resource, namespace, obj.metadata.name, obj));
    }
    const table = def.tables && accept.includes('as=Table');
    if (query.get('watch')) return this.watch(def, namespace, query, table, res);
    return this.list(def, namespace, query, table, res);
  }

  private object(method: string, def: ResourceDef, namespace: string | undefined, name: string, body: string, res: ServerResponse) {
    const key = objKey(def, namespace, name);
    const existing = this.objects.get(key);
    if (!existing) return status(res, 404, 'NotFound', `${def.resource} "${name}" not found`, {name, kind: def.resource});
    if (method === 'GET') return json(res, 200, existing);
    if (method === 'DELETE') {
      this.remove(def.resource, namespace, name);
      return json(res, 200, existing);
    }
    const incoming = JSON.parse(body);
    if (method === 'PUT' && incoming.metadata.resourceVersion !== existing.metadata.resourceVersion) {
      return status(res, 409, 'Conflict', `Operation cannot be fulfilled on ${def.resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`, {name, kind: def.resource});
    }
    return json(res, 200, this.upsert(def.resource, namespace, name, {...existing, ...incoming}));
  }

  private discovery(path: string, accept: string, res: ServerResponse) {
    const core = path === '/api';
    if (this.aggregated && accept.includes('as=APIGroupDiscoveryList')) {
      const groups = [...new Set(RESOURCES.filter((r) => (r.group === '') === core).map((r) => r.group))];
      res.setHeader('Content-Type', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
      return json(res, 200, {
        kind: 'APIGroupDiscoveryList',
        apiVersion: 'apidiscovery.k8s.io/v2',
        metadata: {},
        items: groups.map((group) => ({
          metadata: {name: group},
          versions: [
            {
              version: 'v1',
              resources: RESOURCES.filter((r) => r.group === group).map((r) => ({
                resource: r.resource,
                responseKind: {group, version: 'v1', kind: r.kind},
                scope: r.namespaced ? 'Namespaced' : 'Cluster',
                singularResource: r.kind.toLowerCase(),
                verbs: r.verbs ?? ALL_VERBS,
                shortNames: r.shortNames,
                subresources: r.resource === 'pods' ? [{subresource: 'log', verbs: ['get']}] : [],
              })),
            },
          ],
        })),
      });
    }
    if (core) return json(res, 200, {kind: 'APIVersions', versions: ['v1']});
    const groups = [...new Set(RESOURCES.filter((r) => r.group).map((r) => r.group))];
    return json(res, 200, {
      kind: 'APIGroupList',
      groups: groups.map((name) => ({name, versions: [{groupVersion: `${name}/v1`, version: 'v1'}], preferredVersion: {groupVersion: `${name}/v1`, version: 'v1'}})),
    });
  }

  private legacyResources(group: string, res: ServerResponse) {
    const resources = RESOURCES.filter((r) => r.group === group).flatMap((r) => [
      {name: r.resource, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: r.verbs ?? ['get', 'list', 'watch'], shortNames: r.shortNames},
      ...(r.resource === 'pods' ? [{name: 'pods/log', namespaced: true, kind: 'Pod', verbs: ['get']}] : []),
    ]);
    return json(res, 200, {kind: 'APIResourceList', groupVersion: group ? `${group}/v1` : 'v1', resources});
  }

  private matching(def: ResourceDef, namespace: string | undefined, query: URLSearchParams) {
    const selector = query.get('labelSelector');
    return [...this.objects.values()]
      .filter((o) => o.kind === def.kind && (!namespace || o.metadata.namespace === namespace))
      .filter((o) => !selector || selector.split(',').every((term) => {
        const [k, v] = term.split('=');
        return o.metadata.labels?.[k!] === v;
      }))
      .sort((a, b) => objKey(def, a.metadata.namespace, a.metadata.name).localeCompare(objKey(def, b.metadata.namespace, b.metadata.name)));
  }

  private list(def: ResourceDef, namespace: string | undefined, query: URLSearchParams, table: boolean, res: ServerResponse) {
    const all = this.matching(def, namespace, query);
    const limit = Number(query.get('limit')) || all.length;
    const cont = query.get('continue');
    this.maxListsInFlight = Math.max(this.maxListsInFlight, ++this.listsInFlight);
    res.once('close', () => this.listsInFlight--);
    if (cont && this.holdListBodies?.onNextPage) for (const release of this.heldBodies.splice(0)) release('next-page');
    if (cont && this.continueExpires) {
      this.continueExpires = false;
      return status(res, 410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
    }
    const start = cont ? Number(JSON.parse(Buffer.from(cont, 'base64').toString()).start) : 0;
    const snapshotRv = cont ? JSON.parse(Buffer.from(cont, 'base64').toString()).rv : String(this.rv);
    const items = all.slice(start, start + limit);
    const more = start + limit < all.length;
    const metadata = {
      resourceVersion: snapshotRv,
      ...(more ? {continue: Buffer.from(JSON.stringify({start: start + limit, rv: snapshotRv})).toString('base64'), remainingItemCount: all.length - start - limit} : {}),
    };
    const body = table ? {...tableOf(items, this.wideTables), metadata} : {kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata, items};
    if (more && this.holdListBodies) return this.sendHeld(res, JSON.stringify(body));
    return json(res, 200, body);
  }

  /** Sends a list body up to its items (the metadata with the continue token), the rest when released. */
  private sendHeld(res: ServerResponse, text: string) {
    const cut = Math.max(text.indexOf('"columnDefinitions"'), text.indexOf('"items"'));
    res.writeHead(200, {'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private'});
    res.write(text.slice(0, cut));
    const release = (why: string) => {
      clearTimeout(timer);
      const at = this.heldBodies.indexOf(release);
      if (at >= 0) this.heldBodies.splice(at, 1);
      this.bodyReleases.push(why);
      res.end(text.slice(cut));
    };
    const timer = setTimeout(() => release('timeout'), this.holdListBodies!.ms);
    this.heldBodies.push(release);
  }

  private watch(def: ResourceDef, namespace: string | undefined, query: URLSearchParams, table: boolean, res: ServerResponse) {
    const from = Number(query.get('resourceVersion') ?? 0);
    res.writeHead(200, {'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked'});
    const watcher: Watcher = {def, namespace, res, table};
    for (const event of this.watchPrelude.splice(0)) res.write(`${typeof event === 'string' ? event : JSON.stringify(event)}\n`);
    if (from && from < this.oldestWatchable) {
      writeEvent(watcher, 'ERROR', statusBody(410, 'Expired', `too old resource version: ${from} (${this.oldestWatchable})`));
      return res.end();
    }
    for (const event of this.history) {
      if (event.rv > from && event.object.kind === def.kind && (!namespace || event.object.metadata.namespace === namespace)) {
        writeEvent(watcher, event.type, table ? tableOf([event.object], this.wideTables) : event.object);
      }
    }
    this.watchers.add(watcher);
    res.on('close', () => this.watchers.delete(watcher));
    const timeout = Number(query.get('timeoutSeconds'));
    if (timeout) setTimeout(() => res.end(), timeout * 1000).unref();
  }

  private async logs(res: ServerResponse) {
    res.writeHead(200, {'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked'});
    for (const chunk of this.logChunks) {
      if (chunk.delayMs) await new Promise((r) => setTimeout(r, chunk.delayMs));
      res.write(Buffer.from(chunk.bytes));
    }
    res.end();
  }
}

function apiVersionOf(def: ResourceDef) {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

function objKey(def: ResourceDef, namespace: string | undefined, name: string) {
  return `${def.resource}/${def.namespaced ? namespace : ''}/${name}`;
}

function tableOf(items: Obj[], wide = false) {
  const node = wide ? [{name: 'Node', type: 'string', format: '', description: 'Node', priority: 0}] : [];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {resourceVersion: items.at(-1)?.metadata.resourceVersion ?? ''},
    columnDefinitions: [
      {name: 'Name', type: 'string', format: 'name', description: 'Name', priority: 0},
      {name: 'Status', type: 'string', format: '', description: 'Phase', priority: 0},
      ...node,
      {name: 'Age', type: 'string', format: '', description: 'Age', priority: 0},
    ],
    rows: items.map((o) => ({
      cells: [o.metadata.name, (o.status as {phase?: string})?.phase ?? '', ...(wide ? ['node-1'] : []), '1h'],
      object: {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata},
    })),
  };
}

function statusBody(code: number, reason: string, message: string, details?: Record<string, unknown>) {
  return {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code};
}

function status(res: ServerResponse, code: number, reason: string, message: string, details?: Record<string, unknown>) {
  return json(res, code, statusBody(code, reason, message, details));
}

function json(res: ServerResponse, code: number, body: unknown) {
  if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-cache, private');
  res.writeHead(code);
  res.end(JSON.stringify(body));
}

function text(res: ServerResponse, code: number, body: string, type: string) {
  res.writeHead(code, {'Content-Type': type});
  res.end(body);
}

function writeEvent(watcher: Watcher, type: string, object: unknown) {
  watcher.res.write(`${JSON.stringify({type, object})}\n`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
  });
}
