import type {IncomingMessage, ServerResponse} from 'node:http';
import {Readable} from 'node:stream';
import type {FetchHandler} from '../client/transport.js';

/**
 * Adapts a fetch-shaped handler to `node:http`: request bodies stream in, response bodies stream
 * out chunk by chunk (watches, log follows), and a client disconnect aborts the handler's signal.
 */
export function toNodeListener(handler: FetchHandler, options: {origin?: string} = {}) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const controller = new AbortController();
    // 'close' on the response fires when the client goes away before or after we finish.
    res.on('close', () => controller.abort());
    try {
      const origin = options.origin ?? `http://${req.headers.host ?? 'localhost'}`;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || name.startsWith(':')) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const request = new Request(new URL(req.url ?? '/', origin), {
        method,
        headers,
        signal: controller.signal,
        ...(hasBody ? {body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half'} : {}),
      } as RequestInit);
      const response = await handler(request);
      const outHeaders: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => {
        if (name === 'transfer-encoding' || name === 'content-length') return;
        outHeaders[name] = value;
      });
      res.writeHead(response.status, outHeaders);
      if (!response.body || method === 'HEAD') {
        res.end();
        return;
      }
      const reader = response.body.getReader();
      controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}));
      for (;;) {
        const {done, value} = await reader.read();
        if (done) break;
        // Flush each chunk as it comes so watch events and log lines arrive promptly.
        if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    } catch (error) {
      if (controller.signal.aborted) return;
      if (!res.headersSent) {
        res.writeHead(502, {'Content-Type': 'application/json'});
        res.end(JSON.stringify({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String((error as Error)?.message ?? error), reason: 'InternalError', code: 502}));
      } else res.destroy(error as Error);
    }
  };
}
