/**
 * `<kube-pod-logs>` under load in headless Chromium: lines per second ingested and rendered while
 * following (with the longest frame), the same at a steady 100,000 lines/s, the heap holding
 * 1,000,000 lines, and a search over 100,000 lines. Log bodies are generated in the page and
 * delivered in chunks, one macrotask each, as a network stream would be. Figures, not pass/fail.
 *
 *   node --import tsx bench/pod-logs.bench.ts
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {cpus, tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from 'esbuild';
import {chromium, type Page} from 'playwright-core';
import {CHROME_FLAGS, ensureChrome, root} from '../scripts/ensure-deps.mjs';

/** The page's script: a sandbox-backed provider whose one pod's log is a generated stream. */
const ENTRY = `
import '${root}/src/define/kube-provider.js';
import '${root}/src/define/kube-pod-logs.js';
import {createKubeClient, inMemoryTransport} from '${root}/src/client/index.js';
import {createSandbox} from '${root}/src/sandbox/index.js';
import {LogBuffer} from '${root}/src/client/log-buffer.js';
import {compileSearch, searchLines} from '${root}/src/client/log-search.js';

const sandbox = createSandbox({seed: 1});
const pod = sandbox.clusters.get('sandbox').list('v1', 'pods', {namespace: 'team-a'}).find((p) => p.metadata.name.startsWith('web-')).metadata.name;
const PATHS = ['/api/v1/orders', '/healthz', '/api/v1/users/42', '/static/app.js', '/ログイン'];
const text = (i) => i % 50 === 0
  ? '\\u001b[31mERROR\\u001b[0m request failed path=' + PATHS[i % 5] + ' err="upstream timed out after ' + (i % 900) + 'ms" id=' + i
  : i % 7 === 0 ? JSON.stringify({level: 'info', msg: 'request completed', path: PATHS[i % 5], status: 200, duration_ms: i % 900, id: i})
  : '\\u001b[32mINFO\\u001b[0m  handled GET ' + PATHS[i % 5] + ' in ' + (i % 900) + 'ms user=alice id=' + i;
const base = Date.UTC(2025, 5, 1, 12, 0, 0);
let plan = {count: 0, perSecond: 0};
const encoder = new TextEncoder();
const tick = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = resolve; c.port2.postMessage(0); });
function logBody() {
  const {count, perSecond} = plan;
  const chunk = 2000;
  let i = 0;
  const started = performance.now();
  return new ReadableStream({
    async pull(controller) {
      if (i >= count) return controller.close();
      if (perSecond) {
        const due = started + (i / perSecond) * 1000;
        if (performance.now() < due) await new Promise((r) => setTimeout(r, due - performance.now()));
        else await tick();
      } else await tick();
      const lines = [];
      for (let n = 0; n < chunk && i < count; n++, i++) lines.push(new Date(base + i).toISOString() + ' ' + text(i) + '\\n');
      controller.enqueue(encoder.encode(lines.join('')));
    },
  });
}
const inner = sandbox.handlers().sandbox;
const handler = async (request) => new URL(request.url).pathname.endsWith('/log') ? new Response(logBody(), {status: 200, headers: {'Content-Type': 'text/plain'}}) : inner(request);
const client = createKubeClient({transport: inMemoryTransport({clusters: {sandbox: handler}, tokenProvider: () => 'sandbox-admin'})});

window.longestTask = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (window.watching) window.longestTask = Math.max(window.longestTask, e.duration); }).observe({type: 'longtask'});
window.watchFrames = () => { let last = performance.now(); window.longestFrame = 0; window.longestTask = 0; window.frameGaps = [];
  const f = (now) => { window.longestFrame = Math.max(window.longestFrame, now - last); window.frameGaps.push(now - last); last = now; if (window.watching) requestAnimationFrame(f); };
  window.watching = true; requestAnimationFrame(f); };

/** Mounts a viewer on a generated log and resolves with the elapsed time once it holds every line. */
window.run = async ({count, perSecond, maxLines}) => {
  plan = {count, perSecond};
  document.body.replaceChildren();
  const provider = document.createElement('kube-provider');
  provider.client = client;
  provider.setAttribute('cluster', 'sandbox');
  const logs = document.createElement('kube-pod-logs');
  Object.assign(logs, {namespace: 'team-a', pod, maxLines, tailLines: 'all'});
  provider.append(logs);
  window.watchFrames();
  const started = performance.now();
  document.body.append(provider);
  await new Promise((resolve) => { const check = () => logs.lineCount + logs.droppedCount >= count ? resolve() : requestAnimationFrame(check); check(); });
  const ms = performance.now() - started;
  window.watching = false;
  const last = logs.shadowRoot.querySelector('[part~="line"]:last-child [part~="line-number"]')?.textContent;
  const gaps = window.frameGaps.sort((a, b) => a - b);
  return {ms, longestFrame: window.longestFrame, longestTask: window.longestTask, p99Frame: gaps[Math.floor(gaps.length * 0.99)], frames: gaps.length, over50: gaps.filter((g) => g > 50).length, lastShown: Number(last), held: logs.lineCount};
};

window.search = ({lines, query, regex}) => {
  const buffer = new LogBuffer(lines);
  for (let i = 0; i < lines; i++) buffer.append(text(i), 0, base + i);
  const times = [];
  let found = 0;
  for (let run = 0; run < 6; run++) {
    const t = performance.now();
    found = searchLines(buffer, compileSearch(run ? query : query + 'x', {regex})).length;
    times.push(performance.now() - t);
  }
  // The first search strips escape sequences from every line; later ones (each keystroke) reuse that.
  return {found, firstMs: times[0], ms: times.slice(1).sort((a, b) => a - b)[2]};
};
`;

interface Run {
  ms: number;
  longestFrame: number;
  p99Frame: number;
  frames: number;
  over50: number;
  lastShown: number;
  held: number;
}

function row(name: string, lines: number, r: Run) {
  const rate = Math.round(lines / (r.ms / 1000)).toLocaleString('en');
  return `| ${name} | ${rate} lines/s | ${r.longestFrame.toFixed(0)} ms | ${r.p99Frame.toFixed(0)} ms | ${r.over50} of ${r.frames} | ${r.lastShown.toLocaleString('en')} |`;
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

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kube-logs-bench-'));
  writeFileSync(join(dir, 'entry.ts'), ENTRY);
  await build({entryPoints: [join(dir, 'entry.ts')], bundle: true, format: 'esm', outfile: join(dir, 'bench.js'), tsconfig: join(root, 'tsconfig.json'), logLevel: 'error', define: {'process.env.NODE_ENV': '"production"'}, conditions: ['production']});
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>logs bench</title><link rel="icon" href="data:,"></head><body><script type="module" src="./bench.js"></script></body></html>`;
  const server = createServer((req, res) => {
    const file = req.url === '/bench.js' ? 'bench.js' : undefined;
    res.writeHead(200, {'Content-Type': file ? 'text/javascript' : 'text/html'});
    res.end(file ? readFileSync(join(dir, file)) : page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  const browser = await chromium.launch({executablePath: ensureChrome(), headless: true, args: [...CHROME_FLAGS, '--enable-precise-memory-info']});
  const out: string[] = [];
  try {
    const open = async () => {
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

    let p = await open();
    const burst = (await p.evaluate('window.run({count: 1000000, perSecond: 0, maxLines: 100000})')) as Run;
    out.push(row('as fast as delivered, 1,000,000 lines, cap 100,000', 1e6, burst));
    console.log(JSON.stringify({burst}));
    await p.close();

    p = await open();
    // --profile prints where the steady run's main-thread time goes.
    const profiler = process.argv.includes('--profile') ? await p.context().newCDPSession(p) : undefined;
    await profiler?.send('Profiler.enable');
    await profiler?.send('Profiler.start');
    const steady = (await p.evaluate('window.run({count: 500000, perSecond: 100000, maxLines: 100000})')) as Run;
    if (profiler) printProfile(((await profiler.send('Profiler.stop')) as {profile: CpuProfile}).profile);
    out.push(row('steady 100,000 lines/s for 5 s', 5e5, steady));
    console.log(JSON.stringify({steady}));
    await p.close();

    p = await open();
    const empty = await heapMB(p);
    const full = (await p.evaluate('window.run({count: 1000000, perSecond: 0, maxLines: 1000000})')) as Run;
    const heap = await heapMB(p);
    console.log(JSON.stringify({full, heap, empty}));
    const search = (await p.evaluate(`window.search({lines: 100000, query: 'timed out', regex: false})`)) as {found: number; ms: number; firstMs: number};
    const regex = (await p.evaluate(`window.search({lines: 100000, query: 'path=/api/v1/\\\\w+ .*after [0-9]{3}ms', regex: true})`)) as {found: number; ms: number; firstMs: number};
    console.log(JSON.stringify({search, regex}));
    await p.close();

    const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, Chromium ${browser.version()}`;
    console.log(`\n<kube-pod-logs> benchmark — ${new Date().toISOString().slice(0, 10)}, ${machine}\n`);
    console.log('| following | ingested and rendered | longest frame | 99th percentile frame | frames over 50 ms | last line rendered when all had arrived |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of out) console.log(row);
    console.log(`\nHeap holding 1,000,000 lines (max-lines=1000000, ~85 characters a line): ${heap.toFixed(1)} MB (page before: ${empty.toFixed(1)} MB; ${full.held.toLocaleString('en')} lines held).`);
    console.log(`Search over 100,000 lines (five in six with ANSI colours): plain ${search.ms.toFixed(1)} ms (${search.found.toLocaleString('en')} matching lines), regex ${regex.ms.toFixed(1)} ms (${regex.found.toLocaleString('en')}); medians of 5. The first search, which strips escapes once: ${search.firstMs.toFixed(1)} ms.`);
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, {recursive: true, force: true});
  }
}

await main();
