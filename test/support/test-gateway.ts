/**
 * A minimal same-origin gateway for tests until `kube-elements serve` exists: serves files from
 * the project and proxies `/clusters/{name}/…` to a real API server over TLS with a bearer token,
 * streaming both ways (watches and followed logs stay open). Node only.
 */
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {request as httpsRequest} from 'node:https';
import {createReadStream, existsSync, readFileSync, statSync} from 'node:fs';
import {extname, join, normalize} from 'node:path';

export interface Upstream {
  url: string;
  caFile: string;
  token: string;
}

const TYPES: Record<string, string> = {'.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json', '.css': 'text/css'};
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'authorization', 'cookie']);

export async function startTestGateway(root: string, clusters: Record<string, Upstream>): Promise<{origin: string; server: Server}> {
  const cas = Object.fromEntries(Object.entries(clusters).map(([name, upstream]) => [name, readFileSync(upstream.caFile)]));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname === '/clusters') {
      res.writeHead(200, {'Content-Type': 'application/json'});
      res.end(JSON.stringify({kind: 'ClusterList', items: Object.keys(clusters).map((name) => ({name}))}));
      return;
    }
    const match = /^\/clusters\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (match) {
      const upstream = clusters[decodeURIComponent(match[1]!)];
      if (!upstream) {
        res.writeHead(404).end();
        return;
      }
      const headers: Record<string, string> = {Authorization: `Bearer ${upstream.token}`};
      for (const [key, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(key) && typeof value === 'string') headers[key] = value;
      const target = new URL(match[2]! + url.search, upstream.url);
      const proxied = httpsRequest(target, {method: req.method, headers, ca: cas[match[1]!]}, (answer) => {
        res.writeHead(answer.statusCode ?? 502, Object.fromEntries(Object.entries(answer.headers).filter(([key]) => !HOP_BY_HOP.has(key))) as Record<string, string>);
        answer.pipe(res);
      });
      proxied.on('error', () => res.destroy());
      res.on('close', () => proxied.destroy());
      req.pipe(proxied);
      return;
    }
    const file = join(root, normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream'});
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {origin: `http://127.0.0.1:${(server.address() as {port: number}).port}`, server};
}
