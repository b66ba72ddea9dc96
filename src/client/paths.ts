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

/** `/api/v1/namespaces/a/pods/b/log` and the like, with the query appended. */
export function resourcePath(address: ResourceAddress, query?: QueryParams): string {
  const root = address.group ? `/apis/${address.group}/${address.version}` : `/api/${address.version}`;
  let path = root;
  if (address.namespace) path += `/namespaces/${encodeURIComponent(address.namespace)}`;
  path += `/${address.resource}`;
  if (address.name !== undefined) path += `/${encodeURIComponent(address.name)}`;
  if (address.subresource) path += `/${address.subresource}`;
  return withQuery(path, query);
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

/** The store key of an object: `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(metadata: {namespace?: string; name?: string} | undefined): string {
  if (!metadata) return '';
  return metadata.namespace ? `${metadata.namespace}/${metadata.name ?? ''}` : metadata.name ?? '';
}
