/** Request counters the tests read to prove requests are shared, not repeated. */
export class RequestStats {
  private readonly requests = new Map<string, number>();
  private readonly listCalls = new Map<string, number>();
  private readonly watchCalls = new Map<string, number>();

  record(method: string, path: string, resource: string | undefined, verb: string | undefined): void {
    const key = `${method} ${path}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    if (resource && verb === 'list') this.listCalls.set(resource, (this.listCalls.get(resource) ?? 0) + 1);
    if (resource && verb === 'watch') this.watchCalls.set(resource, (this.watchCalls.get(resource) ?? 0) + 1);
  }

  /** Requests for one method and path (query string excluded), e.g. `('GET', '/api/v1/pods')`. */
  count(method: string, path: string): number {
    return this.requests.get(`${method.toUpperCase()} ${path}`) ?? 0;
  }

  /** List calls for a resource named like `pods` or `deployments.apps`. */
  lists(resource: string): number {
    return this.listCalls.get(resource) ?? 0;
  }

  /** Watch requests opened for a resource named like `pods` or `deployments.apps`. */
  watches(resource: string): number {
    return this.watchCalls.get(resource) ?? 0;
  }

  /** Every (method path) → count recorded since the last reset. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.requests);
  }

  total(): number {
    let n = 0;
    for (const v of this.requests.values()) n += v;
    return n;
  }

  reset(): void {
    this.requests.clear();
    this.listCalls.clear();
    this.watchCalls.clear();
  }
}
