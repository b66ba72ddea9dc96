import {createServer, type Server} from 'node:http';
import {readFile, stat} from 'node:fs/promises';
import {extname, join, resolve, sep} from 'node:path';
import type {FetchHandler} from '../client/transport.js';
import {IDENTITIES} from '../sandbox/fixtures.js';
import {createSandbox, type Sandbox} from '../sandbox/index.js';
import {toNodeListener} from './node-adapter.js';

export interface SandboxServerOptions {
  port?: number;
  host?: string;
  pods?: number;
  seed?: number;
  clusters?: number;
  staticDir?: string;
  paused?: boolean;
  /**
   * Token to use for requests that carry none, as `kubectl proxy` adds credentials (kubectl never
   * sends a bearer token over plain HTTP). Default `sandbox-admin`; `null` answers them 401.
   */
  anonymousToken?: string | null;
}

export interface RunningSandbox {
  url: string;
  sandbox: Sandbox;
  server: Server;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves files under `root` for `/static/…`, refusing anything that resolves outside it. Each
 * answer carries a validator, so a browser revalidates (304) rather than fetching again — and,
 * for scripts, keeps the code it compiled.
 */
export function staticFiles(root: string): (path: string, ifNoneMatch?: string | null) => Promise<Response> {
  const base = resolve(root);
  return async (path, ifNoneMatch) => {
    let rel: string;
    try {
      rel = decodeURIComponent(path.replace(/^\/static\/?/, ''));
    } catch {
      return new Response('bad request\n', {status: 400});
    }
    let file = resolve(base, '.' + sep + rel);
    if (file !== base && !file.startsWith(base + sep)) return new Response('404 page not found\n', {status: 404, headers: {'Content-Type': 'text/plain'}});
    try {
      let info = await stat(file);
      if (info.isDirectory()) info = await stat((file = join(file, 'index.html')));
      const etag = `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
      const headers = {'Cache-Control': 'no-cache', ETag: etag, 'Last-Modified': new Date(info.mtimeMs).toUTCString()};
      if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) return new Response(null, {status: 304, headers});
      const body = await readFile(file);
      return new Response(body, {headers: {...headers, 'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'}});
    } catch {
      return new Response('404 page not found\n', {status: 404, headers: {'Content-Type': 'text/plain'}});
    }
  };
}

/** Starts the sandbox HTTP server: gateway paths, the first cluster at the root, optional static files. */
export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<RunningSandbox> {
  const sandbox = createSandbox({seed: options.seed ?? 1, clusters: options.clusters ?? 2, pods: options.pods ?? 0, now: Date.now()});
  if (!options.paused) sandbox.start();
  const first = [...sandbox.clusters.values()][0]!;
  const serveStatic = options.staticDir ? staticFiles(options.staticDir) : undefined;
  const anonymous = options.anonymousToken === undefined ? IDENTITIES.admin.token : options.anonymousToken;
  const handler: FetchHandler = async (request) => {
    const {pathname} = new URL(request.url);
    if (serveStatic && (pathname === '/static' || pathname.startsWith('/static/'))) return serveStatic(pathname, request.headers.get('if-none-match'));
    if (!request.headers.has('authorization')) {
      if (anonymous) {
        const headers = new Headers(request.headers);
        headers.set('authorization', `Bearer ${anonymous}`);
        request = new Request(request, {headers});
      } else if (pathname === '/clusters') return unauthorized();
    }
    if (pathname === '/clusters' || pathname.startsWith('/clusters/')) return sandbox.gateway(request);
    return first.handle(request);
  };
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8090, options.host ?? '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    sandbox,
    server,
    close: () =>
      new Promise<void>((ok) => {
        sandbox.dispose();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

/** kube-apiserver's answer to a request without credentials. */
function unauthorized(): Response {
  const body = {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401};
  return new Response(JSON.stringify(body), {status: 401, headers: {'Content-Type': 'application/json'}});
}

export const SANDBOX_HELP = `Usage: kube-elements sandbox [options]

Serves an in-memory Kubernetes API (several simulated clusters) over HTTP.

Options:
  --port N        port to listen on (default 8090; 0 picks a free port)
  --host H        address to bind (default 127.0.0.1)
  --pods N        extra pods to seed in namespace "load" of the first cluster (up to 30000)
  --seed S        simulation seed (default 1)
  --clusters N    number of clusters (default 2)
  --static DIR    serve DIR under /static/
  --paused        do not run the simulation clock
  --require-token answer requests without a bearer token with 401 (by default they act as
                  sandbox-admin, like kubectl proxy; kubectl sends no token over plain HTTP,
                  so use --as=sandbox-developer to act as another identity)
  -h, --help      show this help
`;

/** Parses `kube-elements sandbox` flags into server options; throws on an unknown or malformed flag. */
export function parseSandboxArgs(argv: string[]): SandboxServerOptions {
  const options: SandboxServerOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = () => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) throw new Error(`${flag} needs a non-negative integer`);
      return v;
    };
    switch (flag) {
      case '--port':
        options.port = int();
        break;
      case '--host':
        options.host = value();
        break;
      case '--pods':
        options.pods = int();
        break;
      case '--seed':
        options.seed = int();
        break;
      case '--clusters':
        options.clusters = Math.max(1, int());
        break;
      case '--static':
        options.staticDir = value();
        break;
      case '--paused':
        options.paused = true;
        break;
      case '--require-token':
        options.anonymousToken = null;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return options;
}

/** `kube-elements sandbox …`: runs until SIGINT/SIGTERM; resolves with the exit code. */
export async function sandboxCommand(argv: string[], out: (line: string) => void = (l) => console.log(l)): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(SANDBOX_HELP);
    return 0;
  }
  let options: SandboxServerOptions;
  try {
    options = parseSandboxArgs(argv);
  } catch (e) {
    console.error(`kube-elements sandbox: ${(e as Error).message}\n\n${SANDBOX_HELP}`);
    return 2;
  }
  const running = await startSandboxServer(options);
  out(`kube-elements sandbox listening on ${running.url}`);
  out(`  clusters: ${[...running.sandbox.clusters.keys()].map((n) => `${running.url}/clusters/${n}`).join('  ')}`);
  out(`  kubectl:  kubectl --server=${running.url} get pods -A    (add --as=${IDENTITIES.developer.user} to act as the developer)`);
  out(`  tokens:   ${Object.entries(IDENTITIES).map(([role, i]) => `${i.token} (${role})`).join(', ')}`);
  if (options.staticDir) out(`  static:   ${running.url}/static/`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await running.close();
  return 0;
}
