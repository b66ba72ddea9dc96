import {KubeApiError} from './errors.js';

/** Query parameters; `undefined` and `false`-for-flags are left out by the caller's choice. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

/** Where a resource (or one object, or a subresource of it) lives in the REST API. */
export interface ResourceAddress {
  group: string;
  version: string;
  /** Plural resource name, e.g. `pods`. */
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/**
 * `/api/v1/namespaces/a/pods/b/log` and the like, with the query appended. Every segment must be
 * one a path can carry (`pathSegment`): a pod named `..` would otherwise address its namespace.
 */
export function resourcePath(address: ResourceAddress, query?: QueryParams): string {
  const root = address.group ? `/apis/${pathSegment(address.group)}/${pathSegment(address.version)}` : `/api/${pathSegment(address.version)}`;
  let path = root;
  if (address.namespace) path += `/namespaces/${pathSegment(address.namespace)}`;
  path += `/${pathSegment(address.resource)}`;
  if (address.name !== undefined) path += `/${pathSegment(address.name)}`;
  if (address.subresource) path += `/${pathSegment(address.subresource)}`;
  return withQuery(path, query);
}

/**
 * One path segment, encoded — or a 400 before anything is sent for a name no path can carry: empty,
 * `.` or `..` (which URL parsing resolves away, so `DELETE …/pods/..` would delete the namespace), or
 * one with `/` or `%` (Kubernetes' own rule for names in paths, `IsValidPathSegmentName`).
 */
export function pathSegment(name: string): string {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('%')) {
    throw new KubeApiError({
      kind: 'Status',
      code: 400,
      reason: 'BadRequest',
      message: `"${name}" can't be part of an API path: a name may not be empty, "." or "..", or contain "/" or "%"`,
    });
  }
  return encodeURIComponent(name);
}

export function withQuery(path: string, query?: QueryParams): string {
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/** `apps/v1` → {group: 'apps', version: 'v1'}; `v1` → {group: '', version: 'v1'}. */
export function parseApiVersion(apiVersion: string): {group: string; version: string} {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? {group: '', version: apiVersion}
    : {group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1)};
}

export function formatApiVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/**
 * A value for a field selector (`metadata.name=…`), escaped as kube-apiserver reads it (apimachinery's
 * `fields.EscapeValue`): `\`, `,` and `=` — so a name a host passed can't add or break a requirement.
 */
export function fieldSelectorValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** The store key of an object: `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(metadata: {namespace?: string; name?: string} | undefined): string {
  if (!metadata) return '';
  return metadata.namespace ? `${metadata.namespace}/${metadata.name ?? ''}` : metadata.name ?? '';
}
