import {apiVersionOf, type ResourceDef, type ResourceRegistry} from './resources.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '34',
  emulationMajor: '1',
  emulationMinor: '34',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '33',
  gitVersion: 'v1.34.1-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-09-09T00:00:00Z',
  goVersion: 'go1.24.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** Content type of aggregated discovery responses. */
export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

/** Which aggregated discovery version the Accept header asks for first, if any. */
export function wantsAggregated(accept: string | null): 'v2' | 'v2beta1' | undefined {
  for (const part of (accept ?? '').split(',')) {
    const params = new Map(
      part
        .split(';')
        .slice(1)
        .map((p) => p.trim().split('=') as [string, string])
    );
    if (params.get('as') === 'APIGroupDiscoveryList' && params.get('g') === 'apidiscovery.k8s.io') {
      const v = params.get('v');
      if (v === 'v2' || v === 'v2beta1') return v;
    }
    if (part.trim().startsWith('application/json') && !params.has('as')) return undefined;
  }
  return undefined;
}

function legacyEntries(defs: readonly ResourceDef[]): unknown[] {
  const out: unknown[] = [];
  for (const d of defs) {
    out.push({
      name: d.resource,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: d.verbs,
      ...(d.shortNames.length ? {shortNames: d.shortNames} : {}),
      ...(d.categories.length ? {categories: d.categories} : {}),
    });
    for (const s of d.subresources) {
      const crossGroup = s.group !== d.group || s.version !== d.version;
      out.push({
        name: `${d.resource}/${s.name}`,
        singularName: '',
        namespaced: d.namespaced,
        ...(crossGroup ? {group: s.group, version: s.version} : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return out;
}

export function apiVersions(): unknown {
  return {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443'}]};
}

function groupEntry(name: string, versions: string[]) {
  const vs = versions.map((v) => ({groupVersion: `${name}/${v}`, version: v}));
  return {name, versions: vs, preferredVersion: vs[0]};
}

export function apiGroupList(registry: ResourceRegistry): unknown {
  return {kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().map((g) => groupEntry(g.name, g.versions))};
}

export function apiGroup(registry: ResourceRegistry, name: string): unknown | undefined {
  const g = registry.groups().find((x) => x.name === name);
  return g ? {kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g.name, g.versions)} : undefined;
}

export function apiResourceList(registry: ResourceRegistry, group: string, version: string): unknown | undefined {
  const defs = registry.all().filter((d) => d.group === group && d.version === version);
  if (!defs.length) return undefined;
  return {
    kind: 'APIResourceList',
    ...(group ? {apiVersion: 'v1'} : {}),
    groupVersion: apiVersionOf({group, version}),
    resources: legacyEntries(defs),
  };
}

function aggregatedResource(d: ResourceDef): unknown {
  return {
    resource: d.resource,
    responseKind: {group: d.group, version: d.version, kind: d.kind},
    scope: d.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singular,
    verbs: d.verbs,
    ...(d.shortNames.length ? {shortNames: d.shortNames} : {}),
    ...(d.categories.length ? {categories: d.categories} : {}),
    ...(d.subresources.length
      ? {
          subresources: d.subresources.map((s) => ({
            subresource: s.name,
            responseKind: {group: s.group, version: s.version, kind: s.kind},
            verbs: s.verbs,
          })),
        }
      : {}),
  };
}

/** APIGroupDiscoveryList for `/api` (legacy: true) or `/apis`. */
export function aggregatedDiscovery(registry: ResourceRegistry, legacy: boolean, version: 'v2' | 'v2beta1'): unknown {
  const groups = legacy ? [{name: '', versions: ['v1']}] : registry.groups();
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: {...(g.name ? {name: g.name} : {}), creationTimestamp: null},
      versions: g.versions.map((v) => ({
        version: v,
        resources: registry
          .all()
          .filter((d) => d.group === g.name && d.version === v)
          .map(aggregatedResource),
        freshness: 'Current',
      })),
    })),
  };
}
