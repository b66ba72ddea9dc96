/**
 * `<kube-resource-list>` at scale, as a static page sees it: dist/bundle.js against the sandbox over
 * HTTP, in headless Chromium. Prints first rows, all rows, the fetch+parse floor, heap, longest
 * task, and a watch storm's longest frame and per-event cost. Figures, not pass/fail.
 */
import {copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {tmpdir, cpus} from 'node:os';
import {spawnSync} from 'node:child_process';
import {chromium, type Browser, type CDPSession, type Page} from 'playwright-core';
import {CHROME_FLAGS, ensureChrome, root} from '../scripts/ensure-deps.mjs';
import {startSandboxServer, type RunningSandbox} from '../src/server/sandbox-command.js';

const LIST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,">
<script type="module" src="./bundle.js"></script></head>
<body><kube-provider cluster="sandbox"><kube-resource-list id="list" kind="pods" namespace="load"></kube-resource-list></kube-provider></body></html>`;

/** The floor: the same paged Table list (the informer's page sizes), fetched and parsed, nothing painted. */
const FLOOR_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><link rel="icon" href="data:,"></head><body><script type="module">
let token = ''; let rows = 0; let limit = 500;
do {
  const url = '/clusters/sandbox/api/v1/namespaces/load/pods?includeObject=Metadata&limit=' + limit + (token ? '&continue=' + encodeURIComponent(token) : '');
  const page = JSON.parse(await (await fetch(url, {headers: {Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io, application/json'}})).text());
  rows += page.rows.length; token = page.metadata.continue; limit = Math.min(limit * 2, 4000);
} while (token);
window.floorDone = {rows, ms: performance.now()};
</script></body></html>`;

/** Registered before any page script: long tasks, and frame gaps on demand. */
const INIT = `
window.longestTask = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longestTask = Math.max(window.longestTask, e.duration); }).observe({type: 'longtask', buffered: true});
window.watchFrames = () => { let last = performance.now(); window.longestFrame = 0; window.frames = 0;
  const tick = (now) => { window.longestFrame = Math.max(window.longestFrame, now - last); last = now; window.frames++; if (window.watching) requestAnimationFrame(tick); };
  window.watching = true; requestAnimationFrame(tick); };
`;

interface Figures {
  pods: number;
  firstRowsMs: number;
  allRowsMs: number;
  floorMs: number;
  heapMB: number;
  longestTaskMs: number;
}

/** Paired floor/list runs per size: single pairs spread 1–3× on a 2-core machine, so the median needs many. */
const RUNS = 11;

/** The value at a fraction of the way through the sorted values (0.5: the median). */
function quantile(values: number[], at: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * at + 0.5)]!;
}

const median = (values: number[]) => quantile(values, 0.5);

async function heapMB(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const {usedSize} = (await cdp.send('Runtime.getHeapUsage')) as {usedSize: number};
  await cdp.detach();
  return usedSize / 2 ** 20;
}

/** Main-thread seconds spent in script, style and layout, from one CDP session's counters. */
async function mainThreadSeconds(cdp: CDPSession) {
  const {metrics} = (await cdp.send('Performance.getMetrics')) as {metrics: Array<{name: string; value: number}>};
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return value('ScriptDuration') + value('LayoutDuration') + value('RecalcStyleDuration');
}

/**
 * Before each measured load: collect the sandbox's garbage (it shares this process) and let the
 * previous page's renderer wind down, so no run pays for the one before it.
 */
async function settle() {
  (globalThis as {gc?: () => void}).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
}

async function loadList(browser: Browser, origin: string, pods: number): Promise<{page: Page; figures: Omit<Figures, 'floorMs'>}> {
  await settle();
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  await page.addInitScript(INIT);
  await page.goto(`${origin}/static/list.html`);
  // In-page code goes as strings: tsx's helpers don't exist in the page.
  const firstRowsMs = (await page.evaluate(`new Promise((resolve) => {
    const check = () => document.getElementById('list')?.shadowRoot?.querySelector('[part~="row"]') ? resolve(performance.now()) : requestAnimationFrame(check);
    check();
  })`)) as number;
  const allRowsMs = (await page.evaluate(`new Promise((resolve) => {
    const check = () => {
      const list = document.getElementById('list');
      const count = list.shadowRoot?.querySelector('[part~="count"]')?.textContent?.replace(/\\D/g, '');
      if (list.hasState('ready') && Number(count) === ${pods}) resolve(performance.now());
      else requestAnimationFrame(check);
    };
    check();
  })`)) as number;
  const longestTaskMs = (await page.evaluate('window.longestTask')) as number;
  return {page, figures: {pods, firstRowsMs, allRowsMs, heapMB: await heapMB(page), longestTaskMs}};
}

async function floor(browser: Browser, origin: string) {
  await settle();
  const page = await browser.newPage();
  await page.goto(`${origin}/static/floor.html`);
  await page.waitForFunction('window.floorDone', null, {timeout: 120_000});
  const done = (await page.evaluate('window.floorDone')) as {ms: number};
  await page.close();
  return done.ms;
}

async function storm(page: Page, running: RunningSandbox, rate: number, seconds: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await mainThreadSeconds(cdp);
  await page.evaluate('window.watchFrames()');
  const events = await running.sandbox.clusters.get('sandbox')!.stormPods(rate, seconds * 1000, 'load');
  await page.waitForTimeout(500);
  const longestFrameMs = (await page.evaluate('window.watching = false, window.longestFrame')) as number;
  const busySeconds = (await mainThreadSeconds(cdp)) - before;
  await cdp.detach();
  return {events, longestFrameMs, perEventUs: (busySeconds * 1e6) / events};
}

async function main() {
  if (!existsSync(join(root, 'dist/bundle.js')) || process.argv.includes('--build')) {
    spawnSync(process.execPath, ['scripts/build.mjs', '--bundle-only'], {cwd: root, stdio: 'inherit'});
  }
  const stormSeconds = Number(process.env.BENCH_STORM_SECONDS ?? 30);
  const dir = mkdtempSync(join(tmpdir(), 'kube-bench-'));
  writeFileSync(join(dir, 'list.html'), LIST_PAGE);
  writeFileSync(join(dir, 'floor.html'), FLOOR_PAGE);
  copyFileSync(join(root, 'dist/bundle.js'), join(dir, 'bundle.js'));
  const browser = await chromium.launch({executablePath: ensureChrome(), headless: true, args: [...CHROME_FLAGS, '--enable-precise-memory-info']});
  const rows: string[] = [];
  const storms: Record<number, Awaited<ReturnType<typeof storm>>> = {};
  try {
    for (const pods of [1_000, 10_000, 30_000]) {
      const running = await startSandboxServer({port: 0, pods, paused: true, staticDir: dir});
      try {
        // Medians of paired runs reported: a 2-core machine's timings vary run to run.
        const floors: number[] = [];
        const loads: Array<Omit<Figures, 'floorMs'>> = [];
        let page: Page | undefined;
        for (let run = 0; run < RUNS; run++) {
          await page?.close();
          floors.push(await floor(browser, running.url));
          const loaded = await loadList(browser, running.url, pods);
          page = loaded.page;
          loads.push(loaded.figures);
        }
        const floorMs = median(floors);
        const figures = {
          pods,
          firstRowsMs: median(loads.map((l) => l.firstRowsMs)),
          allRowsMs: median(loads.map((l) => l.allRowsMs)),
          heapMB: Math.max(...loads.map((l) => l.heapMB)),
          longestTaskMs: Math.max(...loads.map((l) => l.longestTaskMs)),
        };
        // Each list load runs right after its own floor, so the pair shares the machine's load of the moment.
        const ratios = loads.map((load, run) => load.allRowsMs / floors[run]!);
        const ratio = median(ratios);
        const spread = `${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}×`;
        const all = {...figures, floorMs, ratio, spread};
        rows.push(
          `| ${pods.toLocaleString('en')} | ${all.firstRowsMs.toFixed(0)} ms | ${all.allRowsMs.toFixed(0)} ms | ${floorMs.toFixed(0)} ms | ${all.ratio.toFixed(2)}× | ${spread} | ${all.heapMB.toFixed(1)} MB | ${all.longestTaskMs.toFixed(0)} ms |`
        );
        console.log(JSON.stringify(all));
        if (pods !== 10_000) {
          storms[pods] = await storm(page!, running, 2000, stormSeconds);
          console.log(JSON.stringify({pods, storm: storms[pods]}));
        }
        await page!.close();
      } finally {
        await running.close();
      }
    }
  } finally {
    await browser.close();
    rmSync(dir, {recursive: true, force: true});
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${browser.version?.() ?? 'Chromium'}`;
  console.log(`\n<kube-resource-list> benchmark — ${new Date().toISOString().slice(0, 10)}, ${machine}\n`);
  console.log(`Medians of ${RUNS} runs; heap and longest task are the largest seen.\n`);
  console.log('| pods | first rows | all rows, sortable | floor (fetch + parse) | all ÷ floor (median of paired runs) | middle half of the pairs | JS heap | longest task |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(row);
  console.log(`\nWatch storm, 2,000 pod updates/s for ${stormSeconds} s:\n`);
  console.log('| rows | events applied | longest frame | main-thread time per event |');
  console.log('| ---: | ---: | ---: | ---: |');
  for (const [pods, s] of Object.entries(storms)) {
    console.log(`| ${Number(pods).toLocaleString('en')} | ${s.events.toLocaleString('en')} | ${s.longestFrameMs.toFixed(0)} ms | ${s.perEventUs.toFixed(1)} µs |`);
  }
  const ratio = storms[30_000] && storms[1_000] ? storms[30_000].perEventUs / storms[1_000].perEventUs : NaN;
  console.log(`\nPer-event cost at 30,000 rows ÷ at 1,000 rows: ${ratio.toFixed(2)}×`);
}

await main();
