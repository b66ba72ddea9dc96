import type {SandboxCluster} from '../../src/sandbox/index.js';

export const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io, application/json';

export interface CallOptions {
  method?: string;
  token?: string | null;
  body?: unknown;
  accept?: string;
  contentType?: string;
  signal?: AbortSignal;
}

/** Sends one request to a cluster's handler as the in-memory transport would. */
export async function call(cluster: SandboxCluster, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? 'sandbox-admin' : options.token;
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (options.accept) headers['accept'] = options.accept;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await cluster.handle(
    new Request('http://in-memory.invalid' + path, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined ? {body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body)} : {}),
      ...(options.signal ? {signal: options.signal} : {}),
    })
  );
  return response;
}

export async function json(cluster: SandboxCluster, path: string, options: CallOptions = {}): Promise<{status: number; body: any; headers: Headers}> {
  const response = await call(cluster, path, options);
  return {status: response.status, body: await response.json(), headers: response.headers};
}

/** Reads newline-delimited watch events from a stream until `count` arrived (or the stream ended). */
export async function readEvents(response: Response, count: number, timeoutMs = 2000): Promise<any[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: any[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (events.length < count && Date.now() < deadline) {
    const result = await Promise.race([reader.read(), new Promise<{done: true; value: undefined}>((r) => setTimeout(() => r({done: true, value: undefined}), Math.max(1, deadline - Date.now())))]);
    if (result.done) break;
    buffer += decoder.decode(result.value, {stream: true});
    let i: number;
    while ((i = buffer.indexOf('\n')) >= 0) {
      events.push(JSON.parse(buffer.slice(0, i)));
      buffer = buffer.slice(i + 1);
    }
  }
  reader.releaseLock();
  return events;
}
