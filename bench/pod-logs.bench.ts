/**
 * `<kube-pod-logs>` under load in headless Chromium, reading the way users do: the sandbox API over
 * HTTP, with the pod's log a followed stream (`GET …/pods/{name}/log?follow=true`) that this
 * script's server writes at a steady rate, so the page only reads, parses and renders. Prints lines
 * per second ingested and rendered while following (longest frame, 99th percentile, frames over
 * 50 ms, counted from the first line shown; the mount's own frame apart), the same at a steady 100,000 lines/s, the heap holding 1,000,000 lines, and a search over
 * 100,000 lines. Figures, not pass/fail.
 *
 *   node --import tsx bench/pod-logs.bench.ts [--steady] [--profile] [--trace steady.json]
 *
 * `--steady` runs only the steady 100,000 lines/s case.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type ServerResponse} from 'node:http';
import {cpus, tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from 'esbuild';
import {chromium, type CDPSession, type Page} from 'playwright-core';
import {CHROME_FLAGS, ensureChrome, root} from '../scripts/ensure-deps.mjs';
import {createSandbox} from '../src/sandbox/index.js';
import {toNodeListener} from '../src/server/node-adapter.js';

/** A log line's text: one in 50 an ANSI-coloured error, one in 7 JSON, the rest coloured INFO lines. Plain JS, shared with the page. */
const TEXT = `(i) => i % 50 === 0
  ? '\\u001b[31mERROR\\u001b[0m request failed path=' + PATHS[i % 5] + ' err="upstream timed out after ' + (i % 900) + 'ms" id=' + i
  : i % 7 === 0 ? JSON.stringify({level: 'info', msg: 'request completed', path: PATHS[i % 5], status: 200, duration_ms: i % 900, id: i})
  : '\\u001b[32mINFO\\u001b[0m  handled GET ' + PATHS[i % 5] + ' in ' + (i % 900) + 'ms user=alice id=' + i`;
const PATHS = `['/api/v1/orders', '/healthz', '/api/v1/users/42', '/static/app.js', '/ログイン']`;
const text = new Function(`const PATHS = ${PATHS}; return ${TEXT};`)() as (i: number) => string;

/** The page's script: a provider on the gateway transport (this server), a search helper. */
const ENTRY = `
import '${root}/src/define/kube-provider.js';
import '${root}/src/define/kube-pod-logs.js';
import {createKubeClient, gatewayTransport} from '${root}/src/client/index.js';
import {LogBuffer} from '${root}/src/client/log-buffer.js';
import {compileSearch, searchLines} from '${root}/src/client/log-search.js';

const PATHS = ${PATHS};
const text = ${TEXT};
const client = createKubeClient({transport: gatewayTransport({tokenProvider: () => 'sandbox-admin'})});

window.watchFrames = () => { let last = performance.now(); window.frameGaps = [];
  window.slowFrames = []; window.firstFrame = 0;
  // Frames count from the first line shown; the mount's frame (before any line) is reported apart.
  const f = (now) => { if (window.lines()) { window.frameGaps.push(now - last); if (now - last > 50) window.slowFrames.push([Math.round(last - window.started), Math.round(now - last)]); } else window.firstFrame = Math.max(window.firstFrame, now - last);
    last = now; if (window.watching) requestAnimationFrame(f); };
  window.watching = true; requestAnimationFrame(f); };

/** Mounts a viewer on the pod's followed log and resolves once it holds \`count\` lines. */
window.run = async ({pod, count, maxLines}) => {
  document.body.replaceChildren();
  const provider = document.createElement('kube-provider');
  provider.client = client;
  provider.setAttribute('cluster', 'sandbox');
  const logs = document.createElement('kube-pod-logs');
  Object.assign(logs, {namespace: 'team-a', pod, maxLines, tailLines: 'all'});
  provider.append(logs);
  window.lines = () => logs.lineCount + logs.droppedCount;
  const started = (window.started = performance.now());
  window.watchFrames();
  document.body.append(provider);
  await new Promise((resolve) => { const check = () => logs.lineCount + logs.droppedCount >= count ? resolve() : requestAnimationFrame(check); check(); });
  const ms = performance.now() - started;
  window.watching = false;
  const last = logs.shadowRoot.querySelector('[part~="line"]:last-child [part~="line-number"]')?.textContent;
  const gaps = window.frameGaps.sort((a, b) => a - b);
  return {ms, longestFrame: gaps[gaps.length - 1], p99Frame: gaps[Math.floor(gaps.length * 0.99)], frames: gaps.length, over50: gaps.filter((g) => g > 50).length, slowFrames: window.slowFrames, firstFrame: window.firstFrame, lastShown: Number(last), held: logs.lineCount};
};

window.search = ({lines, query, regex}) => {
  const buffer = new LogBuffer(lines);
  const base = Date.UTC(2025, 5, 1, 12, 0, 0);
  for (let i = 0; i < lines; i++) buffer.append(text(i), 0, base + i);
  const times = [];
  let found = 0;
  for (let run = 0; run < 6; run++) {
    const t = performance.now();
    found = searchLines(buffer, compileSearch(run ? query : query + 'x', {regex})).length;
    times.push(performance.now() - t);
  }
  // The first search over a fresh buffer apart: what the reader's first keystroke costs.
  return {found, firstMs: times[0], ms: times.slice(1).sort((a, b) => a - b)[2]};
};
`;

/** What the next log request streams: `count` lines, `perSecond` of them a second (0: as fast as the reader takes them). */
interface Plan {
  count: number;
  perSecond: number;
  chunks: Buffer[];
  served: boolean;
}

/** Lines per write: 5 ms worth at 100,000 lines/s. */
const CHUNK = 500;
let plan: Plan = {count: 0, perSecond: 0, chunks: [], served: true};

/** Generated before the run, so the server's work during it is only writing. */
function setPlan(count: number, perSecond: number) {
  const base = Date.UTC(2025, 5, 1, 12, 0, 0);
  const stepNs = perSecond ? 1e9 / perSecond : 1000;
  const chunks: Buffer[] = [];
  for (let start = 0; start < count; start += CHUNK) {
    let body = '';
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const ns = i * stepNs;
      const stamp = new Date(base + Math.floor(ns / 1e6)).toISOString().slice(0, 19);
      const fraction = String(Math.round(ns % 1e9)).padStart(9, '0');
      body += `${stamp}.${fraction}Z ${text(i)}\n`;
    }
    chunks.push(Buffer.from(body));
  }
  plan = {count, perSecond, chunks, served: false};
}

/** A followed log as the kubelet serves it: chunked text/plain, lines as they are due, the connection left open after the last. */
async function serveLog(res: ServerResponse, resumed: boolean) {
  res.writeHead(200, {'Content-Type': 'text/plain', 'Cache-Control': 'no-cache'});
  res.flushHeaders();
  // A reconnect (sinceTime) or a second reader gets a quiet follow.
  if (resumed || plan.served) return;
  plan.served = true;
  const {chunks, perSecond} = plan;
  const started = performance.now();
  let closed = false;
  res.on('close', () => (closed = true));
  for (let k = 0; k < chunks.length && !closed; k++) {
    if (perSecond) {
      const due = started + ((k * CHUNK) / perSecond) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    if (!res.write(chunks[k])) await new Promise((r) => res.once('drain', r));
  }
}

interface Run {
  ms: number;
  longestFrame: number;
  p99Frame: number;
  frames: number;
  firstFrame: number;
  over50: number;
  lastShown: number;
  held: number;
}

function row(name: string, lines: number, r: Run) {
  const rate = Math.round(lines / (r.ms / 1000)).toLocaleString('en');
  return `| ${name} | ${rate} lines/s | ${r.firstFrame.toFixed(0)} ms | ${r.longestFrame.toFixed(0)} ms | ${r.p99Frame.toFixed(0)} ms | ${r.over50} of ${r.frames} | ${r.lastShown.toLocaleString('en')} |`;
}

interface CpuProfile {
  nodes: Array<{id: number; callFrame: {functionName: string; url: string; lineNumber: number}}>;
  samples: number[];
  timeDeltas: number[];
}

function printProfile(profile: CpuProfile) {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const {functionName, url, lineNumber} = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
    byName.set(name, (byName.get(name) ?? 0) + (self.get(node.id) ?? 0));
  }
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
}

/** Seconds the page's main thread spent in tasks, script, layout and style so far. */
async function mainThread(cdp: CDPSession) {
  const {metrics} = (await cdp.send('Performance.getMetrics')) as {metrics: Array<{name: string; value: number}>};
  return ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'].map((name) => metrics.find((m) => m.name === name)?.value ?? 0);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kube-logs-bench-'));
  writeFileSync(join(dir, 'entry.ts'), ENTRY);
  await build({entryPoints: [join(dir, 'entry.ts')], bundle: true, format: 'esm', outfile: join(dir, 'bench.js'), tsconfig: join(root, 'tsconfig.json'), logLevel: 'error', define: {'process.env.NODE_ENV': '"production"'}, conditions: ['production']});
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>logs bench</title><link rel="icon" href="data:,"></head><body><script type="module" src="./bench.js"></script></body></html>`;
  const sandbox = createSandbox({seed: 1});
  const pod = sandbox.clusters.get('sandbox')!.list('v1', 'pods', {namespace: 'team-a'}).find((p) => p.metadata.name!.startsWith('web-'))!.metadata.name!;
  const api = toNodeListener(sandbox.gateway);
  const logPath = `/clusters/sandbox/api/v1/namespaces/team-a/pods/${pod}/log`;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench');
    if (url.pathname === logPath && url.searchParams.get('follow') === 'true') return void serveLog(res, url.searchParams.has('sinceTime'));
    if (url.pathname.startsWith('/clusters')) return void api(req, res);
    const script = url.pathname === '/bench.js';
    res.writeHead(200, {'Content-Type': script ? 'text/javascript' : 'text/html'});
    res.end(script ? readFileSync(join(dir, 'bench.js')) : page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  const browser = await chromium.launch({executablePath: ensureChrome(), headless: true, args: [...CHROME_FLAGS, '--enable-precise-memory-info']});
  const out: string[] = [];
  try {
    const open = async () => {
      // The previous case's page winds down first (a million-line renderer takes a moment to go).
      await new Promise((resolve) => setTimeout(resolve, 500));
      const p: Page = await browser.newPage({viewport: {width: 1280, height: 900}});
      await p.goto(`http://127.0.0.1:${port}/`);
      await p.waitForFunction('window.run');
      return p;
    };
    const heapMB = async (p: Page) => {
      const cdp = await p.context().newCDPSession(p);
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.detach();
      return ((await p.evaluate('performance.memory.usedJSHeapSize')) as number) / 2 ** 20;
    };
    /** Resident memory of the renderer processes: the JS heap plus what lives outside it (strings Blink hands V8, DOM, layout). */
    const rendererMB = async () => {
      const cdp = await browser.newBrowserCDPSession();
      const {processInfo} = (await cdp.send('SystemInfo.getProcessInfo')) as {processInfo: Array<{type: string; id: number}>};
      await cdp.detach();
      let kb = 0;
      for (const {id} of processInfo.filter((info) => info.type === 'renderer')) {
        kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0);
      }
      return kb / 1024;
    };
    const run = (p: Page, count: number, maxLines: number) => p.evaluate(`window.run(${JSON.stringify({pod, count, maxLines})})`) as Promise<Run>;

    const steadyOnly = process.argv.includes('--steady');
    let p: Page;
    if (!steadyOnly) {
      p = await open();
      setPlan(1_000_000, 0);
      const burst = await run(p, 1_000_000, 100_000);
      out.push(row('as fast as delivered, 1,000,000 lines, cap 100,000', 1e6, burst));
      console.log(JSON.stringify({burst}));
      await p.close();
    }

    p = await open();
    setPlan(500_000, 100_000);
    // --profile prints where the steady run's main-thread time goes.
    const profiler = process.argv.includes('--profile') ? await p.context().newCDPSession(p) : undefined;
    await profiler?.send('Profiler.enable');
    await profiler?.send('Profiler.start');
    // --trace FILE writes a Chromium trace of the steady run (open it in DevTools' Performance panel).
    const trace = process.argv[process.argv.indexOf('--trace') + 1];
    if (process.argv.includes('--trace')) await browser.startTracing(p, {path: trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing']});
    const metrics = await p.context().newCDPSession(p);
    await metrics.send('Performance.enable');
    const busyBefore = await mainThread(metrics);
    const steady = await run(p, 500_000, 100_000);
    const busy = (await mainThread(metrics)).map((v, i) => (v - busyBefore[i]!) / (steady.ms / 1000));
    if (process.argv.includes('--trace')) await browser.stopTracing();
    if (profiler) printProfile(((await profiler.send('Profiler.stop')) as {profile: CpuProfile}).profile);
    out.push(row('steady 100,000 lines/s for 5 s', 5e5, steady));
    const [task, script, layout, style] = busy.map((v) => `${Math.round(v * 1000)} ms`);
    out.push(`\nMain thread at a steady 100,000 lines/s, per second: busy ${task} (script ${script}, layout ${layout}, style ${style}).`);
    console.log(JSON.stringify({steady, busy}));
    await p.close();
    if (steadyOnly) return void console.log(out.join('\n'));

    p = await open();
    const empty = await heapMB(p);
    const emptyRss = await rendererMB();
    setPlan(1_000_000, 0);
    const full = await run(p, 1_000_000, 1_000_000);
    const heap = await heapMB(p);
    const rss = await rendererMB();
    console.log(JSON.stringify({full, heap, empty, rss, emptyRss}));
    const search = (await p.evaluate(`window.search({lines: 100000, query: 'timed out', regex: false})`)) as {found: number; ms: number; firstMs: number};
    const regex = (await p.evaluate(`window.search({lines: 100000, query: 'path=/api/v1/\\\\w+ .*after [0-9]{3}ms', regex: true})`)) as {found: number; ms: number; firstMs: number};
    console.log(JSON.stringify({search, regex}));
    await p.close();

    const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, Chromium ${browser.version()}`;
    console.log(`\n<kube-pod-logs> benchmark — ${new Date().toISOString().slice(0, 10)}, ${machine}; lines from a followed HTTP log stream\n`);
    console.log('| following | ingested and rendered | mount frame (no lines yet) | longest frame with lines | 99th percentile frame | frames over 50 ms | last line rendered when all had arrived |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const line of out) console.log(line);
    console.log(`\nHeap holding 1,000,000 lines (max-lines=1000000, ~85 characters a line): ${heap.toFixed(1)} MB (page before: ${empty.toFixed(1)} MB; ${full.held.toLocaleString('en')} lines held); the renderer process grew by ${(rss - emptyRss).toFixed(0)} MB resident.`);
    console.log(`Search over 100,000 lines (five in six with ANSI colours): plain ${search.ms.toFixed(1)} ms (${search.found.toLocaleString('en')} matching lines), regex ${regex.ms.toFixed(1)} ms (${regex.found.toLocaleString('en')}); medians of 5; the first search over a fresh buffer: plain ${search.firstMs.toFixed(1)} ms, regex ${regex.firstMs.toFixed(1)} ms.`);
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
    sandbox.dispose();
    rmSync(dir, {recursive: true, force: true});
  }
}

await main();
